#!/usr/bin/env bash
# End-to-end suite (npm run test:e2e): builds bundles with the CLI, applies them in a real kernel (qemu lab).
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: test/e2e/run.sh [-v] [--self-test-broken] [SCENARIO...]

Builds the CLI if needed, builds every scenario's bundle on the host with `lvscc build` into
.e2e-out/run.XXXXXX/bundles/ (one directory per run, so that runs in the same tree do not
collide; .e2e-out/last points at the newest), boots the kernel lab (test/e2e/lab) and runs the scenario scripts
of test/e2e/scenarios/ in it, one after another. Prints one PASS/FAIL line per scenario and
exits 1 if any failed. Scenarios (default: all, then the broken-bundle self-test):

  tun        seed-tun-nftables.yaml: rr through the VIP, director OutPkts 0, client via the generated nftables edge router
  dr         lab-dr.yaml: the same for direct routing
  nat        lab-nat.yaml: two-legged director, replies cross it (OutPkts > 0)
  keepalived lab-ha.yaml: keepalived in both directors, MASTER killed, health check drops and restores a server
  lifecycle  apply twice, teardown restores, failed apply rolls back, foreign IPVS services kept or refused
  headline   bytes through the director, TUN versus NAT, with responses ~10x the requests
  networkd   the bundle's systemd-networkd units, loaded by the real systemd-networkd, match apply.sh
  upgrade    a changed topology (VIP moved) applied over the old one: old VIP/service gone, teardown exact
  tun6       lab-tun6.yaml: IPv6 TUN (ip6ip6 to ip6tnl0), rr through the VIP, director OutPkts 0
  (the ops-* scenarios run only when named)
  ops-failover-dr   operations a, b (lab-ops-dr.yaml): MASTER failover under load, planned and crash; old MASTER back
  ops-failover-tun  the same for TUN (lab-ops-tun.yaml)
  ops-checks        operation e (lab-ops-checks.yaml): DNS_CHECK and MISC_CHECK take a server out and back under load
  ops-reload        operation h (lab-ops-checks.yaml): the manifest's keepalived reload refuses a broken file under load

  --self-test-broken  only the self-test: scenario tun on a copy of the seed bundle whose rs2
                      apply.sh sets rp_filter=1 on tunl0; exits 0 only if the scenario FAILED
  -v, --verbose       stream the whole guest console (default: progress and verdicts; the full
                      transcript is kept in .e2e-out/last/console.log)
(The self-test's "not ok" lines are the broken bundle failing, as it must.)

Under CI=true nothing is skipped: a missing tool or a lab that does not boot fails the suite.
Environment: LVSCC_E2E_TIMEOUT (guest seconds, default 900), LVSCC_E2E_SCENARIO_TIMEOUT (240),
and the lab's LVSCC_LAB_* knobs (test/e2e/lab/README.md).
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
all_scenarios=(tun dr nat keepalived lifecycle headline networkd upgrade tun6)
# The operations suite (README: "Operations suite"): run by name, not yet by default (not yet seen
# passing on an unloaded machine; see the README).
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
for fixture in seed-tun seed-tun-nftables lab-dr lab-nat lab-ha lab-tun6; do
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

# The deliberately broken copy: rs2 leaves rp_filter at 1 on tunl0, so the kernel drops the
# decapsulated requests (their source is reached through eth0, not tunl0).
broken=$out/bundles/seed-tun-broken
cp -a "$out/bundles/seed-tun-nftables" "$broken"
sed -i 's/^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 0 /  op sysctl net.ipv4.conf.tunl0.rp_filter 1 /' "$broken/hosts/rs2/apply.sh"
grep -q '^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 1 ' "$broken/hosts/rs2/apply.sh" ||
	{
		echo "FAIL: e2e: could not break the copy of rs2's apply.sh (no tunl0 rp_filter line)"
		exit 1
	}

specs=()
if ((self_test_only)); then
	specs=("!tun:--bundle:$broken")
else
	((${#selected[@]})) || selected=("${all_scenarios[@]}")
	specs=("${selected[@]}")
	# The self-test runs with the full suite (and whenever tun is selected).
	[[ " ${selected[*]} " == *" tun "* ]] && specs+=("!tun:--bundle:$broken")
	# The operations suite's bundles and self-tests.
	# shellcheck source-path=SCRIPTDIR source=ops-bundles.sh
	source "$here/ops-bundles.sh"
fi

# --- the lab --------------------------------------------------------------------------------
# TCG runs one guest CPU per host thread: on a machine with 2+ CPUs the scenarios are split over
# that many guests (LVSCC_E2E_JOBS, default min(CPUs, 2)), longest first, each group in its own
# guest, one after another inside it.
declare -A weight=([tun]=22 [dr]=22 [nat]=17 [keepalived]=40 [lifecycle]=110 [headline]=45 [networkd]=60 [upgrade]=55 [tun6]=15 [ops-failover-dr]=90 [ops-failover-tun]=90 [ops-checks]=70 [ops-reload]=50)
jobs=${LVSCC_E2E_JOBS:-$(($(nproc) >= 2 ? 2 : 1))}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
((jobs <= ${#specs[@]})) || jobs=${#specs[@]}
groups=()
loads=()
for ((g = 0; g < jobs; g++)); do groups[g]="" loads[g]=0; done
mapfile -t ordered < <(for s in "${specs[@]}"; do
	n=${s%%:*}
	printf '%s %s\n' "${weight[${n#!}]:-30}" "$s"
done | sort -rn -k1,1 | cut -d' ' -f2-)
for s in "${ordered[@]}"; do
	best=0
	for ((g = 1; g < jobs; g++)); do ((loads[g] < loads[best])) && best=$g; done
	groups[best]+="$s"$'\n'
	n=${s%%:*}
	loads[best]=$((loads[best] + ${weight[${n#!}]:-30}))
done

progress() {
	if ((verbose)); then sed -u "s/^/[$1] /"; else
		awk -v g="$1" '/^=== begin / { printf "e2e[%s]: running %s\n", g, $3; fflush() }
			/^(PASS|FAIL): / || /^not ok: / { printf "e2e[%s]:   %s\n", g, $0; fflush() }
			/^run-in-guest: (TIMEOUT|guest ended|status)/ { printf "e2e[%s]: %s\n", g, $0; fflush() }'
	fi
}
pids=()
consoles=()
for ((g = 0; g < jobs; g++)); do
	mapfile -t group <<<"${groups[g]%$'\n'}"
	consoles[g]=$out/console-$((g + 1)).log
	say "guest $((g + 1)): ${group[*]//:--bundle:*/ (broken bundle)}"
	(
		set +e
		LVSCC_E2E_OUT=$out LVSCC_E2E_SCENARIO_TIMEOUT=${LVSCC_E2E_SCENARIO_TIMEOUT:-240} \
			bash "$here/lab/run-in-guest.sh" --timeout "${LVSCC_E2E_TIMEOUT:-900}" "$here/guest-suite.sh" "${group[@]}" \
			</dev/null 2>&1 | tee "${consoles[g]}" | progress "$((g + 1))"
		exit "${PIPESTATUS[0]}"
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
cat "${consoles[@]}" >"$console"

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
