#!/usr/bin/env bash
# Kernel-lab smoke test: the seed's LVS-TUN cluster, configured by hand in namespaces, must answer round-robin with zero director OutPkts.
#
# Run it through the lab:  bash lab/run-in-guest.sh lab/smoke-tun.sh
# Hand-written commands from the seed note (errata fixed: RS3 is 10.10.24.23, the
# director's gateway is 10.10.24.1); lvscc's generated apply.sh scripts replace them later.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=netns-lib.sh
source "$here/netns-lib.sh"

if [[ ${LVSCC_LAB:-} != 1 && ${1:-} != --on-this-host ]]; then
	echo "smoke-tun: builds namespaces and a bridge as root; run it in the lab:" >&2
	echo "  bash lab/run-in-guest.sh lab/smoke-tun.sh" >&2
	echo "(or pass --on-this-host on a disposable machine with IPVS)" >&2
	exit 2
fi

name=smoke-tun
start=$(date +%s.%N)
VIP=10.10.24.88
DIRECTOR_IP=10.10.24.2
CLIENT_IP=10.10.24.100
declare -A RIP=([rs1]=10.10.24.21 [rs2]=10.10.24.22 [rs3]=10.10.24.23)
REQUESTS=6

failed=0
fail() {
	echo "not ok: $*"
	failed=$((failed + 1))
}
diagnose() {
	local h
	echo "--- diagnostics"
	lab_exec lvs ipvsadm -Ln --stats --exact || true
	for h in lvs rs1 rs2 rs3 client; do
		echo "[$h]"
		lab_exec "$h" ip -br addr || true
		lab_exec "$h" ip -s link show tunl0 2>/dev/null || true
	done
}
on_exit() {
	local rc=$?
	if ((rc != 0 && !failed)); then
		echo "FAIL: $name: unexpected error (status $rc)"
		diagnose
	fi
	lab_cleanup
	exit "$rc"
}
trap on_exit EXIT

# --- topology: one bridge, five hosts --------------------------------------
lab_bridge_add lan0
for h in lvs rs1 rs2 rs3 client; do
	lab_host_add "$h" lan0 eth0
done

# --- director (seed "LVS服务器配置") ----------------------------------------
modprobe ipip 2>/dev/null || true # loaded at boot; a no-op here
lab_exec lvs ip link set tunl0 up
lab_exec lvs ip addr add "$DIRECTOR_IP/24" dev eth0
lab_exec lvs ip addr add "$VIP/32" broadcast "$VIP" dev eth0
lab_exec lvs ip route add default via 10.10.24.1
lab_sysctl lvs net.ipv4.ip_forward=0 net.ipv4.conf.all.send_redirects=1 \
	net.ipv4.conf.default.send_redirects=1 net.ipv4.conf.eth0.send_redirects=1
lab_exec lvs ipvsadm -A -t "$VIP:80" -s rr
for rs in rs1 rs2 rs3; do
	lab_exec lvs ipvsadm -a -t "$VIP:80" -r "${RIP[$rs]}:80" -i
done

# --- real servers (seed "RS1/RS2/RS3服务器配置") ------------------------------
for rs in rs1 rs2 rs3; do
	lab_exec "$rs" ip link set tunl0 up
	lab_sysctl "$rs" net.ipv4.ip_forward=0 \
		net.ipv4.conf.tunl0.arp_ignore=1 net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.tunl0.arp_announce=2 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.tunl0.rp_filter=0 net.ipv4.conf.all.rp_filter=0
	lab_exec "$rs" ip addr add "$VIP/32" broadcast "$VIP" dev tunl0
	lab_exec "$rs" ip addr add "${RIP[$rs]}/24" dev eth0
	lab_exec "$rs" ip route add "$VIP/32" dev tunl0
	lab_exec "$rs" ip route add default via 10.10.24.1
	lab_http_start "$rs" "$VIP" 80 "$rs"
done

# --- client -----------------------------------------------------------------
lab_exec client ip addr add "$CLIENT_IP/24" dev eth0
setup_done=$(date +%s.%N)

# --- checks -----------------------------------------------------------------
declare -A answers=([rs1]=0 [rs2]=0 [rs3]=0)
for ((i = 1; i <= REQUESTS; i++)); do
	if body=$(lab_curl client "http://$VIP/"); then
		echo "request $i: $body"
		if [[ -n $body && -n ${answers[$body]+set} ]]; then
			answers[$body]=$((answers[$body] + 1))
		else
			fail "request $i: unexpected answer '$body'"
		fi
	else
		fail "request $i: curl http://$VIP/ from the client failed"
	fi
done
for rs in rs1 rs2 rs3; do
	((answers[$rs] == 2)) || fail "$rs answered ${answers[$rs]} of $REQUESTS requests, expected 2"
done

# The kernel folds its per-CPU counters into what ipvsadm reads only every 2s
# (the rate estimator's timer): poll until all connections are counted.
stats_complete() {
	stats=$(lab_exec lvs ipvsadm -Ln --stats --exact) &&
		awk -v s="$VIP:80" -v n="$REQUESTS" '$1 == "TCP" && $2 == s && $3 >= n { ok = 1 } END { exit !ok }' <<<"$stats"
}
stats=""
lab_poll 6 stats_complete || true
echo "$stats"
# Service and destination lines: "TCP VIP:PORT Conns InPkts OutPkts InBytes OutBytes" / "-> RIP:PORT ...".
read -r svc_conns svc_in svc_out < <(awk -v s="$VIP:80" '$1 == "TCP" && $2 == s { print $3, $4, $5 }' <<<"$stats") ||
	fail "no TCP $VIP:80 line in ipvsadm -Ln --stats"
((${svc_conns:-0} == REQUESTS)) || fail "director counted ${svc_conns:-?} connections, expected $REQUESTS"
((${svc_in:-0} > 0)) || fail "director counted no incoming packets"
((${svc_out:-1} == 0)) || fail "director forwarded ${svc_out:-?} reply packets (OutPkts), expected 0: replies must bypass it"
nonzero_rs=$(awk '$1 == "->" && $5 ~ /^[0-9]+$/ && $5 != 0 { print $2 "=" $5 }' <<<"$stats")
[[ -z $nonzero_rs ]] || fail "destinations with OutPkts: $nonzero_rs"

end=$(date +%s.%N)
timing=$(awk -v a="$start" -v b="$setup_done" -v c="$end" 'BEGIN { printf "setup %.2fs, checks %.2fs", b - a, c - b }')
if ((failed)); then
	diagnose
	echo "FAIL: $name: $failed check(s) failed ($timing)"
	exit 1
fi
echo "PASS: $name: rr over rs1..rs3 answered ${answers[rs1]}/${answers[rs2]}/${answers[rs3]}, director OutPkts 0 ($timing)"
