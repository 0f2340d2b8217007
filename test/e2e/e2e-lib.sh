#!/usr/bin/env bash
# Helpers for the end-to-end scenarios (test/e2e/scenarios/*.sh), sourced inside the kernel-lab guest.
#
# A scenario builds its topology's namespaces with netns-lib.sh, applies the bundle that run.sh
# built on the host with each host's own apply.sh, sends traffic and checks. It ends with one line,
#   PASS: NAME: summary      or      FAIL: NAME: reason
# and exit status 0 or 1. Every check prints "ok: ..." or "not ok: ...".
#
# Environment (set by run.sh, passed into the guest as LVSCC_* variables):
#   LVSCC_E2E_OUT      directory with bundles/<fixture>/ built on the host (under the repository)
#   LVSCC_E2E_VERBOSE  1: print the output of apply.sh and teardown.sh too
# shellcheck disable=SC2034 # variables are used by the scenarios that source this file

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../lab/netns-lib.sh
source "$E2E_DIR/../../lab/netns-lib.sh"

E2E_OUT=${LVSCC_E2E_OUT:-$E2E_DIR/../../.e2e-out/current}
E2E_RUN=/run/lvscc-e2e # tmpfs in the guest: state files, logs, pid files
E2E_NAME=""
E2E_BUNDLE=""
E2E_FAILED=0
E2E_CHECKS=0
E2E_T0=$SECONDS
E2E_ENDED=0
E2E_RT0=${EPOCHREALTIME/,/.}
E2E_DIAG_HOSTS=()
E2E_EXTRA_PIDS=()
declare -gA E2E_ANSWERS=()
E2E_REQUEST_ERRORS=0
# Source port of the last request (e2e_requests), below Linux's ephemeral range so the kernel never picks it.
E2E_SOURCE_PORT=20000

e2e_note() { echo "  $*"; }

# e2e_phase TEXT: a progress line with the time since the scenario started.
e2e_phase() {
	local now=${EPOCHREALTIME/,/.}
	awk -v a="$E2E_RT0" -v b="$now" -v t="$*" 'BEGIN { printf "# [%6.1fs] %s\n", b - a, t }'
}

# e2e_fail MSG: record a failed check.
E2E_FIRST_FAILURE=""
e2e_fail() {
	echo "not ok: $*"
	[[ -n $E2E_FIRST_FAILURE ]] || E2E_FIRST_FAILURE=$*
	E2E_FAILED=$((E2E_FAILED + 1))
	E2E_CHECKS=$((E2E_CHECKS + 1))
}

# e2e_ok MSG: record a passed check.
e2e_ok() {
	echo "ok: $*"
	E2E_CHECKS=$((E2E_CHECKS + 1))
}

# e2e_check MSG CMD...: ok when CMD succeeds, not ok otherwise.
e2e_check() {
	local msg=$1
	shift
	if "$@"; then e2e_ok "$msg"; else e2e_fail "$msg"; fi
}

# e2e_expect_eq MSG WANT GOT
e2e_expect_eq() {
	if [[ $2 == "$3" ]]; then e2e_ok "$1 ($3)"; else e2e_fail "$1: expected '$2', got '$3'"; fi
}

# e2e_diagnose: addresses, routes and IPVS tables of the scenario's hosts.
e2e_diagnose() {
	local h
	echo "--- diagnostics"
	for h in "${E2E_DIAG_HOSTS[@]}"; do
		echo "[$h]"
		ip -n "$h" -br addr 2>/dev/null | sed 's/^/  /' || true
		ip -n "$h" route 2>/dev/null | sed 's/^/  route: /' || true
		ip netns exec "$h" ipvsadm -Ln --stats --exact 2>/dev/null | sed 's/^/  /' || true
	done
}

# The traps write to fd 3, the scenario's stdout: an error inside a redirected command must not
# send the verdict into that command's output file.
e2e_on_err() {
	echo "not ok: unexpected error (status $1) at ${BASH_SOURCE[1]##*/}:$2: $3" >&3
	E2E_FAILED=$((E2E_FAILED + 1))
}

e2e_on_exit() {
	local rc=$? pid
	trap - EXIT ERR
	exec 1>&3 2>&3
	if ((rc != 0 && !E2E_ENDED)); then
		((E2E_FAILED)) || E2E_FAILED=1
		e2e_diagnose
		echo "FAIL: $E2E_NAME: stopped by an error after $((SECONDS - E2E_T0))s ($E2E_FAILED failed check(s))"
	fi
	for pid in "${E2E_EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${E2E_EXTRA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	lab_cleanup
	rm -rf "${E2E_RUN:?}/$E2E_NAME"
	if ((rc != 0)); then exit 1; fi
	exit 0
}

