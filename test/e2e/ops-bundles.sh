#!/usr/bin/env bash
# Host side of the operations suite, sourced by run.sh: builds the ops fixtures and the broken copies of their self-tests.
#
# Needs run.sh's $out (run directory) and the array `selected`; appends to `specs` one self-test
# per selected ops scenario: "!NAME:--bundle:DIR[:ARG...]", a copy of the scenario's bundle broken
# in one way that the scenario must catch (guest-suite.sh passes it only if the scenario FAILS).
# shellcheck disable=SC2154 # out, selected and specs belong to run.sh

# Nothing to do unless an ops scenario was selected.
[[ " ${selected[*]} " == *" ops-"* ]] || return 0

# ops_break NAME FIXTURE HOST FILE SED-EXPR [GREP-PROOF]: copy bundles/FIXTURE to bundles/NAME and
# apply SED-EXPR to HOST's FILE (under hosts/HOST/); fails if that changed nothing or if GREP-PROOF
# still matches.
ops_break() {
	local name=$1 fixture=$2 file=$out/bundles/$1/hosts/$3/$4
	cp -a "$out/bundles/$fixture" "$out/bundles/$name"
	sed -i "$5" "$file"
	if cmp -s "$file" "$out/bundles/$fixture/hosts/$3/$4" || { [[ -n ${6:-} ]] && grep -q "$6" "$file"; }; then
		echo "FAIL: e2e: could not break $name (${file#"$out"/} unchanged or still matching '${6:-}')"
		exit 1
	fi
}

for fixture in lab-ops-dr lab-ops-tun lab-ops-checks; do
	./bin/run.js build "fixtures/$fixture.yaml" -o "$out/bundles/$fixture" >/dev/null || {
		echo "FAIL: e2e: lvscc build fixtures/$fixture.yaml failed"
		exit 1
	}
done

# a. without connection sync the new MASTER has no entry for the established streams: it resets them.
ops_break ops-dr-nosync lab-ops-dr lb1 rootfs/etc/keepalived/keepalived.conf '/lvs_sync_daemon/d' lvs_sync_daemon
sed -i '/lvs_sync_daemon/d' "$out/bundles/ops-dr-nosync/hosts/lb2/rootfs/etc/keepalived/keepalived.conf"
# b. with preemption the returning lb1 (priority 150) takes the VIP back from lb2.
ops_break ops-tun-preempt lab-ops-tun lb1 rootfs/etc/keepalived/keepalived.conf '/^ *nopreempt$/d' nopreempt

# e. without a DNS_CHECK on web2 its dead DNS server stays in the table: queries to it keep failing.
ops_break ops-checks-nodnscheck lab-ops-checks lb1 rootfs/etc/keepalived/keepalived.conf \
	'/real_server 192\.168\.10\.12 53 {/,/^    }/{/DNS_CHECK {/,/^        }/d}'
# h. a reload that does not validate first loads the broken file: the manifest without its validation.
cp -a "$out/bundles/lab-ops-checks" "$out/bundles/ops-reload-novalidate"
manifest=$out/bundles/ops-reload-novalidate/manifest.json
jq '(.hosts.lb1.files[] | select(.reload) | .reload) |= sub("^keepalived -t -f [^ ]+ && "; "")
	| if .hosts.lb1.actions then .hosts.lb1.actions |= map(select(.run[0:2] != ["keepalived", "-t"])) else . end' \
	"$out/bundles/lab-ops-checks/manifest.json" >"$manifest"
reload=$(jq -r --arg h lb1 --arg p /etc/keepalived/keepalived.conf -f "$here/ops-reload-command.jq" "$manifest")
if [[ $reload != *systemctl* || $reload == *keepalived*-t* ]]; then
	echo "FAIL: e2e: could not take the validation out of lab-ops-checks' reload command ($reload)"
	exit 1
fi

ops_selftest() { [[ " ${selected[*]} " != *" $1 "* ]] || specs+=("!$1:--bundle:$out/bundles/$2${3:+:$3}"); }
ops_selftest ops-failover-dr ops-dr-nosync --until:planned
ops_selftest ops-failover-tun ops-tun-preempt --until:rejoin
ops_selftest ops-checks ops-checks-nodnscheck --until:dns-dead
ops_selftest ops-reload ops-reload-novalidate
