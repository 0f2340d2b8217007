#!/usr/bin/env bash
# Scenario converge: apply.sh SIGKILLed at random moments, on one host of each kind (as in lifecycle:
#   tlvs = seed-tun's director lvs (TUN director)   trs  = seed-tun's real server rs1 (TUN real server)
#   drs  = lab-dr's real server rs1 (DR)             nlvs = lab-nat's director lvs (NAT director)).
# converge runs tlvs and trs; converge-dr-nat.sh runs this script on drs and nlvs, so that the two halves take
# a guest each.
# Per host LVSCC_CONVERGE_KILLS (default 20) kills, each after a delay drawn (seed LVSCC_CONVERGE_SEED, default 15)
# from 0 to the duration of a clean apply. In every 5 kills, 4 are chained (each apply.sh starts where the killed one
# left off), then apply.sh runs to the end and the namespace must be exactly as after a clean apply (ip -j
# link/addr/route, the sysctls the script sets, ipvsadm -Sn); the 5th kill is followed by teardown.sh directly. After
# each, teardown.sh must restore the namespace as it was before any apply. After every kill
# each line of the state file is whole. Then the lock: two apply.sh at once both succeed and end as one clean apply;
# with the lock held elsewhere, apply.sh waits, and with LVSCC_LOCK_TIMEOUT=1 it fails saying so and changes nothing.
# Self-test (run.sh's self-test-broken-converge): seed-tun with rs1's apply.sh recording no address; it must FAIL.
#   bash test/e2e/run.sh converge   # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin "${LVSCC_CONVERGE_NAME:-converge}" seed-tun "$@"

run=$E2E_RUN/$E2E_NAME
TUN=$E2E_BUNDLE
declare -A BUNDLE=([tlvs]=$TUN [trs]=$TUN [drs]=$E2E_OUT/bundles/lab-dr [nlvs]=$E2E_OUT/bundles/lab-nat)
declare -A HOST=([tlvs]=lvs [trs]=rs1 [drs]=rs1 [nlvs]=lvs)
kinds=(tlvs trs)
# LVSCC_CONVERGE_HOSTS: some of the host kinds, for a quicker local run.
[[ -z ${LVSCC_CONVERGE_HOSTS:-} ]] || read -r -a kinds <<<"$LVSCC_CONVERGE_HOSTS"
# The self-test's broken bundle is a copy of seed-tun whose rs1 is broken: only that host runs.
[[ $E2E_BUNDLE == "$E2E_OUT/bundles/seed-tun" ]] || kinds=(trs)
kills=${LVSCC_CONVERGE_KILLS:-20}
seed=${LVSCC_CONVERGE_SEED:-15}
RANDOM=$seed
echo "# converge: $kills kills per host kind, seed $seed (LVSCC_CONVERGE_SEED)"

e2e_hosts lab0 "${kinds[@]}"
if [[ " ${kinds[*]} " == *" nlvs "* ]]; then
	lab_bridge_add lab1
	lab_link_add nlvs lab1 eth1
fi
e2e_phase "namespaces ready"

