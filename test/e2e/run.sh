#!/usr/bin/env bash
# End-to-end suite (npm run test:e2e): builds bundles with the CLI, applies them in a real kernel (qemu lab).
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: test/e2e/run.sh [-v] [--self-test-broken] [SCENARIO...]

Builds the CLI if needed, builds every scenario's bundle on the host with `lvscc build` into
.e2e-out/run.XXXXXX/bundles/ (one directory per run, so that runs in the same tree do not
collide; .e2e-out/last points at the newest), boots the kernel lab (lab/) and runs the scenario scripts
of test/e2e/scenarios/ in it, one after another. Prints one PASS/FAIL line per scenario and
exits 1 if any failed. Scenarios (default: all but ops-*, with their self-tests):

  try        `lvscc try` on every fixture lint accepts (traffic through every VIP and public address, the
             spread, replies bypassing a TUN/DR director that alone answers ARP/NDP for its VIP, NAT replies
             crossing it, health checks dropping and restoring a server, each VRRP MASTER killed in turn),
             plus its self-test (test/try/self-test.yaml broken must fail, naming rs2 and rs3)
  lifecycle  apply twice, teardown restores, failed apply rolls back, foreign IPVS services kept or refused
  headline   bytes through the director, TUN versus NAT, with responses ~10x the requests
  networkd   the bundle's systemd-networkd units, loaded by the real systemd-networkd, match apply.sh
  upgrade    a changed topology (VIP moved) applied over the old one: old VIP/service gone, teardown exact
  converge   apply.sh SIGKILLed at random moments (20 per host): re-apply and teardown converge; the lock
             (seed-tun's director and real server; converge-dr-nat: lab-dr's real server, lab-nat's director)
  inplace    lab-dr changed and drained by apply.sh, lab-ha reloaded and stopped (planned) under long-lived connections: 0 resets
  (the ops-* scenarios run only when named)
  ops-failover-dr   operations a, b (lab-ops-dr.yaml): MASTER failover under load, planned and crash; old MASTER back
  ops-failover-tun  the same for TUN (lab-ops-tun.yaml)
  ops-checks        operation e (lab-ops-checks.yaml): DNS_CHECK and MISC_CHECK take a server out and back under load
  ops-reload        operation h (lab-ops-checks.yaml): the manifest's keepalived reload refuses a broken file under load

  --self-test-broken  only try's self-test: test/try/self-test.yaml, its bundle broken by
                      test/try/break-self-test.sh (rs2 keeps rp_filter=1 on tunl0, rs3 has no VIP);
                      exits 0 only if `lvscc try` failed it, naming rs2 and rs3
  -v, --verbose       stream the whole guest console (default: progress and verdicts; the full
                      transcript is kept in .e2e-out/last/console.log)
(The self-test's "not ok" lines are the broken bundle failing, as it must.)

Under CI=true nothing is skipped: a missing tool or a lab that does not boot fails the suite.
Environment: LVSCC_E2E_SCENARIO_TIMEOUT (seconds a scenario may take, default 900: a safety net for a hung
scenario, not a speed check), LVSCC_E2E_TIMEOUT (a guest's seconds, default: its scenarios' timeouts + 120),
and the lab's LVSCC_LAB_* knobs (lab/README.md).
USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

# The guest replaces /tmp, /run and /var/tmp with empty tmpfs, so a checkout there (CI may clone
# into /tmp) runs from a copy under the lab cache; node_modules, used on the host only, is linked.
case $root/ in
/tmp/* | /run/* | /var/tmp/*)
	stage_parent=${LVSCC_LAB_CACHE:-/var/cache/lvscc-lab}/e2e-stage
	mkdir -p "$stage_parent"
	find "$stage_parent" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} +
	stage=$(mktemp -d "$stage_parent/run.XXXXXX")
	tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./.e2e-out -cf - . | tar -C "$stage" -xf -
	ln -s "$root/node_modules" "$stage/node_modules"
	echo "e2e: $root is hidden inside the guest; running from a copy in $stage" >&2
	status=0
	bash "$stage/test/e2e/run.sh" "$@" || status=$?
	# Keep the transcripts and bundles where a person looks for them.
	mkdir -p "$root/.e2e-out"
	cp -a "$stage/.e2e-out/." "$root/.e2e-out/" 2>/dev/null || true
	rm -rf "$stage"
	exit "$status"
	;;
esac
all_scenarios=(try lifecycle headline networkd upgrade converge converge-dr-nat inplace)
# Run by name only, not yet by default: each with its self-test, but not yet seen passing within the suite's time
# (the e2e README says where each stands).
ops_scenarios=(ops-failover-dr ops-failover-tun ops-checks ops-reload)
verbose=0
self_test_only=0
selected=()
while (($#)); do
	case $1 in
	-v | --verbose) verbose=1 ;;
	--self-test-broken) self_test_only=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	-*)
		usage >&2
		exit 2
		;;
	*)
		[[ " ${all_scenarios[*]} ${ops_scenarios[*]} " == *" $1 "* ]] || {
			echo "run.sh: unknown scenario '$1' (known: ${all_scenarios[*]} ${ops_scenarios[*]})" >&2
			exit 2
		}
		selected+=("$1")
		;;
	esac
	shift
done

ci=0
[[ ${CI:-} == true || ${CI:-} == 1 ]] && ci=1
t_start=$(date +%s.%N)
say() { echo "e2e: $*" >&2; }
# skip_or_fail REASON: outside CI a machine without the lab skips the suite; under CI it fails.
skip_or_fail() {
	if ((ci)); then
		echo "FAIL: e2e: $* (CI=true: nothing may be skipped)"
		exit 1
	fi
	echo "SKIP: e2e: $* (set CI=true to make this a failure)"
	exit 0
}

# --- tools ----------------------------------------------------------------------------
# The guest runs this machine's own binaries over 9p: they must be installed here.
missing=()
declare -A pkg_of=(
	[node]=nodejs [qemu-system-x86_64]=qemu-system-x86 [ipvsadm]=ipvsadm [keepalived]=keepalived
	[nft]=nftables [curl]=curl [jq]=jq [ss]=iproute2 [busybox]=busybox-static [depmod]=kmod [cpio]=cpio
)
for tool in "${!pkg_of[@]}"; do command -v "$tool" >/dev/null || missing+=("${pkg_of[$tool]}"); done
[[ -x /lib/systemd/systemd-networkd ]] || missing+=(systemd)
if ((${#missing[@]})); then
	mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		say "installing ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
			skip_or_fail "could not install ${missing[*]}"
	else
		skip_or_fail "missing packages: ${missing[*]}"
	fi
fi
[[ $(id -u) == 0 ]] || skip_or_fail "the lab needs root (qemu reads the kernel cache; the guest runs as root)"

# --- CLI and bundles ------------------------------------------------------------------------
cd "$root"
# dist/ is stale when a source, the schema or a build script is newer than the built CLI
# (templates need no build: precompiled ones are used only while identical to templates/).
if [[ ! -f dist/commands/build.js || ! -d node_modules ]] ||
	[[ -n $(find src schema scripts package.json -newer dist/commands/build.js -type f -print -quit 2>/dev/null) ]]; then
	say "building the CLI (npm run build)"
	[[ -d node_modules ]] || npm ci >&2
	npm run build >&2
fi

mkdir -p "$root/.e2e-out"
# Directories of runs older than a day go; a run's own directory stays for inspection.
find "$root/.e2e-out" -maxdepth 1 -name 'run.*' -type d -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
out=$(mktemp -d "$root/.e2e-out/run.XXXXXX")
chmod 755 "$out"
ln -sfn "${out##*/}" "$root/.e2e-out/last"
mkdir -p "$out/bundles"
for fixture in seed-tun lab-dr lab-nat lab-ha lab-tun6; do
	./bin/run.js build "fixtures/$fixture.yaml" -o "$out/bundles/$fixture" >/dev/null ||
		{
			echo "FAIL: e2e: lvscc build fixtures/$fixture.yaml failed"
			exit 1
		}
done

# The upgrade scenario's second version: the seed cluster with its VIP and its gateway moved.
sed 's/10\.10\.24\.88/10.10.24.89/g; s/gateway: 10\.10\.24\.1 /gateway: 10.10.24.254 /' fixtures/seed-tun.yaml >"$out/seed-tun-v2.yaml"
grep -q 'gateway: 10\.10\.24\.254 ' "$out/seed-tun-v2.yaml" || {
	echo "FAIL: e2e: could not move the gateway in the upgraded seed topology"
	exit 1
}
./bin/run.js build "$out/seed-tun-v2.yaml" -o "$out/bundles/seed-tun-v2" >/dev/null ||
	{
		echo "FAIL: e2e: lvscc build of the upgraded seed topology failed"
		exit 1
	}

# The inplace scenario's changes of lab-dr: v2 edits the scheduler and a weight, v3 leaves rs3 out.
sed 's/scheduler: rr/scheduler: wrr/; s/realServers: \[rs1, rs2, rs3\]/realServers: [rs1, { server: rs2, weight: 3 }, rs3]/' fixtures/lab-dr.yaml >"$out/lab-dr-v2.yaml"
sed 's/realServers: \[rs1, rs2, rs3\]/realServers: [rs1, rs2]/' fixtures/lab-dr.yaml >"$out/lab-dr-v3.yaml"
for v in v2 v3; do
	if cmp -s fixtures/lab-dr.yaml "$out/lab-dr-$v.yaml" || ! ./bin/run.js build "$out/lab-dr-$v.yaml" -o "$out/bundles/lab-dr-$v" >/dev/null; then
		echo "FAIL: e2e: could not build the inplace scenario's lab-dr $v"
		exit 1
	fi
done

# converge's self-test: seed-tun whose rs1 records no address it adds, so a teardown after a kill leaves it.
broken_converge=$out/bundles/seed-tun-broken-converge
cp -a "$out/bundles/seed-tun" "$broken_converge"
sed -i '/^apply_addr() {/,/^}/{/^  state_add addr /d}' "$broken_converge/hosts/rs1/apply.sh"
! grep -q '^  state_add addr ' "$broken_converge/hosts/rs1/apply.sh" || {
	echo "FAIL: e2e: could not break the copy of rs1's apply.sh (state_add addr)"
	exit 1
}

specs=()
if ((self_test_only)); then
	specs=(try)
else
	((${#selected[@]})) || selected=("${all_scenarios[@]}")
	specs=("${selected[@]}")
	[[ " ${selected[*]} " == *" converge "* ]] && specs+=("!converge:--bundle:$broken_converge")
	# The operations suite's bundles and self-tests.
	# shellcheck source-path=SCRIPTDIR source=ops-bundles.sh
	source "$here/ops-bundles.sh"
fi

# `try` is not a guest scenario: it is `lvscc try` (which boots a guest of its own) on every fixture lint accepts
# and on its self-test; each topology is a unit of work like a scenario (`try:FILE`).
items=()
run_try=0
for s in "${specs[@]}"; do
	if [[ $s != try ]]; then
		items+=("$s")
		continue
	fi
	run_try=1
	items+=("try:test/try/self-test.yaml" "try:test/try/self-test-arp.yaml")
	if ((!self_test_only)); then
		for f in fixtures/*.yaml; do ./bin/run.js lint "$f" >/dev/null 2>&1 && items+=("try:$f"); done
	fi
done
for i in "${!specs[@]}"; do [[ ${specs[i]} == try ]] && unset 'specs[i]'; done
specs=("${specs[@]}")

# --- the lab --------------------------------------------------------------------------------
# TCG runs one guest CPU per host thread: on a machine with 2+ CPUs the work is split over that many
# slots (LVSCC_E2E_JOBS, default min(CPUs, 2)), longest first; a slot boots a guest for its scenarios,
# one after another, then `lvscc try` on its topologies (one more guest).
# Weights are the seconds each took in a guest (a fresh-clone CI run for the scenarios; `lvscc try` on
# an idle machine in session 7 for the topologies, named by file); a self-test (`!name`) has its own.
declare -A weight=([lifecycle]=191 [headline]=95 [networkd]=114 [upgrade]=88)
weight+=([converge]=316 [converge-dr-nat]=364 [inplace]=327 ['!converge']=75)
weight+=([ops-failover-dr]=90 [ops-failover-tun]=90 [ops-checks]=70 [ops-reload]=50)
weight+=([try:self-test]=77 [try:self-test-arp]=60 [try:ha-active-active]=140 [try:lab-ops-tun]=106 [try:seed-tun]=53 [try:lab-ha]=72)
weight+=([try:no-real-servers-keepalived]=62 [try:ha-dr]=66 [try:lab-tun6]=36 [try:ha-unicast]=161 [try:lab-ops-checks]=161)
weight+=([try:lab-ops-dr]=118 [try:seed-tun-nftables]=60 [try:lab-dr]=62 [try:lab-nat]=44 [try:no-real-servers-static]=42)
weight+=([try:fwmark-ports]=27)
# weight_of ITEM: a scenario's (or its self-test's) seconds, a try topology's by its file's base name; 30 or 90 unknown.
weight_of() {
	local n=${1%%:--bundle:*} base
	if [[ $n == try:* ]]; then
		base=${n##*/}
		echo "${weight[try:${base%.yaml}]:-90}"
	else
		echo "${weight[$n]:-${weight[${n#!}]:-30}}"
	fi
}
jobs=${LVSCC_E2E_JOBS:-$(($(nproc) >= 2 ? 2 : 1))}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
scenario_timeout=${LVSCC_E2E_SCENARIO_TIMEOUT:-900}
[[ $scenario_timeout =~ ^[1-9][0-9]*$ ]] || scenario_timeout=900
((jobs <= ${#items[@]})) || jobs=${#items[@]}
groups=()
try_groups=()
loads=()
for ((g = 0; g < jobs; g++)); do groups[g]="" try_groups[g]="" loads[g]=0; done
mapfile -t ordered < <(for s in "${items[@]}"; do printf '%s %s\n' "$(weight_of "$s")" "$s"; done | sort -rn -k1,1 | cut -d' ' -f2-)
for s in "${ordered[@]}"; do
	best=0
	for ((g = 1; g < jobs; g++)); do ((loads[g] < loads[best])) && best=$g; done
	if [[ $s == try:* ]]; then try_groups[best]+="${s#try:}"$'\n'; else groups[best]+="$s"$'\n'; fi
	loads[best]=$((loads[best] + $(weight_of "$s")))
done

progress() {
	if ((verbose)); then sed -u "s/^/[$1] /"; else
		awk -v g="$1" '/^=== begin / { printf "e2e[%s]: running %s\n", g, $3; fflush() }
			/^(PASS|FAIL): / || /^not ok: / { printf "e2e[%s]:   %s\n", g, $0; fflush() }
			/^run-in-guest: (TIMEOUT|guest ended|status)/ { printf "e2e[%s]: %s\n", g, $0; fflush() }'
	fi
}
# slot G: its scenarios in one guest (console-G.log), then `lvscc try` on its topologies (try-G.json and
# try-console-G.log); the status is the scenario guest's (try's verdicts are read from its JSON report).
slot() {
	local g=$1 n=$(($1 + 1)) group=() rc=0
	if [[ -n ${groups[g]} ]]; then
		mapfile -t group <<<"${groups[g]%$'\n'}"
		say "guest $n: ${group[*]//:--bundle:*/ (broken bundle)}"
		LVSCC_E2E_OUT=$out LVSCC_E2E_SCENARIO_TIMEOUT=$scenario_timeout \
			bash "$root/lab/run-in-guest.sh" --timeout "${LVSCC_E2E_TIMEOUT:-$((${#group[@]} * scenario_timeout + 120))}" "$here/guest-suite.sh" "${group[@]}" \
			</dev/null 2>&1 | tee "$out/console-$n.log" | progress "$n"
		rc=${PIPESTATUS[0]}
	fi
	if [[ -n ${try_groups[g]} ]]; then
		mapfile -t group <<<"${try_groups[g]%$'\n'}"
		say "lvscc try $n: ${group[*]}"
		LVSCC_TRY_BUNDLE_HOOK="bash $root/test/try/break-self-test.sh \"\$1\"" ./bin/run.js try --format json \
			"${group[@]}" >"$out/try-$n.json" </dev/null \
			2> >(tee "$out/try-console-$n.log" | awk -v g="$n" '/^lvscc try: / || /^  (PASS|FAIL|not ok): / { print "e2e[try " g "]: " $0; fflush() }' >&2) || true
	fi
	return "$rc"
}
pids=()
for ((g = 0; g < jobs; g++)); do
	(
		set +e
		slot "$g"
	) &
	pids[g]=$!
done
lab_rc=0
for ((g = 0; g < jobs; g++)); do
	rc=0
	wait "${pids[g]}" || rc=$?
	((rc == 0)) || lab_rc=$rc
done
console=$out/console.log
cat "$out"/console-*.log </dev/null >"$console" 2>/dev/null || : >"$console"
if ((run_try)); then
	say "lvscc try finished"
	jq -s '{ topologies: [.[].topologies[]] }' "$out"/try-*.json >"$out/try.json" 2>/dev/null || rm -f "$out/try.json"
fi

# --- verdicts ------------------------------------------------------------------------------
labels=()
for s in "${specs[@]}"; do
	name=${s%%:*}
	if [[ $name == '!'* ]]; then labels+=("self-test-broken-${name#!}"); else labels+=("$name"); fi
done
failed=0
passed=0
echo
for label in "${labels[@]}"; do
	line=$(grep -E "^E2E-RESULT $label (PASS|FAIL) " "$console" | tail -n 1) || line=""
	if [[ -z $line ]]; then
		if grep -q "^=== begin $label\$" "$console"; then
			printf 'FAIL %-22s  no result (lab status %s; see %s)\n' "$label" "$lab_rc" "${console#"$root"/}"
		else
			printf 'FAIL %-22s  not run (lab status %s: the guest did not boot or stopped early)\n' "$label" "$lab_rc"
		fi
		failed=1
		continue
	fi
	read -r _ _ verdict secs summary <<<"$line"
	printf '%s %-22s %4ss  %s\n' "$verdict" "$label" "$secs" "$summary"
	if [[ $verdict == PASS ]]; then passed=$((passed + 1)); else failed=1; fi
done
if ((run_try)); then
	# try: every fixture passed every check. Each self-test: its broken bundle failed with the failure that
	# names its broken hosts (label|file|failure regex|what it must do).
	try_line=$(jq -r '[.topologies[] | select(.file | startswith("test/try/") | not)] as $t
		| if ($t | length) > 0 and ($t | all(.passed)) then "PASS \($t | length) fixtures, every check passed"
		  else "FAIL " + ([$t[] | select(.passed | not) | "\(.file): \(.failures[0] // .verdict)"] | join("; ")) end' "$out/try.json" 2>/dev/null) ||
		try_line="FAIL no JSON report from lvscc try (see ${out#"$root"/}/try-console-*.log)"
	pairs=()
	((self_test_only)) || pairs=("try:$try_line")
	self_tests=(
		'self-test-try|test/try/self-test.yaml|^http: traffic: no answer from real server\(s\) rs2 rs3|name rs2 and rs3'
		'self-test-try-arp|test/try/self-test-arp.yaml|^http: bypass: DR: edge resolved the VIP to [0-9a-f:]+ \(rs1\), not to director lvs|name rs1'
	)
	for t in "${self_tests[@]}"; do
		IFS='|' read -r label file regex what <<<"$t"
		line=$(jq -r --arg file "$file" --arg re "$regex" --arg what "$what" '.topologies[] | select(.file == $file)
			| if (.passed | not) and ([.failures[] | select(test($re))] | length) > 0
			  then "PASS the broken bundle failed: \([.failures[] | select(test($re))][0])"
			  else "FAIL lvscc try did not \($what): \(.failures[0] // .verdict)" end' "$out/try.json" 2>/dev/null) || line=""
		pairs+=("$label:${line:-FAIL no result for $file from lvscc try}")
	done
	for pair in "${pairs[@]}"; do
		label=${pair%%:*} line=${pair#*:}
		printf '%s %-22s %4ss  %s\n' "${line%% *}" "$label" "-" "${line#* }"
		if [[ $line == PASS* ]]; then passed=$((passed + 1)); else failed=1; fi
		labels+=("$label")
	done
fi
if ((lab_rc != 0 && !failed)); then
	echo "FAIL lab exited with status $lab_rc"
	failed=1
fi
total=$(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
if ((failed)); then
	echo "e2e: FAILED (${total}s; console transcript: ${console#"$root"/})"
	echo "e2e: $passed passed, $((${#labels[@]} - passed)) failed"
	exit 1
fi
echo "e2e: all ${#labels[@]} passed (${total}s)"
# The plain closing line that CI reads.
echo "e2e: $passed passed, 0 failed"
