#!/usr/bin/env bash
# Bash helpers, sourced inside the kernel-lab guest, to build topologies of network namespaces on bridges.
#
#   source lab/netns-lib.sh
#   lab_bridge_add lan0                  # a bridge in the guest's root namespace
#   lab_host_add lvs lan0                # namespace "lvs", lo up, eth0 on lan0
#   lab_link_add lvs lan1 eth1           # another interface of the same host
#   lab_exec lvs ip addr add 10.10.24.2/24 dev eth0
#   lab_http_start rs1 10.10.24.88 80    # serves "rs1\n" on 10.10.24.88:80, waits until it listens
#   lab_curl client http://10.10.24.88/  # prints the body; fails fast
#   lab_cleanup                          # kills servers, deletes namespaces and bridges
#
# State (pid files, web roots) lives in $LAB_STATE (default /run/lvscc-lab/state, a tmpfs
# in the guest). Functions return nonzero on failure and print the reason on stderr;
# they assume root and a kernel with veth and bridge (the lab guest loads them at boot).
# Meant to be sourced by scripts that use `set -euo pipefail`; it sets no options itself.

LAB_STATE=${LAB_STATE:-/run/lvscc-lab/state}
LAB_WAIT_TIMEOUT=${LAB_WAIT_TIMEOUT:-10}     # seconds lab_wait_listen waits
LAB_CURL_CONNECT_TIMEOUT=${LAB_CURL_CONNECT_TIMEOUT:-2}
LAB_CURL_MAX_TIME=${LAB_CURL_MAX_TIME:-5}
LAB_HTTPD=${LAB_HTTPD:-busybox}             # busybox | python
declare -ga LAB_NAMESPACES=() LAB_BRIDGES=() LAB_PIDS=()

lab_log() { echo "lab: $*" >&2; }
lab_die() {
	echo "lab: ERROR: $*" >&2
	return 1
}

# lab_bridge_add BRIDGE: create an up bridge in the root namespace (STP off, no forward delay).
lab_bridge_add() {
	local br=${1:?bridge name}
	ip link add "$br" type bridge stp_state 0 forward_delay 0 || lab_die "cannot create bridge $br" || return
	# No IPv6 autoconfiguration chatter on the lab switch itself.
	sysctl -qw "net.ipv6.conf.$br.disable_ipv6=1" 2>/dev/null || true
	ip link set "$br" up
	LAB_BRIDGES+=("$br")
}

# lab_ns_add NS: create namespace NS with lo up.
lab_ns_add() {
	local ns=${1:?namespace name}
	ip netns add "$ns" || lab_die "cannot create namespace $ns" || return
	ip -n "$ns" link set lo up
	LAB_NAMESPACES+=("$ns")
}

# lab_outer_name NS IFNAME: name of the root-namespace end of NS's IFNAME (<= 15 chars, unique per pair).
lab_outer_name() {
	local name="v${1}-${2}"
	if ((${#name} > 15)); then
		name="v$(printf '%s/%s' "$1" "$2" | sha256sum | cut -c1-14)"
	fi
	echo "$name"
}

# lab_link_add NS BRIDGE [IFNAME] [MAC]: veth pair, inner end IFNAME (default eth0) in NS,
# outer end enslaved to BRIDGE; both ends up.
lab_link_add() {
	local ns=${1:?namespace} br=${2:?bridge} ifname=${3:-eth0} mac=${4:-} outer
	outer=$(lab_outer_name "$ns" "$ifname")
	ip link add "$outer" type veth peer name "$ifname" netns "$ns" ||
		lab_die "cannot create veth $outer <-> $ns:$ifname" || return
	[[ -z $mac ]] || ip -n "$ns" link set "$ifname" address "$mac"
	ip link set "$outer" master "$br"
	ip link set "$outer" up
	ip -n "$ns" link set "$ifname" up
}

# lab_host_add NS BRIDGE [IFNAME] [MAC]: namespace NS plus one interface on BRIDGE.
lab_host_add() {
	lab_ns_add "$1" && lab_link_add "$@"
}

# lab_exec NS CMD...: run CMD inside namespace NS. `ip ...` runs as `ip -n NS ...`:
# one process instead of two (every fork and exec counts under TCG).
lab_exec() {
	local ns=${1:?namespace}
	shift
	if [[ ${1:-} == ip && ${2:-} != netns ]]; then
		shift
		ip -n "$ns" "$@"
	else
		ip netns exec "$ns" "$@"
	fi
}

# lab_poll TIMEOUT CMD...: retry CMD until it succeeds, 0.1 s apart at first, then 0.2, 0.3, at most 0.5 s
# (under TCG a check of a few processes costs tenths of a second of CPU, which a long wait would spend on
# polling instead of on what it waits for); fail after TIMEOUT seconds.
lab_poll() {
	local timeout=${1:?timeout} deadline tenths=1
	shift
	deadline=$((SECONDS + timeout))
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep "0.$tenths"
		if ((tenths < 5)); then tenths=$((tenths + 1)); fi
	done
}

# lab_listening NS ADDR PORT: is a TCP socket listening on ADDR:PORT in NS?
# ADDR 0.0.0.0, :: or * accepts a wildcard listener of either family.
lab_listening() {
	local ns=$1 addr=$2 port=$3 want=()
	case $addr in
	0.0.0.0 | :: | '*') want=("0.0.0.0:$port" "[::]:$port" "*:$port") ;;
	*:*) want=("[$addr]:$port") ;;
	*) want=("$addr:$port") ;;
	esac
	ip netns exec "$ns" ss -Hltn 2>/dev/null | awk -v want="${want[*]}" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) ok[w[i]] = 1 }
		$4 in ok { found = 1 }
		END { exit !found }'
}