# e2e_begin NAME FIXTURE [ARGS...]: start a scenario on bundles/FIXTURE (or --bundle DIR from ARGS).
e2e_begin() {
	E2E_NAME=$1
	local fixture=$2
	shift 2
	E2E_BUNDLE=$E2E_OUT/bundles/$fixture
	while (($#)); do
		case $1 in
		--bundle)
			E2E_BUNDLE=${2:?--bundle needs a directory}
			shift 2
			;;
		*)
			echo "FAIL: $E2E_NAME: unknown argument '$1'"
			exit 2
			;;
		esac
	done
	if [[ ${LVSCC_LAB:-} != 1 ]]; then
		echo "FAIL: $E2E_NAME: runs only inside the kernel lab (bash test/e2e/run.sh)"
		exit 2
	fi
	exec 3>&1
	trap 'e2e_on_err $? $LINENO "$BASH_COMMAND"' ERR
	trap e2e_on_exit EXIT
	mkdir -p "$E2E_RUN/$E2E_NAME"
	if [[ ! -f $E2E_BUNDLE/manifest.json ]]; then
		echo "not ok: no bundle at $E2E_BUNDLE (run.sh builds it on the host)"
		exit 1
	fi
	echo "# $E2E_NAME: bundle ${E2E_BUNDLE#"$E2E_OUT"/}"
}

# e2e_end SUMMARY: the scenario's verdict line.
e2e_end() {
	local t=$((SECONDS - E2E_T0))
	E2E_ENDED=1
	if ((E2E_FAILED)); then
		e2e_diagnose
		echo "FAIL: $E2E_NAME: $E2E_FAILED of $E2E_CHECKS check(s) failed (${t}s); first: ${E2E_FIRST_FAILURE%:}"
		trap - ERR
		exit 1
	fi
	echo "PASS: $E2E_NAME: $1 ($E2E_CHECKS checks, ${t}s)"
}

# e2e_hosts BRIDGE NS...: one namespace per host with eth0 on BRIDGE (created if needed).
e2e_hosts() {
	local br=$1 ns
	shift
	[[ " ${LAB_BRIDGES[*]} " == *" $br "* ]] || lab_bridge_add "$br"
	for ns in "$@"; do
		lab_host_add "$ns" "$br" eth0
		E2E_DIAG_HOSTS+=("$ns")
	done
}

# e2e_state_dir NS: the LVSCC_STATE_DIR used for namespace NS (tmpfs, per scenario).
e2e_state_dir() { echo "$E2E_RUN/$E2E_NAME/state/$1"; }

# e2e_run_script BUNDLE HOST NS apply|teardown [ARGS...]: run HOST's script from BUNDLE inside NS.
# Output goes to $E2E_RUN/NAME/NS.log (and to stdout with LVSCC_E2E_VERBOSE=1 or on failure);
# the status is the script's. E2E_SCRIPT_OUTPUT holds the output afterwards.
E2E_SCRIPT_OUTPUT=""
e2e_run_script() {
	local bundle=$1 host=$2 ns=$3 script=$4 rc=0 log
	shift 4
	log="$E2E_RUN/$E2E_NAME/$ns.log"
	echo "## $host/$script.sh $*" >>"$log"
	E2E_SCRIPT_OUTPUT=$(ip netns exec "$ns" env LVSCC_STATE_DIR="$(e2e_state_dir "$ns")" \
		bash "$bundle/hosts/$host/$script.sh" "$@" 2>&1) || rc=$?
	printf '%s\n' "$E2E_SCRIPT_OUTPUT" >>"$log"
	if [[ ${LVSCC_E2E_VERBOSE:-0} == 1 ]] || ((rc != 0 && !${E2E_QUIET_FAILURE:-0})); then
		printf '%s\n' "$E2E_SCRIPT_OUTPUT" | sed "s/^/  [$ns $script] /"
	fi
	return "$rc"
}

# e2e_script NS apply|teardown [ARGS...]: the scenario bundle's script of host NS, inside NS.
e2e_script() {
	local ns=$1
	shift
	e2e_run_script "$E2E_BUNDLE" "$ns" "$ns" "$@"
}

# e2e_apply NS...: apply.sh in every NS; a failure is a failed check.
e2e_apply() {
	local ns t
	for ns in "$@"; do
		t=${EPOCHREALTIME/,/.}
		if e2e_script "$ns" apply; then :; else e2e_fail "$ns: apply.sh failed (status $?)"; fi
		awk -v a="$t" -v b="${EPOCHREALTIME/,/.}" -v ns="$ns" 'BEGIN { printf "#   %s: apply.sh took %.1fs\n", ns, b - a }'
	done
}

