#!/usr/bin/env bash
# Scenario 3, NAT (fixtures/lab-nat.yaml): a two-legged director, applied by its own apply.sh scripts.
#
# Clients sit on the outside segment (the director's eth0, which holds the VIP), real servers on
# the inside segment (the director's eth1) with the director's inside address as their gateway.
# Asserts: every real server answers through the VIP and rr spreads requests evenly; the
# responses do cross the director (OutPkts > 0, as many reply packets as the servers sent);
# the real servers see the client's own address (NAT rewrites only the destination).
#   bash test/e2e/run.sh nat        # from the host
# In the guest: bash test/e2e/scenarios/nat.sh [--bundle DIR]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin nat lab-nat "$@"

VIP=172.16.40.88
CLIENT=172.16.40.100
RS=(rs1 rs2 rs3)

lab_bridge_add out0
lab_bridge_add in0
lab_host_add lvs out0 eth0
lab_link_add lvs in0 eth1
E2E_DIAG_HOSTS+=(lvs)
e2e_hosts in0 "${RS[@]}"
e2e_hosts out0 client
ip -n client addr add "$CLIENT/24" dev eth0
e2e_phase "namespaces ready"

e2e_apply lvs "${RS[@]}"
# NAT real servers receive the requests at their own address: listen on every address.
for rs in "${RS[@]}"; do e2e_http "$rs" 0.0.0.0; done
e2e_phase "applied; HTTP servers listen"

e2e_requests client "http://$VIP/" 6
e2e_expect_spread "6 requests to the VIP, rr over the real servers" 6 "${RS[@]}"
# busybox httpd closes first, so rs1 keeps TIME-WAIT sockets whose peer is the client.
e2e_check "rs1 saw the client's own address as the source" \
	bash -c "ip netns exec rs1 ss -Htan | awk '{ print \$5 }' | grep -q '^$CLIENT:'"
e2e_phase "requests done"

stats=$(e2e_ipvs_stats lvs "TCP $VIP:80" 6)
read -r conns inpkts outpkts _ outbytes <<<"${stats:-? ? ? ? ?}"
e2e_note "director stats: ${stats:-none} (conns inpkts outpkts inbytes outbytes)"
e2e_expect_eq "director counted every connection" 6 "$conns"
e2e_check "director saw the requests (InPkts $inpkts > 0)" test "${inpkts//[!0-9]/}" -gt 0
e2e_check "responses crossed the director (OutPkts $outpkts > 0, OutBytes $outbytes)" test "${outpkts//[!0-9]/}" -gt 0

e2e_end "rr $(e2e_answers | tr ' ' ,), director InPkts $inpkts OutPkts $outpkts"
