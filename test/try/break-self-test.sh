#!/usr/bin/env bash
# LVSCC_TRY_BUNDLE_HOOK of the try self-tests (test/e2e/run.sh): breaks only the bundles built from
# test/try/self-test*.yaml. self-test.yaml, twice over: rs2 keeps rp_filter=1 on tunl0 (the kernel drops
# the decapsulated requests) and rs3 never gets the VIP on tunl0 (the kernel drops requests to an address
# it does not have); `lvscc try` must fail that topology's traffic checks and name rs2 and rs3.
# self-test-arp.yaml (DR): rs1 answers ARP for the VIP it holds on lvs0 (arp_ignore 0) and the director
# answers no ARP at all (arp_ignore 8); `lvscc try` must fail its bypass check, naming rs1 as the host the
# router resolved the VIP to.
set -euo pipefail
bundle=$1
# edit SCRIPT SED GREP-PRESENT|GREP-ABSENT PATTERN: applies SED to SCRIPT, then the edit must show (a
# line matching PATTERN is present, or absent).
edit() {
	local script=$bundle/hosts/$1/apply.sh found=0
	sed -i "$2" "$script"
	grep -q -- "$4" "$script" && found=1
	if [[ $3 == present && $found == 0 || $3 == absent && $found == 1 ]]; then
		echo "break-self-test: editing $script did not work (a line matching '$4' should be $3)" >&2
		exit 1
	fi
}
case $(jq -r .source.file "$bundle/manifest.json") in
self-test.yaml)
	edit rs2 's/^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 0 /  op sysctl net.ipv4.conf.tunl0.rp_filter 1 /' present '^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 1 '
	edit rs3 '/^  op addr tunl0 .* # VIP of /d' absent '^  op addr tunl0 '
	echo "break-self-test: rs2 keeps rp_filter=1 on tunl0, rs3 has no VIP" >&2
	;;
self-test-arp.yaml)
	edit rs1 's/^  op sysctl net\.ipv4\.conf\.all\.arp_ignore 1 /  op sysctl net.ipv4.conf.all.arp_ignore 0 /' present '^  op sysctl net\.ipv4\.conf\.all\.arp_ignore 0 '
	edit lvs 's/^  op link-up eth0$/  op link-up eth0\n  op sysctl net.ipv4.conf.all.arp_ignore 8/' present '^  op sysctl net\.ipv4\.conf\.all\.arp_ignore 8$'
	echo "break-self-test: rs1 answers ARP for the VIP, the director answers none" >&2
	;;
esac
