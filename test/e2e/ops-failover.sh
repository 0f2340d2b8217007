#!/usr/bin/env bash
# Body of the failover scenarios a and b (scenarios/ops-failover-dr.sh, ops-failover-tun.sh), sourced by them.
#
# A VRRP pair of keepalived directors (lb1 priority 150, lb2 100) under continuous load from the
# client: short HTTP requests to VIP:80 and long-lived streams to VIP:7000. Phases, each a row:
#   a. planned: lb1's keepalived stopped (SIGTERM, as `systemctl stop`): lb2 takes over;
#   b. rejoin: lb1's keepalived started again: it stays BACKUP, the VIP does not move, 0 failures;
#   a. crash: lb2's keepalived SIGKILLed and its link cut: lb1 takes over.
# Before each takeover the BACKUP must hold every stream's connection entry (lvs_sync_daemon); after
# it no stream is reset and requests fail only within a window < 3 x advert_int + 1 s.
# Caller sets OPS_SCENARIO (name) and OPS_FIXTURE, and passes its arguments: [--until planned|rejoin]
# [--bundle DIR] (--until stops after that phase: the self-tests need no more).
set -Eeuo pipefail
until_phase=""
args=()
while (($#)); do
	case $1 in
	--until)
		until_phase=${2:?--until needs a phase}
		shift 2
		;;
	*)
		args+=("$1")
		shift
		;;
	esac
done
e2e_begin "$OPS_SCENARIO" "$OPS_FIXTURE" "${args[@]}"
# shellcheck source-path=SCRIPTDIR source=ops-lib.sh
source "$E2E_DIR/ops-lib.sh"

VIP=192.168.10.100
WEB=(web1 web2 web3)
RIPS=(192.168.10.11 192.168.10.12 192.168.10.13)
advert=$(awk '$1 == "advert_int" { print $2; exit }' "$E2E_BUNDLE/hosts/lb1/rootfs/etc/keepalived/keepalived.conf")
limit=$((3 * ${advert:-1} + 1))
method=${OPS_FIXTURE#lab-ops-}
method=${method^^}

e2e_hosts lan0 lb1 lb2 "${WEB[@]}" client
ip -n client addr add 192.168.10.50/24 dev eth0
e2e_apply lb1 lb2 "${WEB[@]}"
ops_serve web "${WEB[@]}"
e2e_phase "applied; servers listen"

full() { # full NS: both services of NS have all three real servers
	ops_table_is "$1" "$VIP:80" "${RIPS[*]/%/:80}" && ops_table_is "$1" "$VIP:7000" "${RIPS[*]/%/:7000}"
}
# Both start BACKUP with no preemption: the first to time out becomes MASTER, so lb1 starts first.
ops_keepalived_start lb1
if lab_poll 30 e2e_holds lb1 "$VIP" && lab_poll 15 full lb1; then
	e2e_ok "lb1 is MASTER with a full IPVS table for ports 80 and 7000"
else
	e2e_fail "lb1 did not become MASTER with a full table"
	ops_keepalived_logs lb1
fi
ops_keepalived_start lb2
if lab_poll 30 grep -q 'Entering BACKUP STATE' "$(ops_run)/lb2/keepalived.log" && lab_poll 15 full lb2; then
	e2e_ok "lb2 is BACKUP with a full IPVS table"
else
	e2e_fail "lb2 did not become BACKUP with a full table"
	ops_keepalived_logs lb2
fi
e2e_check "lb2 (BACKUP) does not hold the VIP" eval "! e2e_holds lb2 $VIP"
e2e_phase "keepalived up"

ops_client_start client --http "$VIP:80" --echo "$VIP:7000"
if ops_streams_open "$OPS_STREAMS"; then e2e_ok "$OPS_STREAMS long-lived streams open"; else e2e_fail "the streams did not open"; fi
sleep 1
t_start=$(ops_mark)

# takeover LABEL FROM TO ACTION...: FROM is MASTER with its BACKUP TO in sync; ACTION takes FROM
# down; TO must take the VIP; the phase's row: no stream reset, failures only within the window.
takeover() {
	local label=$1 from=$2 to=$3 t0 t1 took
	shift 3
	full "$to" || lab_poll 15 full "$to" || e2e_fail "$to's IPVS table is not full before the takeover"
	if lab_poll 15 ops_synced "$to" 7000 "$OPS_STREAMS"; then
		e2e_ok "$to (BACKUP) holds the $OPS_STREAMS streams' connection entries (lvs_sync_daemon)"
	else
		e2e_fail "$to (BACKUP) has not received the streams' connection entries within 15 s"
	fi
	t0=$(ops_mark)
	"$@"
	if lab_poll 20 e2e_holds "$to" "$VIP"; then
		took=$(awk -v a="$t0" -v b="$(ops_mark)" 'BEGIN { printf "%.1f", b - a }')
		e2e_ok "$to took the VIP ${took}s after $label of $from"
	else
		e2e_fail "$to did not take the VIP within 20 s of $label of $from"
		ops_keepalived_logs "$from" "$to"
	fi
	sleep $((limit + 2)) # requests sent during the takeover end (2 s timeout), then some answered by the new MASTER
	t1=$(ops_mark)
	ops_row "a. $method $label $from -> $to" "$t0" "$t1"
	ops_expect_zero "streams reset by the $label takeover" "$OPS_RESET"
	ops_expect_below "$label: requests failed only within the takeover window" "$OPS_WINDOW" "$limit"
	e2e_check "$label: requests are answered after the takeover ($OPS_SENT sent)" test "$OPS_SENT" -gt "$OPS_FAILED"
}

takeover "planned stop" lb1 lb2 ops_keepalived_stop lb1
e2e_phase "planned takeover done"

if [[ $until_phase != planned ]]; then
	# --- b: the old MASTER comes back: no preemption, the VIP stays where it is ---------------------
	t0=$(ops_mark)
	: >"$(ops_run)/lb1/keepalived.log"
	ops_keepalived_start lb1
	moved=0
	if lab_poll 40 grep -q 'Entering BACKUP STATE' "$(ops_run)/lb1/keepalived.log"; then
		e2e_ok "lb1 is back and BACKUP"
	else
		e2e_fail "lb1 did not enter BACKUP state"
		ops_keepalived_logs lb1
	fi
	# Watch the VIP for 3 x advert_int + 2 s after lb1's keepalived is up: a preempting lb1 would take it.
	deadline=$((SECONDS + limit + 2))
	while ((SECONDS < deadline)); do
		if e2e_holds lb1 "$VIP" || ! e2e_holds lb2 "$VIP"; then moved=1; fi
		sleep 0.2
	done
	t1=$(ops_mark)
	ops_row "b. $method lb1 back (lb2 stays MASTER)" "$t0" "$t1"
	ops_expect_zero "the VIP moved while lb1 came back" "$moved"
	ops_expect_zero "requests failed while lb1 came back" "$OPS_FAILED"
	ops_expect_zero "streams reset while lb1 came back" "$OPS_RESET"
	e2e_phase "rejoin done"
fi

if [[ -z $until_phase ]]; then
	takeover "crash" lb2 lb1 ops_keepalived_crash lb2
	e2e_phase "crash takeover done"
fi

ops_client_stop
ops_row "all phases" "$t_start" inf
ops_expect_rate
ops_expect_zero "streams reset over the whole run" "$OPS_RESET"
ops_table ""
e2e_end "$method: takeovers with $OPS_RESET streams reset, $OPS_FAILED of $OPS_SENT requests failed, within ${limit}s windows"