script_of() { echo "${BUNDLE[$1]}/hosts/${HOST[$1]}/$2.sh"; }
run_script() {
	local ns=$1
	shift
	e2e_run_script "${BUNDLE[$ns]}" "${HOST[$ns]}" "$ns" "$@"
}
state_file() {
	local cluster
	cluster=$(jq -r .cluster "${BUNDLE[$1]}/manifest.json")
	echo "$(e2e_state_dir "$1")/$cluster/${HOST[$1]}.state"
}
declare -A KEYS=()
snap() {
	local -a keys
	read -r -a keys <<<"${KEYS[$1]}"
	e2e_snapshot "$1" "${keys[@]}" >"$run/$1.$2"
}
# same NS A B: are snapshots A and B of NS equal? (a diff on stdout if not)
same() {
	cmp -s "$run/$1.$2" "$run/$1.$3" && return 0
	diff -u "$run/$1.$2" "$run/$1.$3" | sed 's/^/    /' | head -n 20 || true
	return 1
}
now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# killed_apply NS MS: apply.sh in its own process group, the whole group SIGKILLed after MS ms.
# Sets FINISHED=1 if apply.sh ended before the kill.
killed_apply() {
	local ns=$1 ms=$2 pid delay
	setsid ip netns exec "$ns" env LVSCC_STATE_DIR="$(e2e_state_dir "$ns")" bash "$(script_of "$ns" apply)" >>"$run/$ns.log" 2>&1 &
	pid=$!
	printf -v delay '%d.%03d' $((ms / 1000)) $((ms % 1000))
	sleep "$delay"
	FINISHED=1
	if kill -0 "$pid" 2>/dev/null; then
		FINISHED=0
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

# state_whole NS: every line of the state file (if any) has a kind and at least one field, none is cut short.
state_whole() {
	local file
	file=$(state_file "$1")
	[[ ! -e $file ]] || awk -F'\t' 'NF < 2 || $1 !~ /^[a-z][a-z-]*$/ { bad = 1 } END { exit bad }' "$file"
}

total_kills=0
for ns in "${kinds[@]}"; do
	KEYS[$ns]=$(e2e_sysctls_of "$(script_of "$ns" apply)" | tr '\n' ' ')
	snap "$ns" before
	t0=$(now_ms)
	run_script "$ns" apply || e2e_fail "$ns: clean apply.sh failed"
	duration=$(($(now_ms) - t0))
	snap "$ns" clean
	run_script "$ns" teardown || e2e_fail "$ns: teardown.sh after the clean apply failed"
	snap "$ns" torn
	same "$ns" before torn || e2e_fail "$ns: teardown.sh after a clean apply did not restore the namespace"
	e2e_note "$ns: a clean apply.sh takes ${duration} ms; killing within that"
	mid=0 bad=0 chain=0
	for ((k = 1; k <= kills; k++)); do
		ms=$(((RANDOM * 32768 + RANDOM) % (duration + 1)))
		killed_apply "$ns" "$ms"
		((FINISHED)) || mid=$((mid + 1))
		total_kills=$((total_kills + 1))
		chain=$((chain + 1))
		if ! state_whole "$ns"; then
			e2e_fail "$ns: kill $k (${ms} ms): a state file line is cut short"
			bad=$((bad + 1))
		fi
		# Kills 1-4 of every 5 are chained (each apply.sh starts where the killed one left off), then apply.sh runs
		# to the end; the 5th is followed by teardown.sh directly.
		if ((k % 5 != 0 && chain < 4 && k < kills)); then continue; fi
		if ((k % 5 != 0)); then
			if ! run_script "$ns" apply; then
				e2e_fail "$ns: kill $k (${ms} ms): apply.sh after $chain kill(s) failed"
				bad=$((bad + 1))
			fi
			snap "$ns" reapplied
			if ! same "$ns" clean reapplied; then
				e2e_fail "$ns: kill $k (${ms} ms): apply.sh after $chain kill(s) did not end as a clean apply"
				bad=$((bad + 1))
			fi
		fi
		if ! run_script "$ns" teardown; then
			e2e_fail "$ns: kill $k (${ms} ms): teardown.sh failed"
			bad=$((bad + 1))
		fi
		snap "$ns" after
		if ! same "$ns" before after; then
			e2e_fail "$ns: kill $k (${ms} ms): teardown.sh$( ((k % 5)) && echo ' after the final apply.sh') did not restore the namespace"
			bad=$((bad + 1))
			# Every later check would start from a wrong namespace.
			break
		fi
		chain=0
	done
	((bad)) || e2e_ok "$ns: $kills kills ($mid during apply.sh): every re-apply ended as a clean apply, every teardown restored the namespace"
	e2e_phase "$ns: converge done"
done

# --- the lock: one apply.sh or teardown.sh of a host at a time ------------------------------------
ns=${kinds[0]}
lock="$(state_file "$ns").lock"
mkdir -p "${lock%/*}"
apply_bg() { ip netns exec "$ns" env LVSCC_STATE_DIR="$(e2e_state_dir "$ns")" ${2:+LVSCC_LOCK_TIMEOUT=$2} bash "$(script_of "$ns" apply)" >"$run/lock-$1.log" 2>&1; }
apply_bg a &
pa=$!
apply_bg b &
pb=$!
ra=0 rb=0
wait "$pa" || ra=$?
wait "$pb" || rb=$?
snap "$ns" both
if ((ra == 0 && rb == 0)) && same "$ns" clean both; then e2e_ok "$ns: two apply.sh at once both succeed and end as one clean apply"; else
	e2e_fail "$ns: two apply.sh at once: status $ra and $rb, or not a clean apply"
	sed 's/^/    /' "$run/lock-a.log" "$run/lock-b.log" | tail -n 20
fi
dupes=$(sort "$(state_file "$ns")" | uniq -d | wc -l)
e2e_expect_eq "$ns: no line twice in the state file after two apply.sh at once" 0 "$dupes"
run_script "$ns" teardown || e2e_fail "$ns: teardown.sh failed"
snap "$ns" unlocked
same "$ns" before unlocked || e2e_fail "$ns: teardown.sh after two apply.sh at once did not restore the namespace"

# hold_lock SECONDS: holds the state lock from a process of its own (holder) until SECONDS pass; returns once held.
hold_lock() {
	flock "$lock" sleep "$1" &
	holder=$!
	local i
	for ((i = 0; i < 100; i++)); do
		flock -n "$lock" true || return 0
		sleep 0.1
	done
	e2e_fail "$ns: could not take the state lock from a second process"
}
hold_lock 4
rc=0
apply_bg timeout 1 || rc=$?
snap "$ns" refused
if ((rc != 0)) && grep -q 'still holds' "$run/lock-timeout.log" && same "$ns" before refused; then
	e2e_ok "$ns: with the lock held elsewhere and LVSCC_LOCK_TIMEOUT=1, apply.sh fails saying so (status $rc) and changes nothing"
else
	e2e_fail "$ns: apply.sh with the lock held elsewhere: status $rc, or the namespace changed"
	sed 's/^/    /' "$run/lock-timeout.log" | tail -n 5
fi
wait "$holder" || true
# A holder of its own: on a slow guest the first one may be gone before this apply.sh starts.
hold_lock 4
rc=0
apply_bg wait || rc=$?
wait "$holder" || true
snap "$ns" waited
if ((rc == 0)) && grep -q 'waiting for another' "$run/lock-wait.log" && same "$ns" clean waited; then
	e2e_ok "$ns: with the lock held elsewhere, apply.sh waits for it, then applies"
else
	e2e_fail "$ns: apply.sh waiting for the lock: status $rc, no waiting message, or not a clean apply"
	sed 's/^/    /' "$run/lock-wait.log" | tail -n 5
fi
run_script "$ns" teardown || e2e_fail "$ns: teardown.sh failed"

e2e_end "${#kinds[@]} host kind(s), $total_kills SIGKILLs of apply.sh, all converged; the lock serialises apply.sh"
