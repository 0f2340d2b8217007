#!/usr/bin/env bash
# Scenario 6, the seed note's headline, measured: bytes through the director in TUN versus NAT.
#
# The seed note says TUN lets a cluster carry up to 10x more, because the director handles only
# the requests while the (much larger) responses go from the real servers to the client directly.
# Both clusters (fixtures/seed-tun.yaml and fixtures/lab-nat.yaml) are applied side by side by
# their own apply.sh scripts; the same client traffic (GETs whose responses are ~10x the bytes of
# the requests) goes through each. Counted on each director: IPVS InBytes + OutBytes
# (ipvsadm --stats --exact) and, as a cross-check, the interface byte counters.
# Asserts: TUN OutBytes 0; NAT OutBytes > 0; NAT/TUN director bytes >= 5. Prints the ratio.
#   bash test/e2e/run.sh headline   # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin headline seed-tun "$@"

TUN=$E2E_OUT/bundles/seed-tun
NAT=$E2E_OUT/bundles/lab-nat
REQUESTS=12
BODY_BYTES=${LVSCC_E2E_BODY_BYTES:-3900}
RS=(rs1 rs2 rs3)

# TUN cluster: t-* namespaces on bridge tlan; NAT cluster: n-* on nout (outside) and nin (inside).
lab_bridge_add tlan
lab_bridge_add nout
lab_bridge_add nin
for h in lvs "${RS[@]}"; do
	lab_host_add "t-$h" tlan eth0
	E2E_DIAG_HOSTS+=("t-$h")
done
lab_host_add t-client tlan eth0
ip -n t-client addr add 10.10.24.100/24 dev eth0
lab_host_add n-lvs nout eth0
lab_link_add n-lvs nin eth1
for h in "${RS[@]}"; do lab_host_add "n-$h" nin eth0; done
lab_host_add n-client nout eth0
ip -n n-client addr add 172.16.40.100/24 dev eth0
E2E_DIAG_HOSTS+=(n-lvs)
e2e_phase "namespaces ready"

for h in lvs "${RS[@]}"; do
	e2e_run_script "$TUN" "$h" "t-$h" apply || e2e_fail "t-$h: apply.sh failed"
	e2e_run_script "$NAT" "$h" "n-$h" apply || e2e_fail "n-$h: apply.sh failed"
done
e2e_phase "both clusters applied"

# A response body of BODY_BYTES (default chosen so that the response bytes, headers and TCP
# overhead included, are about 10x the request bytes).
body=$(head -c "$BODY_BYTES" /dev/zero | tr '\0' x)
for rs in "${RS[@]}"; do
	e2e_http "t-$rs" 10.10.24.88 80 "$body"
	e2e_http "n-$rs" 0.0.0.0 80 "$body"
done
e2e_phase "HTTP servers listen"

# dev_bytes NS DEV...: rx + tx bytes of the devices.
dev_bytes() {
	local ns=$1
	shift
	ip -n "$ns" -s -j link show | jq --argjson devs "$(printf '%s\n' "$@" | jq -R . | jq -s .)" \
		'[.[] | select(.ifname as $n | $devs | index($n)) | .stats64.rx.bytes + .stats64.tx.bytes] | add'
}

# measure NAME NS CLIENT VIP DEV...: zero the director's counters, send the requests; sets
# M_IN M_OUT (IPVS InBytes OutBytes) and M_DEV (bytes through the director's devices).
measure() {
	local name=$1 ns=$2 client=$3 vip=$4 dev0 dev1 stats conns inpkts outpkts
	shift 4
	ip netns exec "$ns" ipvsadm -Z
	dev0=$(dev_bytes "$ns" "$@")
	e2e_requests "$client" "http://$vip/" "$REQUESTS"
	stats=$(e2e_ipvs_stats "$ns" "TCP $vip:80" "$REQUESTS")
	dev1=$(dev_bytes "$ns" "$@")
	read -r conns inpkts outpkts M_IN M_OUT <<<"${stats:-0 0 0 0 0}"
	M_DEV=$((dev1 - dev0))
	e2e_note "$name director: $conns conns, in $inpkts pkts / $M_IN B, out $outpkts pkts / $M_OUT B; interfaces $*: $M_DEV B"
	((conns == REQUESTS)) || e2e_fail "$name: the director counted $conns connections, expected $REQUESTS"
	((E2E_REQUEST_ERRORS == 0)) || e2e_fail "$name: $E2E_REQUEST_ERRORS request(s) failed"
}

measure TUN t-lvs t-client 10.10.24.88 eth0
t_in=$M_IN t_out=$M_OUT t_dev=$M_DEV
measure NAT n-lvs n-client 172.16.40.88 eth0 eth1
n_in=$M_IN n_out=$M_OUT n_dev=$M_DEV
e2e_phase "measured"

e2e_expect_eq "TUN: no response byte crossed the director (OutBytes)" 0 "$t_out"
e2e_check "NAT: the responses crossed the director (OutBytes $n_out > 0)" test "$n_out" -gt 0
read -r resp_req ipvs_ratio dev_ratio < <(awk -v ti="$t_in" -v to="$t_out" -v ni="$n_in" -v no="$n_out" -v td="$t_dev" -v nd="$n_dev" \
	'BEGIN { printf "%.1f %.1f %.1f\n", (ni ? no / ni : 0), (ti + to ? (ni + no) / (ti + to) : 0), (td ? nd / td : 0) }')
e2e_note "responses/requests (NAT director, bytes): ${resp_req}x"
e2e_note "director bytes NAT/TUN: IPVS counters ${ipvs_ratio}x ($((n_in + n_out)) / $((t_in + t_out)) B), interface counters ${dev_ratio}x ($n_dev / $t_dev B)"
e2e_check "the director carries >= 5x fewer bytes in TUN than in NAT (${ipvs_ratio}x)" awk -v r="$ipvs_ratio" 'BEGIN { exit !(r >= 5) }'

e2e_end "director bytes NAT/TUN = ${ipvs_ratio}x by IPVS counters, ${dev_ratio}x by interface counters, responses ${resp_req}x the requests"
