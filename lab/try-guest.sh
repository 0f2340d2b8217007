#!/usr/bin/env bash
# Guest side of `lvscc try`: lays out each topology from its layout.json, applies the bundle and runs the checks.
# shellcheck disable=SC2016 # jq programs are single-quoted on purpose
#
# Usage (in the kernel-lab guest; src/try/ writes the job and boots the guest):
#   try-guest.sh JOBDIR...       one topology per JOBDIR (layout.json + bundle/), one after another
# For each: "=== begin try-N", result lines "TRY-RESULT {json}" (one per service and check, read by
# src/try/report.ts), the e2e harness's "ok:"/"not ok:" lines, a "PASS: try-N: ..." or "FAIL: try-N: ..."
# verdict and "=== end try-N STATUS". The layout (src/try/layout.ts) says which namespaces, bridges,
# router and client to make; every host is configured by its own apply.sh and keepalived.conf.
# Exit status 1 when any topology failed.
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ${1:-} != --one ]]; then
	# shellcheck source-path=SCRIPTDIR source=netns-lib.sh
	source "$here/netns-lib.sh"
	failed=0 n=0
	for job in "$@"; do
		n=$((n + 1))
		echo "=== begin try-$n"
		rc=0
		timeout -k 5 "${LVSCC_TRY_TOPOLOGY_TIMEOUT:-600}" bash "${BASH_SOURCE[0]}" --one "try-$n" "$job" 2>&1 || rc=$?
		((rc == 124)) && echo "FAIL: try-$n: timed out after ${LVSCC_TRY_TOPOLOGY_TIMEOUT:-600}s"
		# What a topology that died left behind must not disturb the next one.
		lab_sweep
		echo "=== end try-$n $rc"
		((rc == 0)) || failed=1
	done
	exit "$failed"
fi

label=$2 job=$3
LAYOUT=$job/layout.json
# shellcheck source-path=SCRIPTDIR source=../test/e2e/e2e-lib.sh
source "$here/../test/e2e/e2e-lib.sh"
e2e_begin "$label" "" --bundle "$job/bundle"
run=$E2E_RUN/$E2E_NAME

