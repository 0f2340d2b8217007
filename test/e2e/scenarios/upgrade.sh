#!/usr/bin/env bash
# Extra scenario, upgrade: a changed topology applied over the applied old one, then torn down.
#
# run.sh builds bundles/seed-tun-v2 from seed-tun.yaml with the VIP moved from 10.10.24.88 to
# 10.10.24.89 and the gateway from 10.10.24.1 to 10.10.24.254 (same cluster name, so the same
# state file). rs1 starts with a DHCP-style default route of metric 100. Every host: apply v1,
# then apply v2. Asserts: v2 answers (traffic through the new VIP, rr over the three real
# servers, OutPkts 0); the old VIP, the old IPVS service and the old gateway are gone, the new
# ones present, an IPVS service of someone else untouched; the state file names nothing of v1
# that v2 does not want; a v2 teardown.sh returns every namespace to its state before v1.
#   bash test/e2e/run.sh upgrade   # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin upgrade seed-tun "$@"

run=$E2E_RUN/$E2E_NAME
V1=$E2E_OUT/bundles/seed-tun
V2=$E2E_OUT/bundles/seed-tun-v2
OLD=10.10.24.88
NEW=10.10.24.89
RS=(rs1 rs2 rs3)
[[ -f $V2/manifest.json ]] || {
	e2e_fail "no bundle at $V2 (run.sh builds it)"
	e2e_end "-"
}

e2e_hosts lan0 lvs "${RS[@]}" client
ip -n client addr add 10.10.24.100/24 dev eth0
ip netns exec lvs ipvsadm -A -t 10.99.0.1:8080 -s wlc
ip -n rs1 addr add 10.10.24.21/24 dev eth0
ip -n rs1 route add default via 10.10.24.250 dev eth0 proto dhcp metric 100
e2e_phase "namespaces ready"

snap() {
	local -a keys
	mapfile -t keys < <(e2e_sysctls_of "$V1/hosts/$1/apply.sh")
	e2e_snapshot "$1" "${keys[@]}" >"$run/$1.$2"
}
for h in lvs "${RS[@]}"; do
	snap "$h" before
	e2e_run_script "$V1" "$h" "$h" apply || e2e_fail "$h: v1 apply.sh failed"
done
e2e_phase "v1 applied"
for h in lvs "${RS[@]}"; do
	if e2e_run_script "$V2" "$h" "$h" apply; then e2e_ok "$h: v2 apply.sh over v1"; else e2e_fail "$h: v2 apply.sh over v1 failed"; fi
done
e2e_phase "v2 applied"

has_vip() { ip -n "$1" -o addr show dev "$2" | grep -F " $3/32 " >/dev/null; }
for h in lvs "${RS[@]}"; do
	dev=tunl0
	[[ $h == lvs ]] && dev=eth0
	e2e_check "$h: the new VIP $NEW is on $dev" has_vip "$h" "$dev" "$NEW"
	e2e_check "$h: the old VIP $OLD is gone from $dev" eval "! has_vip $h $dev $OLD"
	state=$(e2e_state_dir "$h")/web-tun/$h.state
	if grep -E "$OLD|via 10\.10\.24\.1 " "$state" >/dev/null 2>&1; then
		e2e_fail "$h: the state file still names v1's VIP or gateway: $(grep -E "$OLD|via 10\.10\.24\.1 " "$state" | tr '\t\n' ' ;')"
	else
		e2e_ok "$h: the state file names nothing of v1's VIP or gateway"
	fi
	e2e_expect_eq "$h: the first default route is v2's gateway" "10.10.24.254" \
		"$(ip -n "$h" -j route show default | jq -r '.[0].gateway')"
	e2e_expect_eq "$h: v1's default route is gone" "" "$(ip -n "$h" route show default via 10.10.24.1)"
done
table=$(ip netns exec lvs ipvsadm -Sn)
e2e_check "lvs: the IPVS service $NEW:80 exists" grep -F -- "-A -t $NEW:80 " <<<"$table"
e2e_check "lvs: the IPVS service $OLD:80 is gone" eval "! grep -F -- '-t $OLD:80 ' <<<\"\$table\""
e2e_check "lvs: the foreign IPVS service 10.99.0.1:8080 is untouched" grep -F -- "-A -t 10.99.0.1:8080 -s wlc" <<<"$table"

for rs in "${RS[@]}"; do e2e_http "$rs" "$NEW"; done
e2e_requests client "http://$NEW/" 6
e2e_expect_spread "6 requests to the new VIP" 6 "${RS[@]}"
stats=$(e2e_ipvs_stats lvs "TCP $NEW:80" 6)
read -r conns _ outpkts _ _ <<<"${stats:-? ? ? ? ?}"
e2e_expect_eq "director counted the connections to the new VIP" 6 "$conns"
e2e_expect_eq "director forwarded no reply (OutPkts)" 0 "$outpkts"
e2e_phase "traffic checked"

for h in lvs "${RS[@]}"; do
	e2e_run_script "$V2" "$h" "$h" teardown || e2e_fail "$h: v2 teardown.sh failed"
	snap "$h" after
	e2e_same "$h: v2 teardown.sh restored the state before v1" "$run/$h.before" "$run/$h.after"
done

e2e_end "VIP moved $OLD -> $NEW by re-applying; old VIP and service removed, foreign service kept, teardown exact"
