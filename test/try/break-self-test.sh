#!/usr/bin/env bash
# LVSCC_TRY_BUNDLE_HOOK of the try self-test (test/e2e/run.sh): breaks only the bundle built from
# test/try/self-test.yaml, twice over: rs2 keeps rp_filter=1 on tunl0 (the kernel drops the decapsulated
# requests) and rs3 never gets the VIP on tunl0 (the kernel drops requests to an address it does not
# have). `lvscc try` must fail that topology's traffic checks and name rs2 and rs3.
set -euo pipefail
bundle=$1
[[ $(jq -r .source.file "$bundle/manifest.json") == self-test.yaml ]] || exit 0
rs2=$bundle/hosts/rs2/apply.sh rs3=$bundle/hosts/rs3/apply.sh
sed -i 's/^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 0 /  op sysctl net.ipv4.conf.tunl0.rp_filter 1 /' "$rs2"
grep -q '^  op sysctl net\.ipv4\.conf\.tunl0\.rp_filter 1 ' "$rs2" || {
	echo "break-self-test: no tunl0 rp_filter line in $rs2" >&2
	exit 1
}
sed -i '/^  op addr tunl0 .* # VIP of /d' "$rs3"
if grep -q '^  op addr tunl0 ' "$rs3"; then
	echo "break-self-test: the VIP line of $rs3 is still there" >&2
	exit 1
fi
echo "break-self-test: rs2 keeps rp_filter=1 on tunl0, rs3 has no VIP" >&2