now() { echo "${EPOCHREALTIME/,/.}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# The whole layout as shell variables, in one jq run (every process counts under TCG). Per service i:
# S_NAME S_PROTO S_FAMILY S_VIP S_PORT (empty: fwmark) S_FWMARK (empty: a port) S_PORTS (the ports requests go to:
# the port, or a fwmark service's own marked ports; empty: a mark set elsewhere) S_FWD S_SPREAD S_PUB S_PUBPORT S_CHECK (empty: none)
# S_LIMIT (seconds a health check gets to notice) and S_MEMBERS ("host,address,port,weight ...").
declare -a S_NAME=() S_PROTO=() S_FAMILY=() S_VIP=() S_PORT=() S_FWMARK=() S_PORTS=() S_FWD=() S_SPREAD=() S_PUB=() S_PUBPORT=() S_CHECK=() S_LIMIT=() S_MEMBERS=()
layout_sh=$(jq -r '
	def arr(name; xs): "\(name)=(\([xs | @sh] | join(" ")))";
	"TOPOLOGY=\(.topology | @sh)", "CLUSTER=\(.cluster | @sh)", "MANAGER=\(.manager | @sh)",
	"SCENARIOS=\(.scenarios | join(" ") | @sh)",
	arr("NOTES"; .notes[]), arr("BRIDGES"; .bridges[].name), arr("HOSTS"; .hosts[].name),
	arr("DIRECTORS"; .hosts[] | select(.role == "director") | .name),
	arr("HOST_LINKS"; .hosts[] | [.links[] | "\(.interface):\(.bridge)"] | join(" ")),
	"ROUTER=\(.router.name // "" | @sh)", "ROUTER_PLATFORM=\(.router.platform // "" | @sh)",
	"ROUTER_OUTSIDE=\(.router.links[1].interface // "" | @sh)",
	arr("ROUTER_LEGS"; .router.links[]? | "\(.interface):\(.bridge)"),
	arr("ROUTER_ADDRS"; .router.links[]? | .interface as $i | .addresses[] | "\($i) \(.)"),
	arr("ROUTER_ROUTES"; .router.routes[]? | "\(.vip) \(.via)"),
	arr("ROUTER_DNAT"; .router.dnat[]? | "\(.family) \(.protocol) \(.public) \(.publicPort) \(.vip) \(.port)"),
	"CLIENT=\(.client.name | @sh)",
	arr("CLIENT_LINKS"; .client.links[] | "\(.interface) \(.bridge) \(.addresses[0])"),
	arr("CLIENT_ROUTES"; .client.routes[] | "\(.to) \(.via)"),
	# Per VRRP leader, in instance order: "LEADER IFNAME..." and the names of the services it moves.
	([.vrrp.instances[]? | .leader] | reduce .[] as $l ([]; if index([$l]) then . else . + [$l] end)) as $leaders
	| arr("LEADERS"; $leaders[] as $l | "\($l) \([.vrrp.instances[] | select(.leader == $l) | .interface] | unique | join(" "))"),
	arr("LEADER_SERVICES"; $leaders[] as $l | [.vrrp.instances[] | select(.leader == $l) | .services[]] | join(" ")),
	arr("CHECK_SCRIPTS"; [.services[].healthCheck.script // empty] | unique[]),
	(.services | to_entries[] | .key as $i | .value |
		"S_NAME[\($i)]=\(.name | @sh)", "S_PROTO[\($i)]=\(.protocol | @sh)", "S_FAMILY[\($i)]=\(.family)",
		"S_VIP[\($i)]=\(.vip | @sh)", "S_PORT[\($i)]=\(.port // "" | tostring | @sh)",
		"S_FWMARK[\($i)]=\(.fwmark // "" | tostring | @sh)", "S_PORTS[\($i)]=\(if .port then [.port] else .ports // [] end | map(tostring) | join(" ") | @sh)", "S_FWD[\($i)]=\(.forwarding | @sh)",
		"S_SPREAD[\($i)]=\(.spread | @sh)", "S_PUB[\($i)]=\(.public.address // "" | @sh)",
		"S_PUBPORT[\($i)]=\(.public.port // "" | tostring | @sh)", "S_CHECK[\($i)]=\(.healthCheck.type // "" | @sh)",
		"S_LIMIT[\($i)]=\(.healthCheck // {interval: 0, retries: 0, timeout: 0} | (.interval * (.retries + 1) + .timeout) * 2 + 10 | floor)",
		"S_MEMBERS[\($i)]=\([.members[] | "\(.host),\(.address),\(.port),\(.weight)"] | join(" ") | @sh)")
' "$LAYOUT")
eval "$layout_sh"
nservices=${#S_NAME[@]}
e2e_note "topology $TOPOLOGY (cluster $CLUSTER, manager $MANAGER)"
for note in "${NOTES[@]}"; do e2e_note "note: $note"; done
wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# try_result SERVICE CHECK pass|fail|skip SECONDS DETAIL [JSON]: one result line for the report, and the
# harness's ok / not ok line.
try_result() {
	local service=$1 check=$2 verdict=$3 secs=$4 detail=$5 extra=${6:-'{}'}
	jq -cn --arg t "$TOPOLOGY" --arg s "$service" --arg c "$check" --arg v "$verdict" --argjson secs "$secs" \
		--arg d "$detail" --argjson x "$extra" \
		'{topology: $t, service: $s, check: $c, verdict: $v, seconds: $secs, detail: $d} + $x' | sed 's/^/TRY-RESULT /'
	case $verdict in
	pass) e2e_ok "$service: $check: $detail" ;;
	fail) e2e_fail "$service: $check: $detail" ;;
	*) e2e_note "$service: $check: not checked: $detail" ;;
	esac
}

# --- layout ------------------------------------------------------------------------------------
for br in "${BRIDGES[@]}"; do lab_bridge_add "$br"; done
for ((h = 0; h < ${#HOSTS[@]}; h++)); do
	lab_ns_add "${HOSTS[h]}"
	E2E_DIAG_HOSTS+=("${HOSTS[h]}")
	for leg in ${HOST_LINKS[h]}; do lab_link_add "${HOSTS[h]}" "${leg#*:}" "${leg%%:*}"; done
done

if [[ -n $ROUTER ]]; then
	if [[ $ROUTER_PLATFORM == nftables ]]; then
		# The router's own bundle files: networkd addresses, sysctl.d, nft ruleset (e2e-lib.sh).
		e2e_router "$ROUTER" "${ROUTER_LEGS[@]}"
	else
		# cisco-ios: a Linux namespace doing what the IOS snippet says (static NAT of the plan's mappings).
		lab_ns_add "$ROUTER"
		E2E_DIAG_HOSTS+=("$ROUTER")
		for leg in "${ROUTER_LEGS[@]}"; do lab_link_add "$ROUTER" "${leg#*:}" "${leg%%:*}"; done
		for pair in "${ROUTER_ADDRS[@]}"; do ip -n "$ROUTER" addr add "${pair#* }" dev "${pair%% *}"; done
		lab_sysctl "$ROUTER" net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
		{
			echo "table inet lvscc-try {"
			echo "  chain prerouting {"
			echo "    type nat hook prerouting priority dstnat; policy accept;"
			for rule in "${ROUTER_DNAT[@]}"; do
				read -r family proto public pport vip vport <<<"$rule"
				if [[ $family == 4 ]]; then
					echo "    iifname \"$ROUTER_OUTSIDE\" ip daddr $public $proto dport $pport dnat ip to $vip:$vport"
				else
					echo "    iifname \"$ROUTER_OUTSIDE\" ip6 daddr $public $proto dport $pport dnat ip6 to [$vip]:$vport"
				fi
			done
			echo "  }"
			echo "}"
		} >"$run/router.nft"
		if ip netns exec "$ROUTER" nft -f "$run/router.nft"; then
			e2e_note "$ROUTER: ${#ROUTER_DNAT[@]} DNAT rule(s) doing what its IOS static NAT does"
		else
			e2e_fail "$ROUTER: the DNAT rules equivalent to its IOS snippet did not load"
		fi
	fi
	for r in "${ROUTER_ROUTES[@]}"; do ip -n "$ROUTER" route replace "${r%% *}" via "${r#* }"; done
fi

lab_ns_add "$CLIENT"
for l in "${CLIENT_LINKS[@]}"; do
	read -r ifname br cidr <<<"$l"
	lab_link_add "$CLIENT" "$br" "$ifname"
	if [[ $cidr == *:* ]]; then ip -n "$CLIENT" addr add "$cidr" dev "$ifname" nodad; else ip -n "$CLIENT" addr add "$cidr" dev "$ifname"; fi
done
for r in "${CLIENT_ROUTES[@]}"; do ip -n "$CLIENT" route replace "${r%% *}" via "${r#* }"; done
e2e_phase "namespaces ready"

e2e_apply "${HOSTS[@]}"
e2e_phase "applied"

# --- servers: one per real server and port, HTTP for TCP, try-udp.py for UDP ---------------------
udp_listening() { ip netns exec "$1" ss -Hlun | awk -v p=":$2" 'substr($4, length($4) - length(p) + 1) == p { found = 1 } END { exit !found }'; }
# server_start HOST PROTOCOL FAMILY PORT
server_start() {
	local host=$1 proto=$2 family=$3 port=$4 pid
	if [[ $proto == tcp ]]; then
		e2e_http "$host" "$([[ $family == 6 ]] && echo :: || echo 0.0.0.0)" "$port"
	else
		ip netns exec "$host" python3 "$here/try-udp.py" serve "$family" "$port" "$host" >"$run/udp-$host-$port.log" 2>&1 &
		pid=$!
		LAB_PIDS+=("$pid")
		echo "$pid" >"$run/udp-$host-$port.pid"
		lab_poll 60 udp_listening "$host" "$port" || e2e_fail "$host: the UDP server on port $port did not start within 60s"
	fi
}
# server_stop HOST PROTOCOL PORT
server_stop() {
	if [[ $2 == tcp ]]; then e2e_http_stop "$1" "$3"; else
		kill "$(<"$run/udp-$1-$3.pid")" 2>/dev/null || true
	fi
}
declare -A SERVED=()
for ((i = 0; i < nservices; i++)); do
	[[ -n ${S_PORTS[i]} && ${S_PROTO[i]} != sctp ]] || continue
	for m in ${S_MEMBERS[i]}; do
		IFS=, read -r host _ port _ <<<"$m"
		# A member of a fwmark service (port 0) gets what the client sent to: each of the service's ports.
		for port in $( ((port)) && echo "$port" || echo "${S_PORTS[i]}"); do
			[[ -z ${SERVED[$host/${S_PROTO[i]}/$port]:-} ]] || continue
			SERVED[$host/${S_PROTO[i]}/$port]=1
			server_start "$host" "${S_PROTO[i]}" "${S_FAMILY[i]}" "$port"
		done
	done
done
e2e_phase "servers listen"

# --- keepalived ----------------------------------------------------------------------------------
# A misc check's script that this machine lacks: keepalived gets a stand-in (a TCP connect to the
# real server's address and port) in a mount namespace of its own; the notes say so.
STANDINS=()
for script in "${CHECK_SCRIPTS[@]}"; do [[ -x $script ]] || STANDINS+=("$script"); done
# One process (keepalived's misc_timeout bounds it): under TCG every exec counts.
# shellcheck disable=SC2016 # $1 and $2 are the stand-in's own arguments
printf '#!/bin/bash\n# stand-in for a misc check script: a TCP connect to ADDRESS PORT\nexec 3<>"/dev/tcp/$1/$2"\n' >"$run/standin.sh"
chmod 755 "$run/standin.sh"
# keepalived_start NS: e2e_keepalived_start with the stand-ins mounted: a tmpfs over the script's nearest
# existing directory. A tmpfs over an ancestor of $E2E_RUN (a script under /run) would hide the run
# directory (the stand-in to copy, keepalived's pid files and log), so it is bound back from a descriptor
# opened before (--no-canonicalize: mount would otherwise resolve /proc/self/fd/9 to the hidden path's
# new, empty, namesake). A script with no directory but / gets no stand-in: a tmpfs there would hide
# keepalived itself.
keepalived_start() {
	local setup="exec 9<'$E2E_RUN'" s dir
	for s in "${STANDINS[@]}"; do
		dir=${s%/*}
		while [[ -n $dir && ! -d $dir ]]; do dir=${dir%/*}; done
		[[ -n $dir ]] || continue
		setup+=" && mount -t tmpfs -o mode=755 tmpfs '$dir'"
		[[ $E2E_RUN/ != "$dir"/* ]] || setup+=" && mkdir -p '$E2E_RUN' && mount --no-canonicalize --bind /proc/self/fd/9 '$E2E_RUN'"
		setup+=" && mkdir -p '${s%/*}' && cp '$run/standin.sh' '$s'"
	done
	e2e_keepalived_start "$1" "$setup" || true
}
show_logs() {
	local ns
	for ns in "${DIRECTORS[@]}"; do
		[[ -f $run/$ns/keepalived.log ]] || continue
		echo "--- keepalived log of $ns (last 15 lines)"
		tail -n 15 "$run/$ns/keepalived.log" | sed 's/^/  /' || true
	done
}
if [[ $MANAGER == keepalived ]]; then
	for d in "${DIRECTORS[@]}"; do keepalived_start "$d"; done
	for s in "${STANDINS[@]}"; do
		if [[ ${s%/*} == "" ]]; then
			e2e_note "misc check script $s is not on this machine, and a stand-in cannot be mounted in /: its checks fail"
		else
			e2e_note "misc check script $s is not on this machine: keepalived runs a TCP-connect stand-in"
		fi
	done
fi

# --- helpers for the checks --------------------------------------------------------------------
# holder VIP [EXCEPT]: the director (other than EXCEPT) that holds the VIP now.
holder() {
	local d
	for d in "${DIRECTORS[@]}"; do
		if [[ $d != "${2:-}" ]] && e2e_holds "$d" "$1"; then
			echo "$d"
			return 0
		fi
	done
	return 1
}
endpoint() { if [[ $1 == 6 ]]; then echo "[$2]:$3"; else echo "$2:$3"; fi; } # FAMILY ADDRESS PORT
# ipvs_key I: the service as ipvsadm -Ln prints it ("TCP 10.0.0.1:80", "FWM 88").
ipvs_key() {
	if [[ -n ${S_FWMARK[$1]} ]]; then echo "FWM ${S_FWMARK[$1]}"; else
		echo "${S_PROTO[$1]^^} $(endpoint "${S_FAMILY[$1]}" "${S_VIP[$1]}" "${S_PORT[$1]}")"
	fi
}
# members I [EXCEPT-HOST]: "host address port weight" lines of the service's members with a weight above 0.
members() {
	local m host addr port weight
	for m in ${S_MEMBERS[$1]}; do
		IFS=, read -r host addr port weight <<<"$m"
		((weight > 0)) && [[ $host != "${2:-}" ]] && echo "$host $addr $port $weight"
	done
	return 0
}
# weighted DIRECTOR I: the service's real servers with a weight above 0 in DIRECTOR's IPVS table, sorted.
weighted() {
	local flag=-t key
	[[ ${S_PROTO[$2]} == udp ]] && flag=-u
	[[ -n ${S_FWMARK[$2]} ]] && flag=-f
	key=$(ipvs_key "$2")
	ip netns exec "$1" ipvsadm -Ln "$flag" "${key#* }" 2>/dev/null | awk '$1 == "->" && $2 ~ /^[0-9[]/ && $4 > 0 { print $2 }' | sort | paste -sd' ' -
}
# expected_weighted I [EXCEPT-HOST]: what `weighted` shows when every (other) member is up.
expected_weighted() {
	local host addr port weight
	members "$1" "${2:-}" | while read -r host addr port weight; do endpoint "${S_FAMILY[$1]}" "$addr" "$port"; done | sort | paste -sd' ' -
}
weighted_is() { [[ $(weighted "$1" "$2") == "$3" ]]; } # DIRECTOR I WANT
# request_count I [EXCEPT-HOST]: two rounds of the scheduler (of the weights with wrr).
request_count() {
	local n=0 k=0 host addr port weight
	while read -r host addr port weight; do
		n=$((n + weight)) k=$((k + 1))
	done < <(members "$1" "${2:-}")
	if [[ ${S_SPREAD[$1]} == weighted ]]; then echo $((n * 2)); else echo $((k > 0 ? k * 2 : 2)); fi
}
# expected_spread I N [EXCEPT-HOST]: "rs1=2 rs2=2" for rr and wrr; "one" (persistence) or "any" otherwise.
expected_spread() {
	local i=$1 n=$2 k host addr port weight
	case ${S_SPREAD[i]} in
	even)
		k=$(members "$i" "${3:-}" | wc -l)
		((k > 0)) || {
			echo none
			return 0
		}
		members "$i" "${3:-}" | while read -r host addr port weight; do echo "$host=$((n / k))"; done | sort | paste -sd' ' -
		;;
	weighted) members "$i" "${3:-}" | while read -r host addr port weight; do echo "$host=$((weight * 2))"; done | sort | paste -sd' ' - ;;
	*) echo "${S_SPREAD[i]}" ;;
	esac
}

# send I ADDRESS PORT N: N requests from the client (E2E_ANSWERS, E2E_REQUEST_ERRORS).
send() {
	local i=$1 addr=$2 port=$3 n=$4 k body
	if [[ ${S_PROTO[i]} == tcp ]]; then
		[[ $addr == *:* ]] && addr="[$addr]"
		e2e_requests "$CLIENT" "http://$addr:$port/" "$n"
		return
	fi
	E2E_ANSWERS=()
	E2E_REQUEST_ERRORS=0
	for ((k = 1; k <= n; k++)); do
		E2E_SOURCE_PORT=$((E2E_SOURCE_PORT + 1))
		if body=$(ip netns exec "$CLIENT" python3 "$here/try-udp.py" ask "$addr" "$port" "$E2E_SOURCE_PORT" 2>&1); then
			E2E_ANSWERS[$body]=$((${E2E_ANSWERS[$body]:-0} + 1))
		else
			echo "  request $k to $addr port $port failed: ${body//$'\n'/ }"
			E2E_REQUEST_ERRORS=$((E2E_REQUEST_ERRORS + 1))
		fi
	done
}

# send_vip I N: N requests to the VIP on each of the service's ports (one, or a fwmark service's own), the
# answers and errors of all of them in E2E_ANSWERS and E2E_REQUEST_ERRORS, their number in SENT.
send_vip() {
	local i=$1 n=$2 port k errors=0
	local -A answers=()
	SENT=0
	for port in ${S_PORTS[i]}; do
		send "$i" "${S_VIP[i]}" "$port" "$n"
		for k in "${!E2E_ANSWERS[@]}"; do answers[$k]=$((${answers[$k]:-0} + E2E_ANSWERS[$k])); done
		errors=$((errors + E2E_REQUEST_ERRORS)) SENT=$((SENT + n))
	done
	E2E_ANSWERS=()
	for k in "${!answers[@]}"; do E2E_ANSWERS[$k]=${answers[$k]}; done
	E2E_REQUEST_ERRORS=$errors
}
# vip_text I: "the VIP 10.0.0.1", and its ports when it has several.
vip_text() {
	local ports
	read -r -a ports <<<"${S_PORTS[$1]}"
	if ((${#ports[@]} > 1)); then echo "the VIP ${S_VIP[$1]} (ports ${ports[*]})"; else echo "the VIP ${S_VIP[$1]}"; fi
}

# judge I CHECK WHAT N T0 [EXCEPT-HOST]: the answers against the expected spread; one result.
judge() {
	local i=$1 check=$2 what=$3 n=$4 t0=$5 except=${6:-} expected got missing=() m extra names=() ok=1 why
	expected=$(expected_spread "$i" "$n" "$except")
	got=$(e2e_answers)
	mapfile -t names < <(members "$i" "$except" | cut -d' ' -f1)
	for m in "${names[@]}"; do [[ -n ${E2E_ANSWERS[$m]:-} ]] || missing+=("$m"); done
	extra=$(jq -cn --arg got "$got" --arg exp "$expected" --argjson errors "$E2E_REQUEST_ERRORS" \
		'{distribution: $got, expected: $exp, errors: $errors, reached: [$got | split(" ")[] | split("=")[0] | select(. != "none")]}')
	((E2E_REQUEST_ERRORS == 0)) || ok=0
	case $expected in
	one) [[ $got != *' '* && $got != none ]] || ok=0 ;;
	any) ((${#missing[@]} == 0)) || ok=0 ;;
	*) [[ $got == "$expected" ]] || ok=0 ;;
	esac
	# An answer from a host outside the service is wrong whatever the scheduler.
	for m in "${!E2E_ANSWERS[@]}"; do [[ " ${names[*]} " == *" $m "* ]] || ok=0; done
	if ((ok)); then
		try_result "${S_NAME[i]}" "$check" pass "$(since "$t0")" "$n requests $what: $got" "$extra"
	else
		why="$n requests $what: expected $expected, got $got"
		((E2E_REQUEST_ERRORS == 0)) || why+=" with $E2E_REQUEST_ERRORS failed"
		((${#missing[@]} == 0)) || why="no answer from real server(s) ${missing[*]}: $why"
		try_result "${S_NAME[i]}" "$check" fail "$(since "$t0")" "$why" "$extra"
	fi
}
# skip_reason I: why a service gets no requests (empty: it does).
skip_reason() {
	if [[ -z ${S_MEMBERS[$1]} ]]; then
		echo "no real servers (LVS275): its connections are refused, there is no answer to check"
	elif [[ -z ${S_PORTS[$1]} ]]; then
		echo "a fwmark service whose mark your own firewall sets has no port to send to"
	elif [[ ${S_PROTO[$1]} == sctp ]]; then
		echo "no sctp client in the lab"
	fi
}

# macs NS: the MAC addresses of NS's links.
macs() { ip -n "$1" -o link show | awk '{ for (k = 1; k < NF; k++) if ($k == "link/ether") print $(k + 1) }'; }
# vip_resolved_elsewhere VIP DIRECTOR: prints (and succeeds) where the router or the client resolved VIP (ARP or
# NDP, after the requests) to a MAC that is not DIRECTOR's, naming the host that owns it: a real server that
# answers for its VIP takes the traffic the director should spread.
vip_resolved_elsewhere() {
	local vip=$1 d=$2 ns mac own host
	own=" $(macs "$d" | paste -sd' ' -) "
	for ns in $ROUTER $CLIENT; do
		mac=$(ip -n "$ns" neigh show "$vip" | awk '{ for (k = 1; k < NF; k++) if ($k == "lladdr") print $(k + 1) }' | head -n 1)
		[[ -n $mac && $own != *" $mac "* ]] || continue
		for host in "${HOSTS[@]}"; do [[ " $(macs "$host" | paste -sd' ' -) " == *" $mac "* ]] && break || host=""; done
		echo "$ns resolved the VIP to $mac (${host:-no host of the topology}), not to director $d"
		return 0
	done
	return 1
}
# client_seen I: "no:HOST" when the first real server the requests reached has no TCP connection (TIME-WAIT
# ones included) from one of the client's addresses; "HOST saw the client's own address" when it has; empty
# for UDP, where the socket table keeps no peer.
client_seen() {
	local i=$1 host l cidr addrs=()
	[[ ${S_PROTO[i]} == tcp ]] || return 0
	read -r host _ < <(members "$i")
	for l in "${CLIENT_LINKS[@]}"; do
		read -r _ _ cidr <<<"$l"
		addrs+=("${cidr%/*}")
	done
	if ip netns exec "$host" ss -Htan | awk -v list="${addrs[*]}" 'BEGIN { n = split(list, a, " ") }
		{ for (k = 1; k <= n; k++) if (index($5, a[k] ":") == 1 || index($5, "[" a[k] "]:") == 1) found = 1 }
		END { exit !found }'; then
		echo "$host saw the client's own address"
	else
		echo "no:$host"
	fi
}

# --- readiness: every VIP held, every real server weighted ----------------------------------------
ready() {
	local i d
	for ((i = 0; i < nservices; i++)); do
		[[ -z $(skip_reason "$i") ]] || continue
		d=$(holder "${S_VIP[i]}") || return 1
		weighted_is "$d" "$i" "$(expected_weighted "$i")" || return 1
	done
}
t_ready=$(now)
if lab_poll 40 ready; then
	e2e_note "every VIP is held and every real server weighted after $(since "$t_ready")s"
else
	e2e_note "not every VIP is held with a full IPVS table after 40s (the checks below say which)"
	show_logs
fi
e2e_phase "ready"

# --- traffic: through the VIP, the public address, and the director's packet counters ----------------
if wants traffic; then
	for ((i = 0; i < nservices; i++)); do
		svc=${S_NAME[i]} vip=${S_VIP[i]}
		why=$(skip_reason "$i")
		if [[ -n $why ]]; then
			try_result "$svc" traffic skip 0 "$why"
			continue
		fi
		n=$(request_count "$i")
		t0=$(now)
		send_vip "$i" "$n"
		total=$SENT
		judge "$i" traffic "to $(vip_text "$i")" "$SENT" "$t0"
		if [[ -n ${S_PUB[i]} ]]; then
			t0=$(now)
			send "$i" "${S_PUB[i]}" "${S_PUBPORT[i]}" "$n"
			total=$((total + n))
			judge "$i" public "to the public address ${S_PUB[i]} port ${S_PUBPORT[i]} through $ROUTER" "$n" "$t0"
		fi
		t0=$(now)
		if d=$(holder "$vip"); then
			stats=$(e2e_ipvs_stats "$d" "$(ipvs_key "$i")" "$total")
			read -r _ inpkts outpkts _ _ <<<"${stats:-0 0 ? 0 0}"
			fwd=${S_FWD[i]}
			x=$(jq -cn --arg d "$d" --arg o "$outpkts" --arg p "$inpkts" '{director: $d, outPkts: $o, inPkts: $p}')
			if [[ $fwd == nat ]]; then
				seen=$(client_seen "$i")
				if [[ ! $outpkts =~ ^[1-9][0-9]*$ ]]; then
					try_result "$svc" bypass fail "$(since "$t0")" "NAT: director $d forwarded no reply (InPkts $inpkts, OutPkts $outpkts)" "$x"
				elif [[ $seen == no:* ]]; then
					try_result "$svc" bypass fail "$(since "$t0")" "NAT: replies cross director $d, but real server ${seen#no:} saw no connection from the client's own address (is the source translated?)" "$x"
				else
					try_result "$svc" bypass pass "$(since "$t0")" "NAT: replies cross director $d as they must (InPkts $inpkts, OutPkts $outpkts)${seen:+; $seen}" "$x"
				fi
			elif wrong=$(vip_resolved_elsewhere "$vip" "$d"); then
				try_result "$svc" bypass fail "$(since "$t0")" "${fwd^^}: $wrong: only director $d may answer ARP/NDP for the VIP $vip (InPkts $inpkts, OutPkts $outpkts)" "$x"
			elif [[ $outpkts != 0 || ! $inpkts =~ ^[1-9] ]]; then
				try_result "$svc" bypass fail "$(since "$t0")" "${fwd^^}: director $d must forward no reply: InPkts $inpkts, OutPkts $outpkts" "$x"
			else
				try_result "$svc" bypass pass "$(since "$t0")" "${fwd^^}: replies bypass director $d (InPkts $inpkts, OutPkts 0); the VIP resolves to $d" "$x"
			fi
		else
			try_result "$svc" bypass fail 0 "no director holds the VIP $vip"
		fi
	done
	e2e_phase "traffic checked"
fi

# --- health: one real server's listener stops, the check drops it, it comes back ---------------------
if wants health; then
	for ((i = 0; i < nservices; i++)); do
		svc=${S_NAME[i]} vip=${S_VIP[i]} proto=${S_PROTO[i]} limit=${S_LIMIT[i]}
		why=$(skip_reason "$i")
		[[ -n ${S_CHECK[i]} ]] || why="no health check (or a static manager)"
		[[ -z ${S_FWMARK[i]} || -n $why ]] || why="the health check of a fwmark service is not exercised yet"
		if [[ -n $why ]]; then
			try_result "$svc" health skip 0 "$why"
			continue
		fi
		read -r victim _ vport _ < <(members "$i")
		t0=$(now)
		if ! d=$(holder "$vip"); then
			try_result "$svc" health fail 0 "no director holds the VIP $vip"
			continue
		fi
		server_stop "$victim" "$proto" "$vport"
		if ! lab_poll "$limit" weighted_is "$d" "$i" "$(expected_weighted "$i" "$victim")"; then
			try_result "$svc" health fail "$(since "$t0")" "${S_CHECK[i]} check: $victim's listener stopped, but director $d still weights it after ${limit}s"
			show_logs
			server_start "$victim" "$proto" "${S_FAMILY[i]}" "$vport"
			continue
		fi
		dropped=$(since "$t0")
		if [[ -n $(members "$i" "$victim") ]]; then
			send_vip "$i" "$(request_count "$i" "$victim")"
			if ((E2E_REQUEST_ERRORS)) || [[ -n ${E2E_ANSWERS[$victim]:-} ]]; then
				try_result "$svc" health fail "$(since "$t0")" "$victim dropped after ${dropped}s, but the requests then got $(e2e_answers) with $E2E_REQUEST_ERRORS failed"
				server_start "$victim" "$proto" "${S_FAMILY[i]}" "$vport"
				continue
			fi
		fi
		server_start "$victim" "$proto" "${S_FAMILY[i]}" "$vport"
		t1=$(now)
		if lab_poll "$limit" weighted_is "$d" "$i" "$(expected_weighted "$i")"; then
			try_result "$svc" health pass "$(since "$t0")" "${S_CHECK[i]} check: $victim dropped ${dropped}s after its listener stopped, back $(since "$t1")s after it started" \
				"$(jq -cn --arg h "$victim" '{victim: $h}')"
		else
			try_result "$svc" health fail "$(since "$t0")" "${S_CHECK[i]} check: $victim dropped, but not weighted again ${limit}s after its listener started"
			show_logs
		fi
	done
	e2e_phase "health checked"
fi

# --- failover: each VRRP master dies in turn, a backup takes its VIPs, the services answer -------------
# A director killed with SIGKILL keeps its addresses: its instances' links go down too, and a backup must hold
# the VIP. Instances that share a MASTER die together (one kill per leader, in the instances' order); before
# the next leader dies, the last one is brought back (links up, its apply.sh, keepalived) and every VIP must be
# held with a full table again.
taken() { holder "$1" "$2" >/dev/null; } # VIP DEAD-DIRECTOR
# failover_of LEADER "SERVICE...": the checks of the services whose MASTER LEADER was, LEADER killed.
failover_of() {
	local leader=$1 moved=" $2 " t0 i svc vip d took n why
	t0=$(now)
	for ((i = 0; i < nservices; i++)); do
		svc=${S_NAME[i]} vip=${S_VIP[i]}
		[[ $moved == *" $svc "* ]] || continue
		why=$(skip_reason "$i")
		if [[ -n $why ]]; then
			try_result "$svc" failover skip 0 "$why"
			continue
		fi
		if ! lab_poll 20 taken "$vip" "$leader"; then
			try_result "$svc" failover fail "$(since "$t0")" "no backup director took the VIP $vip within 20s of $leader's death"
			show_logs
			continue
		fi
		d=$(holder "$vip" "$leader")
		took=$(since "$t0")
		lab_poll 20 weighted_is "$d" "$i" "$(expected_weighted "$i")" || true
		n=$(request_count "$i")
		send_vip "$i" "$n"
		n=$SENT
		if ((E2E_REQUEST_ERRORS == 0)); then
			try_result "$svc" failover pass "$took" "$d took the VIP ${took}s after $leader died; $n of $n requests answered ($(e2e_answers))" \
				"$(jq -cn --arg d "$d" '{director: $d}')"
		else
			try_result "$svc" failover fail "$(since "$t0")" "$d took the VIP after ${took}s, but $E2E_REQUEST_ERRORS of $n requests failed ($(e2e_answers))"
		fi
	done
}
if wants failover; then
	if ((${#LEADERS[@]} == 0)); then
		for ((i = 0; i < nservices; i++)); do try_result "${S_NAME[i]}" failover skip 0 "no VRRP pair (one director or a static manager)"; done
	else
		dead="" dead_links=""
		for ((l = 0; l < ${#LEADERS[@]}; l++)); do
			read -r leader links <<<"${LEADERS[l]}"
			if [[ -n $dead ]]; then
				for ifname in $dead_links; do ip -n "$dead" link set "$ifname" up; done
				e2e_apply "$dead"
				keepalived_start "$dead"
				if lab_poll 40 ready; then e2e_note "$dead is back and every VIP held with a full table"; else
					e2e_note "$dead is back, but not every VIP is held with a full table after 40s"
					show_logs
				fi
			fi
			# The director that holds these services' VIPs now dies: the MASTER by priority, unless another
			# took them first and keeps them (nopreempt, or a start ahead of it).
			victim=$leader
			for svc in ${LEADER_SERVICES[l]}; do
				for ((i = 0; i < nservices; i++)); do
					[[ ${S_NAME[i]} == "$svc" && -z $(skip_reason "$i") ]] && victim=$(holder "${S_VIP[i]}") && break 2
				done
			done
			victim=${victim:-$leader}
			[[ $victim == "$leader" ]] || e2e_note "$victim holds the VIPs of ${LEADER_SERVICES[l]}, not $leader (their MASTER by priority): $victim dies"
			e2e_keepalived_kill "$victim"
			for ifname in $links; do ip -n "$victim" link set "$ifname" down; done
			dead=$victim dead_links=$links
			failover_of "$victim" "${LEADER_SERVICES[l]}"
		done
	fi
	e2e_phase "failover checked"
fi

e2e_end "$TOPOLOGY"
