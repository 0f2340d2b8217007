#!/usr/bin/env bash
# Extra scenario, IPv6 TUN (fixtures/lab-tun6.yaml): ip6ip6 from the director to real servers that
# hold the VIP on ip6tnl0. Asserts: the director's VIP is deprecated (never its source address:
# real servers drop tunnelled packets whose outer source is an address of their own, and they hold
# the VIP); every real server answers through the VIP, rr evenly; director OutPkts 0.
#   bash test/e2e/run.sh tun6       # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin tun6 lab-tun6 "$@"

VIP=2001:db8:24::88
RS=(rs1 rs2 rs3)
e2e_hosts lan0 lvs "${RS[@]}" client
ip -n client addr add 2001:db8:24::100/64 dev eth0 nodad
e2e_phase "namespaces ready"
e2e_apply lvs "${RS[@]}"
for rs in "${RS[@]}"; do e2e_http "$rs" "$VIP"; done
e2e_phase "applied; HTTP servers listen"

e2e_check "the director's VIP is deprecated (preferred_lft 0)" \
	bash -c "ip -n lvs -6 -o addr show dev eth0 | grep -F ' $VIP/128 ' | grep -qw deprecated"
e2e_requests client "http://[$VIP]/" 6
e2e_expect_spread "6 requests to the VIP, rr over the real servers" 6 "${RS[@]}"
stats=$(e2e_ipvs_stats lvs "TCP [$VIP]:80" 6)
read -r conns inpkts outpkts _ _ <<<"${stats:-? ? ? ? ?}"
e2e_note "director stats: ${stats:-none} (conns inpkts outpkts inbytes outbytes)"
e2e_expect_eq "director counted every connection" 6 "$conns"
e2e_expect_eq "director forwarded no reply (OutPkts)" 0 "$outpkts"

e2e_end "IPv6 rr $(e2e_answers | tr ' ' ,), director OutPkts $outpkts of InPkts $inpkts"
