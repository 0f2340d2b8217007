#!/usr/bin/env bash
# Helpers of the operations suite (scenarios/ops-*.sh), sourced after e2e-lib.sh in the kernel-lab guest.
#
# Every ops scenario runs load.py: servers on the real servers (HTTP on 80 naming the host, a
# line-echo port 7000, DNS on 53 where asked) and one client that sends short HTTP requests at
# OPS_RATE per second and keeps OPS_STREAMS long-lived TCP connections that send a line every
# 100 ms. A scenario marks phases with ops_mark and reports each with ops_row, which prints one
# row of the suite's table (also collected and printed again by ops_table):
#   | scenario / phase | requests sent | failed | connections reset | takeover window | longest stall |
# keepalived runs in a private mount namespace of its director's namespace with the bundle's
# keepalived.conf at its installed path, /etc/keepalived/keepalived.conf, so that the manifest's own
# reload command can run there verbatim (ops_in_keepalived).
# shellcheck disable=SC2034 # OPS_* results are read by the scenarios

OPS_LOAD=$E2E_DIR/load.py
OPS_RATE=${OPS_RATE:-20}
OPS_STREAMS=${OPS_STREAMS:-4}
OPS_ROWS=()
OPS_CLIENT_PID=""

ops_run() { echo "$E2E_RUN/$E2E_NAME"; }

# ops_cleanup: SIGKILL every process the scenario started, before e2e-lib's exit handler deletes the
# namespaces: a keepalived still shutting down (or a server still starting) would keep its namespace
# and veth alive into the next scenario. Chained in front of e2e_on_exit, with the exit status kept.
ops_cleanup() {
	local pid f ns
	for f in "$(ops_run)"/*/vrrp.pid "$(ops_run)"/*/checkers.pid; do
		[[ ! -s $f ]] || kill -KILL "$(<"$f")" 2>/dev/null || true
	done
	for pid in "${E2E_EXTRA_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
	for pid in "${E2E_EXTRA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	E2E_EXTRA_PIDS=()
	# The kernel dismantles a deleted namespace later (IPVS and its sync threads included: seconds
	# under TCG); until then its veth's outer end keeps its name, and the next scenario's host of the
	# same name cannot be created. Wait until every veth of the guest's root namespace is gone.
	for ns in "${LAB_NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
	LAB_NAMESPACES=()
	lab_poll 90 ops_no_veth || echo "ops: veths still present 90 s after the namespaces were deleted" >&2
}
ops_no_veth() { [[ -z $(ip -o link show type veth 2>/dev/null) ]]; }
# shellcheck disable=SC2154 # ops_rc is assigned inside the trap
trap 'ops_rc=$?; set +e; trap - ERR; ops_cleanup; (exit "$ops_rc"); e2e_on_exit' EXIT

# ops_mark: the current time, in the clock of load.py's events (seconds since the epoch).
ops_mark() { echo "${EPOCHREALTIME/,/.}"; }

# ops_serve ID [load.py serve options] HOST[=ADDR]...: one load.py server process (handle ID) serving
# each HOST inside its namespace (default options: HTTP 80 and echo 7000).
ops_serve() {
	local id=$1 log
	shift
	[[ $1 == --* ]] || set -- --http 80 --echo 7000 "$@"
	log="$(ops_run)/serve-$id.log"
	python3 -I -S "$OPS_LOAD" serve --netns "$@" >"$log" 2>&1 &
	E2E_EXTRA_PIDS+=($!)
	echo $! >"$(ops_run)/serve-$id.pid"
	lab_poll 120 grep -q ready "$log" || {
		e2e_fail "load.py serve $* did not start"
		sed 's/^/  /' "$log"
		return 1
	}
}

