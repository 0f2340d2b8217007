#!/usr/bin/env bash
# Scenario 5, lifecycle of apply.sh and teardown.sh, on one host of each kind:
#   tlvs = seed-tun's director lvs (static IPVS)    trs  = seed-tun's real server rs1 (tunl0)
#   drs  = lab-dr's real server rs1 (dummy lvs0)      nlvs = lab-nat's director lvs (eth0 + eth1, MTU 9000)
#
# Asserts, for each: apply.sh --dry-run lists commands and changes nothing; apply.sh succeeds;
# a second apply.sh changes nothing (same links, addresses, routes, touched sysctls, IPVS table
# and state file; on directors --dry-run then lists no command); teardown.sh returns the
# namespace to its state before apply (compared as `ip -j link/addr/route`, the sysctls the
# script sets and `ipvsadm -Sn`), including an address, a DHCP default route (metric 100) and an
# rp_filter value that were there before, and an IPVS service the bundle does not own (other
# VIP:port), which survives apply and teardown. Then: an apply that fails midway (a later step
# made to fail, an interface missing) leaves the namespace as it was; a service on the bundle's
# own VIP:port that the bundle did not create is refused (and the refusal rolls back too) unless
# --force, and the service it replaced is back after teardown.
#   bash test/e2e/run.sh lifecycle   # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin lifecycle seed-tun "$@"

run=$E2E_RUN/$E2E_NAME
TUN=$E2E_OUT/bundles/seed-tun
DR=$E2E_OUT/bundles/lab-dr
NAT=$E2E_OUT/bundles/lab-nat
declare -A BUNDLE=([tlvs]=$TUN [trs]=$TUN [drs]=$DR [nlvs]=$NAT)
declare -A HOST=([tlvs]=lvs [trs]=rs1 [drs]=rs1 [nlvs]=lvs)
FOREIGN=10.99.0.1:8080

e2e_hosts lab0 tlvs trs drs nlvs
lab_bridge_add lab1
lab_link_add nlvs lab1 eth1

# What was there before lvscc: on trs its own address (configured by the distribution, so
# apply.sh must leave it and teardown.sh must keep it), a DHCP default route (metric 100) and
# the distribution's rp_filter; on both directors an IPVS service of someone else (another VIP:port).
ip -n trs addr add 10.10.24.21/24 dev eth0
ip -n trs route add default via 10.10.24.254 dev eth0 proto dhcp metric 100
lab_sysctl trs net.ipv4.conf.all.rp_filter=2
for ns in tlvs nlvs; do
	ip netns exec "$ns" ipvsadm -A -t "$FOREIGN" -s wlc
	ip netns exec "$ns" ipvsadm -a -t "$FOREIGN" -r 10.99.0.2:8080 -m -w 5
done
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
# snap NS NAME: snapshot of NS into $run/NS.NAME
snap() {
	local -a keys
	mapfile -t keys < <(e2e_sysctls_of "$(script_of "$1" apply)")
	e2e_snapshot "$1" "${keys[@]}" >"$run/$1.$2"
}
has_foreign() { ip netns exec "$1" ipvsadm -Sn | grep -qF -- "-A -t $FOREIGN -s wlc"; }

# --- apply, apply again, dry run, teardown ----------------------------------------------------
for ns in tlvs trs drs nlvs; do
	snap "$ns" before
	if run_script "$ns" apply --dry-run; then
		changes=$(grep -c '^+ ' <<<"$E2E_SCRIPT_OUTPUT" || true)
		snap "$ns" dry
		if ((changes > 0)) && cmp -s "$run/$ns.before" "$run/$ns.dry" && [[ ! -e $(state_file "$ns") ]]; then
			e2e_ok "$ns: apply.sh --dry-run lists $changes command(s) and changes nothing"
		else
			e2e_fail "$ns: apply.sh --dry-run listed $changes command(s) or changed the namespace"
			diff -u "$run/$ns.before" "$run/$ns.dry" | sed 's/^/    /' | head -n 20 || true
		fi
	else
		e2e_fail "$ns: apply.sh --dry-run failed"
	fi
	if run_script "$ns" apply; then e2e_ok "$ns: apply.sh"; else e2e_fail "$ns: apply.sh failed"; fi
	snap "$ns" applied
	cp "$(state_file "$ns")" "$run/$ns.state1" 2>/dev/null || echo "(none)" >"$run/$ns.state1"
	# On a director a re-created IPVS service would look the same afterwards (its connections and
	# counters gone): the dry run must plan nothing at all.
	if [[ $ns == *lvs ]]; then
		if run_script "$ns" apply --dry-run; then
			changes=$(grep -c '^+ ' <<<"$E2E_SCRIPT_OUTPUT" || true)
			if ((changes == 0)); then e2e_ok "$ns: apply.sh --dry-run after apply lists no command"; else
				e2e_fail "$ns: apply.sh --dry-run after apply lists $changes command(s):"
				grep '^+ ' <<<"$E2E_SCRIPT_OUTPUT" | sed 's/^/    /'
			fi
		else
			e2e_fail "$ns: apply.sh --dry-run failed"
		fi
	fi
	if run_script "$ns" apply; then e2e_ok "$ns: apply.sh again"; else e2e_fail "$ns: apply.sh again failed"; fi
	snap "$ns" applied2
	e2e_same "$ns: the second apply.sh changed nothing" "$run/$ns.applied" "$run/$ns.applied2"
	cp "$(state_file "$ns")" "$run/$ns.state2" 2>/dev/null || echo "(none)" >"$run/$ns.state2"
	e2e_same "$ns: the second apply.sh left the state file as it was" "$run/$ns.state1" "$run/$ns.state2"
	case $ns in tlvs | nlvs) e2e_check "$ns: apply.sh kept the foreign IPVS service $FOREIGN" has_foreign "$ns" ;; esac
	if run_script "$ns" teardown; then e2e_ok "$ns: teardown.sh"; else e2e_fail "$ns: teardown.sh failed"; fi
	snap "$ns" torndown
	e2e_same "$ns: teardown.sh restored the namespace" "$run/$ns.before" "$run/$ns.torndown"
	e2e_check "$ns: teardown.sh removed the state file" test ! -e "$(state_file "$ns")"
	e2e_phase "$ns: lifecycle done"
