#!/usr/bin/env bash
# Scenario 2, DR (fixtures/lab-dr.yaml): one segment, static manager, applied by its own apply.sh scripts.
#
# Asserts the same as scenario 1: every real server answers through the VIP and rr spreads
# requests evenly; the director forwards no reply packet (OutPkts 0); only the director answers
# ARP for the VIP (real servers hold it on the dummy device lvs0); a client on the outside segment
# reaches the service through the edge router's public address (its generated nftables DNAT).
#   bash test/e2e/run.sh dr         # from the host
# In the guest: bash test/e2e/scenarios/dr.sh [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin dr lab-dr "$@"

VIP=10.30.0.88
ROUTER_OUT=198.51.100.1
PUBLIC=198.51.100.88
RS=(rs1 rs2 rs3)

e2e_hosts lan0 lvs "${RS[@]}"
e2e_router edge eth0:lan0 eth1:wan0 # eth1 holds the published address too (not the router's own here)
e2e_hosts wan0 client
ip -n client addr add 198.51.100.100/24 dev eth0
ip -n client route add 10.30.0.0/24 via "$ROUTER_OUT"
e2e_phase "namespaces ready"

e2e_apply lvs "${RS[@]}"
for rs in "${RS[@]}"; do e2e_http "$rs" "$VIP"; done
e2e_phase "applied; HTTP servers listen"

e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests to the VIP, rr over the real servers" 6 "${RS[@]}"
e2e_requests client "http://$PUBLIC/" 3
e2e_expect_spread "3 requests to the public address through the router's generated DNAT" 3 "${RS[@]}"
e2e_expect_eq "the router reaches the VIP at the director's MAC" \
	"$(ip -n lvs -j link show eth0 | jq -r '.[0].address')" \
	"$(ip -n edge -j neigh show "$VIP" dev eth0 | jq -r '.[0].lladdr // "none"')"
e2e_phase "requests done"

stats=$(e2e_ipvs_stats lvs "TCP $VIP:80" 9)
read -r conns inpkts outpkts _ _ <<<"${stats:-? ? ? ? ?}"
e2e_note "director stats: ${stats:-none} (conns inpkts outpkts inbytes outbytes)"
e2e_expect_eq "director counted every connection" 9 "$conns"
e2e_check "director saw the requests (InPkts $inpkts > 0)" test "${inpkts//[!0-9]/}" -gt 0
e2e_expect_eq "director forwarded no reply (OutPkts)" 0 "$outpkts"

e2e_end "rr $(e2e_answers | tr ' ' ,) via the router, director OutPkts $outpkts of InPkts $inpkts"