# e2e_holds NS ADDRESS: NS has ADDRESS on some interface. grep without -q reads to the end: with -q it
# exits at the match, ip (which writes an address at a time) gets SIGPIPE, and pipefail turns a held
# address into a missing one (one check in four for an IPv6 VIP).
e2e_holds() { ip -n "$1" -o addr show | grep -F " $2/" >/dev/null; }

# e2e_http NS ADDR [PORT] [BODY]: HTTP server in NS on ADDR:PORT serving BODY (default: NS).
e2e_http() { lab_http_start "$1" "$2" "${3:-80}" "${4:-$1}"; }

# e2e_http_stop NS [PORT]: stop the HTTP server that e2e_http started in NS.
e2e_http_stop() {
	local pidfile="$LAB_STATE/www/$1-${2:-80}.pid" pid
	pid=$(<"$pidfile")
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# e2e_requests NS URL N: N GETs of URL from NS; counts answers by body in E2E_ANSWERS and
# failures in E2E_REQUEST_ERRORS (both reset first). Each request has a source port of its own:
# a port used again while the director still holds its connection (FIN_WAIT lasts minutes for
# TUN and DR, which see only the client's half) goes to the same real server, not the next one.
e2e_requests() {
	local ns=$1 url=$2 n=$3 i body
	E2E_ANSWERS=()
	E2E_REQUEST_ERRORS=0
	for ((i = 1; i <= n; i++)); do
		E2E_SOURCE_PORT=$((E2E_SOURCE_PORT + 1))
		if body=$(lab_curl "$ns" "$url" --local-port "$E2E_SOURCE_PORT" 2>&1); then
			[[ -n $body ]] || body="(empty)"
			E2E_ANSWERS[$body]=$((${E2E_ANSWERS[$body]:-0} + 1))
		else
			echo "  request $i to $url failed: ${body//$'\n'/ }"
			E2E_REQUEST_ERRORS=$((E2E_REQUEST_ERRORS + 1))
		fi
	done
}

# e2e_answers: "rs1=2 rs2=2 rs3=2" from E2E_ANSWERS, sorted.
e2e_answers() {
	local k items=()
	for k in "${!E2E_ANSWERS[@]}"; do items+=("$k=${E2E_ANSWERS[$k]}"); done
	((${#items[@]})) || items=("none")
	printf '%s\n' "${items[@]}" | sort | paste -sd' ' -
}

# e2e_expect_spread MSG N NAME...: every one of N requests answered, each NAME exactly N/#NAMEs times.
e2e_expect_spread() {
	local msg=$1 n=$2 parts=() name
	shift 2
	for name in "$@"; do parts+=("$name=$((n / $#))"); done
	local expected got
	expected=$(printf '%s\n' "${parts[@]}" | sort | paste -sd' ' -)
	got=$(e2e_answers)
	if ((E2E_REQUEST_ERRORS == 0)) && [[ $got == "$expected" ]]; then
		e2e_ok "$msg: $got"
	else
		e2e_fail "$msg: expected $expected, got $got with $E2E_REQUEST_ERRORS failed request(s)"
	fi
}

# e2e_ipvs_line NS KEY: "conns inpkts outpkts inbytes outbytes" of service KEY ("TCP VIP:PORT").
e2e_ipvs_line() {
	ip netns exec "$1" ipvsadm -Ln --stats --exact 2>/dev/null |
		awk -v p="${2%% *}" -v s="${2#* }" '$1 == p && $2 == s { print $3, $4, $5, $6, $7; found = 1 } END { exit !found }'
}

# e2e_ipvs_stats NS KEY CONNS: poll (the kernel folds per-CPU counters every 2 s) until service
# KEY counted at least CONNS connections and two readings 2 s apart agree; prints the stats line.
e2e_ipvs_stats() {
	local ns=$1 svc=$2 need=$3 line="" prev="" deadline=$((SECONDS + 12)) conns
	while ((SECONDS < deadline)); do
		line=$(e2e_ipvs_line "$ns" "$svc") || line=""
		read -r conns _ <<<"${line:-0}"
		if ((conns >= need)) && [[ $line == "$prev" ]]; then break; fi
		prev=$line
		if ((conns >= need)); then sleep 2.1; else sleep 0.3; fi
	done
	echo "$line"
}

# e2e_router NS IFNAME:BRIDGE...: the edge router (platform nftables) from its own bundle files: one
# link per IFNAME on BRIDGE with the addresses of its generated networkd unit, the generated sysctl.d
# file (forwarding), and the generated nft ruleset loaded with `nft -f`, twice (it must be idempotent).
e2e_router() {
	local ns=$1 pair ifname br rootfs=$E2E_BUNDLE/hosts/$1/rootfs file
	shift
	lab_ns_add "$ns"
	E2E_DIAG_HOSTS+=("$ns")
	for pair in "$@"; do
		ifname=${pair%%:*} br=${pair#*:}
		[[ " ${LAB_BRIDGES[*]} " == *" $br "* ]] || lab_bridge_add "$br"
		lab_link_add "$ns" "$br" "$ifname"
		file=$rootfs/etc/systemd/network/10-lvscc-$ifname.network
		[[ -f $file ]] || e2e_fail "$ns: the bundle has no networkd unit for $ifname"
		awk -F= '$1 == "Address" { print $2 }' "$file" | while read -r cidr; do ip -n "$ns" addr add "$cidr" dev "$ifname"; done
	done
	for file in "$rootfs"/etc/sysctl.d/*.conf; do ip netns exec "$ns" sysctl -q -p "$file"; done
	for file in "$rootfs"/etc/nftables.d/*.nft; do
		if ! { ip netns exec "$ns" nft -f "$file" && ip netns exec "$ns" nft -f "$file"; }; then e2e_fail "$ns: nft -f ${file##*/} failed"; fi
	done
	e2e_note "$ns: $(ip netns exec "$ns" nft list ruleset | grep -c 'dnat to') DNAT rule(s) loaded from the generated ruleset"
}

# e2e_snapshot NS [SYSCTL...]: everything apply.sh may touch in NS, normalized: links (state, mtu),
# addresses (no IPv6 link-local: the kernel adds them on link-up), routes of all tables, the
# given sysctls and the IPVS table. One process per tool (each exec counts under TCG).
E2E_SNAPSHOT_JQ='
	(.[0][] | {link: .ifname, flags, mtu, operstate, link_type}),
	(.[1][] | {ifname, addr: [.addr_info[] | select((.family == "inet6" and .scope == "link") | not)
		| {family, local, prefixlen, scope, label: .label}]}),
	(.[2][]),
	(.[3][] | select((.dst | startswith("fe80") or startswith("ff00") or startswith("multicast")) | not))'
e2e_snapshot() {
	local ns=$1
	shift
	{
		ip -n "$ns" -j link show
		ip -n "$ns" -j addr show
		ip -n "$ns" -j -4 route show table all
		ip -n "$ns" -j -6 route show table all
	} | jq -c -s "$E2E_SNAPSHOT_JQ"
	echo "# sysctls"
	# One sysctl for all keys; a key that does not exist prints its error line instead.
	if (($#)); then ip netns exec "$ns" sysctl "$@" 2>&1 || true; fi
	echo "# ipvs"
	ip netns exec "$ns" ipvsadm -Sn 2>&1
}

# e2e_sysctls_of SCRIPT: the sysctl keys an apply.sh sets.
e2e_sysctls_of() { awk '$1 == "op" && $2 == "sysctl" { print $3 }' "$1"; }

# e2e_same MSG FILE-A FILE-B: ok when equal, else not ok with a diff.
e2e_same() {
	if cmp -s "$2" "$3"; then
		e2e_ok "$1"
	else
		e2e_fail "$1"
		diff -u "$2" "$3" | sed 's/^/    /' | head -n 40 || true
	fi
}

# e2e_keepalived_start NS [SETUP]: keepalived in NS with the bundle's keepalived.conf (foreground, no syslog,
# console log in $E2E_RUN/NAME/NS/keepalived.log, its own pid files beside it), in a mount namespace of its
# own where SETUP (shell commands, e.g. mounts) runs first. A missing keepalived.conf is a failed check.
e2e_keepalived_start() {
	local ns=$1 setup=${2:-} conf="$E2E_BUNDLE/hosts/$1/rootfs/etc/keepalived/keepalived.conf" dir="$E2E_RUN/$E2E_NAME/$1"
	[[ -f $conf ]] || {
		e2e_fail "$ns: no keepalived.conf in the bundle"
		return 1
	}
	mkdir -p "$dir"
	# -G: no syslog. -l logs to stdout; with no syslog daemon in the lab, syslog() would
	# also fall back to writing every line to /dev/console.
	ip netns exec "$ns" unshare -m bash -c "${setup:+$setup && }exec keepalived -n -l -D -G -f '$conf' -p '$dir/keepalived.pid' -r '$dir/vrrp.pid' -c '$dir/checkers.pid'" \
		>>"$dir/keepalived.log" 2>&1 &
	E2E_EXTRA_PIDS+=($!)
	disown $! # no "Killed" notice when the MASTER dies
	echo $! >"$dir/main.pid"
}

# e2e_keepalived_kill NS: SIGKILL keepalived's processes in NS (parent, VRRP and checker children).
e2e_keepalived_kill() {
	local f pid
	for f in vrrp.pid checkers.pid keepalived.pid main.pid; do
		[[ -s $E2E_RUN/$E2E_NAME/$1/$f ]] || continue
		pid=$(<"$E2E_RUN/$E2E_NAME/$1/$f")
		kill -KILL "$pid" 2>/dev/null || true
	done
}