# ops_serve_stop ID: SIGTERM to server process ID (it exits at once, like a crashed daemon).
ops_serve_stop() {
	local pid
	pid=$(<"$(ops_run)/serve-$1.pid")
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ops_client_start NS [load.py client options]: the load client in NS; events in $(ops_run)/events.
ops_client_start() {
	local ns=$1
	shift
	OPS_EVENTS="$(ops_run)/events"
	: >"$OPS_EVENTS"
	ip netns exec "$ns" python3 -I -S "$OPS_LOAD" client --events "$OPS_EVENTS" --rate "$OPS_RATE" --streams "$OPS_STREAMS" --timeout 3 "$@" \
		>"$(ops_run)/client.log" 2>&1 &
	OPS_CLIENT_PID=$!
	E2E_EXTRA_PIDS+=("$OPS_CLIENT_PID")
}

# ops_client_stop: SIGTERM; the client finishes its requests in flight and closes its streams.
ops_client_stop() {
	[[ -n $OPS_CLIENT_PID ]] || return 0
	kill -TERM "$OPS_CLIENT_PID" 2>/dev/null || true
	wait "$OPS_CLIENT_PID" 2>/dev/null || true
	OPS_CLIENT_PID=""
	[[ ! -s $(ops_run)/client.log ]] || sed 's/^/  client: /' "$(ops_run)/client.log"
}

# ops_streams_open N: wait until N streams are open (their first line was echoed).
ops_streams_open() { lab_poll 60 ops_opened "$1"; }
ops_opened() { (($(grep -c '^S .* open ' "$OPS_EVENTS" || true) >= $1)); }

# ops_report LABEL FROM TO [--dns]: the counts of the events of [FROM, TO) in OPS_SENT OPS_FAILED
# OPS_RESET OPS_WINDOW OPS_STALL OPS_ANSWERS, OPS_DNS_*, OPS_LONG_*, OPS_WHY; the table row in OPS_ROW.
ops_report() {
	local out
	out=$(python3 -I -S "$OPS_LOAD" report "$OPS_EVENTS" "$2" "$3" --label "$E2E_NAME: $1" "${@:4}")
	read -r OPS_SENT OPS_FAILED OPS_RESET OPS_WINDOW OPS_STALL OPS_ANSWERS OPS_ACHIEVED < <(sed -n 1p <<<"$out" | sed 's/[a-z_]*=//g')
	read -r OPS_DNS_SENT OPS_DNS_FAILED OPS_DNS_WINDOW OPS_DNS_ANSWERS OPS_LONG_SENT OPS_LONG_FAILED OPS_WHY < <(sed -n 2p <<<"$out" | sed 's/[a-z_]*=//g')
	OPS_ROW=$(sed -n 3p <<<"$out")
}

# ops_row LABEL FROM TO [--dns]: ops_report, then prints the table row and keeps it for ops_table.
ops_row() {
	ops_report "$@"
	OPS_ROWS+=("$OPS_ROW")
	echo "  ROW $OPS_ROW"
	e2e_note "answers: $OPS_ANSWERS; dns answers: $OPS_DNS_ANSWERS; failures: $OPS_WHY; $OPS_ACHIEVED requests/s"
}

# ops_expect_rate: the last report's client achieved at least 90 % of OPS_RATE requests per second
# (a guest too slow to generate the load proves nothing about behaviour under load).
ops_expect_rate() {
	if awk -v a="$OPS_ACHIEVED" -v r="$OPS_RATE" 'BEGIN { exit !(a >= 0.9 * r) }'; then
		e2e_ok "the client sent $OPS_ACHIEVED requests/s (asked: $OPS_RATE)"
	else
		e2e_fail "the client sent only $OPS_ACHIEVED requests/s (asked: $OPS_RATE): the guest is too slow for this load"
	fi
}

# ops_table [dns]: every row of this scenario, under the table's header.
ops_table() {
	echo "OPS-TABLE $E2E_NAME"
	echo "| scenario: phase | requests sent | failed | connections reset | failure window | longest stream stall |${1:+ dns sent / failed |}"
	echo "|---|---|---|---|---|---|${1:+---|}"
	printf '%s\n' "${OPS_ROWS[@]}"
}

# ops_expect_zero WHAT VALUE: a check that VALUE is 0.
ops_expect_zero() { e2e_expect_eq "$1" 0 "$2"; }

# ops_expect_below MSG VALUE LIMIT: a check that VALUE < LIMIT (decimals).
ops_expect_below() {
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v < l) }'; then e2e_ok "$1 ($2 s < $3 s)"; else e2e_fail "$1: $2 s, not below $3 s"; fi
}