# lab_wait_listen NS ADDR PORT [TIMEOUT]: poll `ss -ltn` until ADDR:PORT listens in NS.
lab_wait_listen() {
	local ns=$1 addr=$2 port=$3 timeout=${4:-$LAB_WAIT_TIMEOUT} deadline
	deadline=$((SECONDS + timeout))
	until lab_listening "$ns" "$addr" "$port"; do
		((SECONDS < deadline)) || lab_die "$ns: nothing listens on $addr:$port after ${timeout}s" || return
		sleep 0.05
	done
}

# lab_http_start NS ADDR PORT [BODY]: serve BODY (default "NS") as / on ADDR:PORT inside NS,
# in the background, and wait until it listens. ADDR 0.0.0.0 (or ::) means every address.
lab_http_start() {
	local ns=${1:?namespace} addr=${2:?address} port=${3:?port} body=${4:-$1} root pid bind
	root="$LAB_STATE/www/$ns-$port"
	mkdir -p "$root"
	printf '%s\n' "$body" >"$root/index.html"
	case $LAB_HTTPD in
	busybox)
		bind="$addr:$port"
		[[ $addr == *:* ]] && bind="[$addr]:$port"
		ip netns exec "$ns" busybox httpd -f -p "$bind" -h "$root" >"$root.log" 2>&1 &
		;;
	python)
		ip netns exec "$ns" python3 -m http.server --bind "$addr" --directory "$root" "$port" \
			>"$root.log" 2>&1 &
		;;
	*) lab_die "LAB_HTTPD=$LAB_HTTPD: use busybox or python" || return ;;
	esac
	pid=$!
	LAB_PIDS+=("$pid")
	echo "$pid" >"$root.pid"
	if ! lab_wait_listen "$ns" "$addr" "$port"; then
		sed 's/^/  httpd: /' "$root.log" >&2 || true
		return 1
	fi
}

# lab_curl NS URL [CURL-ARGS...]: GET URL from inside NS with short timeouts; prints the body.
lab_curl() {
	local ns=${1:?namespace} url=${2:?url}
	shift 2
	ip netns exec "$ns" curl -sS --noproxy '*' --connect-timeout "$LAB_CURL_CONNECT_TIMEOUT" \
		--max-time "$LAB_CURL_MAX_TIME" "$@" "$url"
}

# lab_sysctl NS KEY=VALUE...: set sysctls inside NS (net.* are per namespace).
lab_sysctl() {
	local ns=${1:?namespace}
	shift
	ip netns exec "$ns" sysctl -qw "$@"
}

# lab_cleanup: stop background servers, delete namespaces and bridges made by this library.
lab_cleanup() {
	local pid ns br
	for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	for ns in "${LAB_NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
	for br in "${LAB_BRIDGES[@]}"; do ip link del "$br" 2>/dev/null || true; done
	LAB_PIDS=() LAB_NAMESPACES=() LAB_BRIDGES=()
}

# lab_sweep: removes what any earlier run left in the guest, whoever made it: every process in a named namespace
# (a keepalived or server left running keeps its namespace's devices alive, and with them the outer veth names the
# next topology needs), every namespace, bridge and veth of the root namespace. Between scenarios and topologies.
lab_sweep() {
	local ns pid link
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
		ip netns del "$ns" 2>/dev/null || true
	done
	for link in $(ip -o link show type bridge 2>/dev/null | awk -F': ' '{print $2}') \
		$(ip -o link show type veth 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
		ip link del "$link" 2>/dev/null || true
	done
}