done

# --- an apply that fails midway rolls back ----------------------------------------------------
# A later step fails: `ip route replace default` (after sysctls, links and addresses) on trs.
fault=$run/fault-bin
mkdir -p "$fault"
real_ip=$(command -v ip)
cat >"$fault/ip" <<EOF
#!/bin/bash
case " \$* " in *" route replace default "*) echo "ip: injected failure" >&2; exit 2 ;; esac
exec $real_ip "\$@"
EOF
chmod +x "$fault/ip"
snap trs before-fault
rc=0
out=$(ip netns exec trs env PATH="$fault:$PATH" LVSCC_STATE_DIR="$(e2e_state_dir trs)" bash "$(script_of trs apply)" 2>&1) || rc=$?
printf '%s\n' "$out" | sed 's/^/  [trs apply, route step failing] /'
e2e_check "trs: apply.sh fails when a later step fails (status $rc)" test "$rc" -ne 0
snap trs after-fault
e2e_same "trs: the failed apply.sh left the namespace as it was" "$run/trs.before-fault" "$run/trs.after-fault"
e2e_check "trs: the failed apply.sh left no state file" test ! -e "$(state_file trs)"

# An interface is missing: nlvs without eth1.
ip -n nlvs link del eth1
snap nlvs before-missing
if E2E_QUIET_FAILURE=1 run_script nlvs apply; then
	e2e_fail "nlvs: apply.sh succeeded without eth1"
else
	e2e_ok "nlvs: apply.sh refuses to run without eth1: $(tail -n 1 <<<"$E2E_SCRIPT_OUTPUT")"
fi
snap nlvs after-missing
e2e_same "nlvs: the refused apply.sh left the namespace as it was" "$run/nlvs.before-missing" "$run/nlvs.after-missing"
e2e_phase "failures done"

# --- a service on the bundle's own VIP:port that the bundle did not create --------------------
ip netns exec tlvs ipvsadm -A -t 10.10.24.88:80 -s wlc
ip netns exec tlvs ipvsadm -a -t 10.10.24.88:80 -r 10.10.24.50:80 -g -w 2
snap tlvs before-conflict
if E2E_QUIET_FAILURE=1 run_script tlvs apply; then
	e2e_fail "tlvs: apply.sh took over 10.10.24.88:80 without --force"
else
	if grep -q -- '--force' <<<"$E2E_SCRIPT_OUTPUT"; then
		e2e_ok "tlvs: apply.sh refuses the foreign 10.10.24.88:80: $(grep -- '--force' <<<"$E2E_SCRIPT_OUTPUT" | head -n 1)"
	else
		e2e_fail "tlvs: apply.sh failed, but not by refusing the foreign service:"
		printf '%s\n' "$E2E_SCRIPT_OUTPUT" | sed 's/^/    /'
	fi
fi
snap tlvs after-refusal
e2e_same "tlvs: the refused apply.sh left the namespace as it was" "$run/tlvs.before-conflict" "$run/tlvs.after-refusal"
e2e_check "tlvs: the refused apply.sh left no state file" test ! -e "$(state_file tlvs)"

if run_script tlvs apply --force; then e2e_ok "tlvs: apply.sh --force"; else e2e_fail "tlvs: apply.sh --force failed"; fi
want=$(grep -F -- '-t 10.10.24.88:80 ' "$TUN/hosts/lvs/rootfs/etc/lvscc/web-tun/ipvsadm.rules")
got=$(ip netns exec tlvs ipvsadm -Sn | grep -F -- '-t 10.10.24.88:80 ' || true)
e2e_expect_eq "tlvs: --force replaced the service with the bundle's rules" "$want" "$got"
e2e_check "tlvs: --force kept the foreign IPVS service $FOREIGN" has_foreign tlvs
if run_script tlvs teardown; then e2e_ok "tlvs: teardown.sh after --force"; else e2e_fail "tlvs: teardown.sh after --force failed"; fi
snap tlvs after-force-teardown
e2e_same "tlvs: teardown.sh after --force restored the service it replaced" "$run/tlvs.before-conflict" "$run/tlvs.after-force-teardown"

e2e_end "4 hosts: apply idempotent, teardown exact, failed applies roll back, foreign IPVS services kept or refused"
