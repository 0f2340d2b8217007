#!/usr/bin/env bash
# Scenario 1, TUN (fixtures/seed-tun-nftables.yaml): the seed cluster applied by its own apply.sh scripts,
# behind its generated nftables edge router.
#
# Asserts: every real server answers through the VIP and rr spreads requests evenly; the
# director forwards no reply packet (OutPkts 0: answers leave the real servers directly); and a
# client on the outside segment reaches the service through the edge router's public address,
# the router being a Linux namespace with the bundle's own nft ruleset, sysctl.d and addresses.
#   bash test/e2e/run.sh tun        # from the host
# In the guest: bash test/e2e/scenarios/tun.sh [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin tun seed-tun-nftables "$@"

VIP=10.10.24.88
PUBLIC=112.2.21.88
RS=(rs1 rs2 rs3)

# Inside segment lan0: director, real servers, the router's inside leg (the hosts' gateway).
# Outside segment wan0: the router's outside leg (the public address) and the client.
e2e_hosts lan0 lvs "${RS[@]}"
e2e_router edge eth0:lan0 eth1:wan0
e2e_hosts wan0 client
ip -n client addr add 112.2.21.100/24 dev eth0
# The client reaches the private VIP through the router too (routed, not translated).
ip -n client route add 10.10.24.0/24 via "$PUBLIC"

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