# --- keepalived -------------------------------------------------------------------------------------
# ops_keepalived_start NS [CONF]: keepalived in NS, in a private mount namespace whose
# /etc/keepalived is a tmpfs holding CONF (default: the bundle's keepalived.conf of host NS).
ops_keepalived_start() {
	local ns=$1 conf=${2:-$E2E_BUNDLE/hosts/$1/rootfs/etc/keepalived/keepalived.conf} dir
	dir="$(ops_run)/$ns"
	mkdir -p "$dir"
	[[ -f $conf ]] || {
		e2e_fail "$ns: no keepalived.conf in the bundle"
		return 1
	}
	# -G: no syslog; -l: log to stdout (the log file); -D: detailed; -n: foreground. The pid is
	# keepalived's own (ip netns exec, unshare and sh exec one another).
	# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
	ip netns exec "$ns" unshare -m --propagation private sh -c '
		mount -t tmpfs -o mode=0755 lvscc-ops /etc/keepalived && cp "$1" /etc/keepalived/keepalived.conf &&
		exec keepalived -n -l -D -G -f /etc/keepalived/keepalived.conf -p "$2/keepalived.pid" -r "$2/vrrp.pid" -c "$2/checkers.pid"
	' sh "$conf" "$dir" >>"$dir/keepalived.log" 2>&1 &
	# Not disowned: at the scenario's end e2e-lib's `wait` lets it finish, so that no process keeps
	# the namespace (and its veth) alive into the next scenario.
	E2E_EXTRA_PIDS+=($!)
	echo $! >"$dir/main.pid"
}

# ops_keepalived_pid NS: the main keepalived process of NS.
ops_keepalived_pid() { cat "$(ops_run)/$1/main.pid"; }

# ops_in_keepalived NS CMD: CMD (a shell command line) in keepalived's mount and network namespace,
# with a `systemctl` first in PATH that turns `reload`/`reload-or-restart keepalived` into SIGHUP.
ops_in_keepalived() {
	local ns=$1 cmd=$2 shim pid
	pid=$(ops_keepalived_pid "$ns")
	shim="$(ops_run)/$ns/bin"
	mkdir -p "$shim"
	cat >"$shim/systemctl" <<EOF
#!/bin/sh
# lab stand-in for systemctl: keepalived runs without systemd here
case "\$*" in
'reload keepalived' | 'reload-or-restart keepalived' | 'reload keepalived.service' | 'reload-or-restart keepalived.service') exec kill -HUP $pid ;;
*) echo "systemctl (lab stand-in): \$* not supported" >&2; exit 1 ;;
esac
EOF
	chmod 755 "$shim/systemctl"
	nsenter -t "$pid" -m -n env PATH="$shim:$PATH" sh -c "$cmd"
}

# ops_keepalived_stop NS: a planned stop (SIGTERM, as `systemctl stop` sends); waits until it exited.
ops_keepalived_stop() {
	local pid
	pid=$(ops_keepalived_pid "$1")
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ops_keepalived_crash NS: SIGKILL to every keepalived process of NS, then NS's link down.
ops_keepalived_crash() {
	local f pid
	for f in vrrp.pid checkers.pid keepalived.pid main.pid; do
		[[ -s $(ops_run)/$1/$f ]] || continue
		pid=$(<"$(ops_run)/$1/$f")
		kill -KILL "$pid" 2>/dev/null || true
	done
	ip -n "$1" link set eth0 down
}

# ops_keepalived_logs NS...: the last lines of keepalived's log in each NS.
ops_keepalived_logs() {
	local ns
	for ns in "$@"; do
		echo "--- keepalived log of $ns (last 20 lines)"
		tail -n 20 "$(ops_run)/$ns/keepalived.log" 2>/dev/null | sed 's/^/  /' || true
	done
}

# ops_weighted NS VIP:PORT: the real servers with a weight above 0 in NS's IPVS service VIP:PORT
# (-t TCP, or -u with OPS_PROTO=-u), sorted, space-separated.
ops_weighted() {
	ip netns exec "$1" ipvsadm -Ln "${OPS_PROTO:--t}" "$2" 2>/dev/null |
		awk '$1 == "->" && $2 ~ /^[0-9]/ && $4 > 0 { print $2 }' | sort | paste -sd' ' -
}

# ops_table_is NS VIP:PORT "RIP:PORT ...": ops_weighted equals the list.
ops_table_is() { [[ $(ops_weighted "$1" "$2") == "$3" ]]; }

# ops_synced NS PORT N: NS's IPVS connection table holds at least N ESTABLISHED entries to port PORT
# (on a BACKUP: entries received from the MASTER's sync daemon).
ops_synced() {
	(($(ip netns exec "$1" ipvsadm -Lnc 2>/dev/null | awk -v p=":$2" '$3 == "ESTABLISHED" && substr($5, length($5) - length(p) + 1) == p' | wc -l) >= $3))
}
