#!/usr/bin/env bash
# Runs e2e scenarios one after another inside one kernel-lab guest; run.sh boots it.
#
# Usage (in the guest): guest-suite.sh SCENARIO[:ARG...]...
#   SCENARIO is a script name in scenarios/ (tun, dr, ...); ":"-separated words after it are its
#   arguments (e.g. tun:--bundle:DIR). "!NAME" expects the scenario to FAIL (the self-test of a
#   deliberately broken bundle): it passes only if the scenario fails.
# Every scenario's output is framed by "=== begin NAME" and "=== end NAME STATUS"; the suite ends
# with one "E2E-RESULT NAME PASS|FAIL seconds summary" line per scenario and exits 1 if any failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../lab/netns-lib.sh
source "$here/../../lab/netns-lib.sh"
per_scenario_timeout=${LVSCC_E2E_SCENARIO_TIMEOUT:-900}
results=()
failed=0

for spec in "$@"; do
	expect_fail=0
	verdict=""
	bad_failure=""
	if [[ $spec == '!'* ]]; then
		expect_fail=1
		spec=${spec#!}
	fi
	IFS=: read -r -a words <<<"$spec"
	name=${words[0]}
	args=("${words[@]:1}")
	label=$name
	((expect_fail)) && label="self-test-broken-$name"
	script=$here/scenarios/$name.sh
	t0=$SECONDS
	echo "=== begin $label"
	if [[ ! -f $script ]]; then
		echo "FAIL: $label: no scenario script $script"
		rc=2
	else
		out=$(mktemp)
		timeout -k 5 "$per_scenario_timeout" bash "$script" "${args[@]}" 2>&1 | tee "$out"
		rc=${PIPESTATUS[0]}
		((rc == 124)) && echo "FAIL: $name: timed out after ${per_scenario_timeout}s"
		verdict=$(grep -E '^(PASS|FAIL): ' "$out" | tail -n 1)
		# A broken bundle must fail the scenario's traffic checks, not its setup.
		bad_failure=$(grep -E '^not ok: (.*apply\.sh failed|unexpected error|no bundle)' "$out" | head -n 1)
		rm -f "$out"
		# Leftovers of a scenario that died must not disturb the next one.
		lab_sweep
	fi
	dt=$((SECONDS - t0))
	echo "=== end $label $rc"
	summary=${verdict#*: }
	summary=${summary#*: }
	if ((expect_fail)); then
		if ((rc == 1)) && [[ $verdict == FAIL:* && -z $bad_failure ]]; then
			results+=("E2E-RESULT $label PASS $dt the broken bundle failed scenario $name as it must ($summary)")
		else
			results+=("E2E-RESULT $label FAIL $dt scenario $name did not fail its checks on the broken bundle (status $rc${bad_failure:+; $bad_failure})")
			failed=1
		fi
	elif ((rc == 0)) && [[ $verdict == PASS:* ]]; then
		results+=("E2E-RESULT $label PASS $dt $summary")
	else
		results+=("E2E-RESULT $label FAIL $dt ${summary:-status $rc, no verdict line}")
		failed=1
	fi
done
printf '%s\n' "${results[@]}"
exit "$failed"
