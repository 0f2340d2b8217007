#!/usr/bin/env bash
# Scenario 7, the bundle's systemd-networkd units loaded by the real systemd-networkd.
#
# For a TUN real server (seed-tun rs1: tunl0), a DR real server (lab-dr rs1: the dummy lvs0), a
# two-legged NAT director with a jumbo MTU (lab-nat lvs) and an IPv6 TUN director (lab-tun6 lvs,
# whose VIP must be deprecated), one namespace is configured by the host's apply.sh and
# a twin namespace by /lib/systemd/systemd-networkd reading only the host's
# rootfs/etc/systemd/network/ (recipe of KERNEL-LAB.md: private mount namespace, the units bound
# over /etc/systemd/network, /sys read-only, a tmpfs /run with /run/systemd/netif/* owned by
# systemd-network). Asserts: the units exist; networkd gives the twin the same addresses (and
# their deprecated flag), MTUs, links up and main-table routes (gateway, device, advmss) as
# apply.sh; its log has no warning. Then the rest of the boot-time files: the host's sysctl.d file (sysctl -p, once networkd has made
# the devices, as udev's systemd-sysctl call would) gives the same values for every key apply.sh
# sets, and a director's ipvsadm.rules (ipvsadm -R, as its systemd unit does) the same IPVS table.
#   bash test/e2e/run.sh networkd   # from the host
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin networkd seed-tun "$@"

run=$E2E_RUN/$E2E_NAME
NETWORKD=/lib/systemd/systemd-networkd
# label bundle host interfaces
CASES=(
	"tun-rs seed-tun rs1 eth0"
	"dr-rs lab-dr rs1 eth0"
	"nat-lvs lab-nat lvs eth0 eth1"
	"tun6-lvs lab-tun6 lvs eth0"
)
[[ -x $NETWORKD ]] || {
	e2e_fail "$NETWORKD is not installed"
	e2e_end "-"
}
network_user=$(id -u systemd-network 2>/dev/null) || {
	e2e_fail "no systemd-network user"
	e2e_end "-"
}

# state NS: what both must agree on, normalized: per link its up flag and global addresses
# (IPv6 link-local left out: the kernel adds those on link-up), and the main table's routes
# without the protocol (apply.sh's are "boot", networkd's "static").
state() {
	ip -n "$1" -j addr show | jq -c '.[] | select(.ifname != "lo")
		| {ifname, mtu, up: (.flags | index("UP") != null),
		   addr: [.addr_info[] | select(.scope != "link")
			| "\(.local)/\(.prefixlen)\(if .preferred_life_time == 0 then " deprecated" else "" end)"] | sort}
		| select(.up or (.addr | length > 0))'
	ip -n "$1" -j route show table main | jq -c '.[] | del(.protocol) | del(.flags)'
	ip -n "$1" -j -6 route show table main | jq -c '.[] | select(.dst | startswith("fe80") | not) | del(.protocol) | del(.flags) | del(.pref)'
}

# networkd_start NS UNITS LOG: systemd-networkd in NS with only UNITS as its configuration.
networkd_start() {
	local ns=$1 units=$2 log=$3
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$ns" unshare -m --propagation private bash -c '
		set -e
		mount --bind "$1" /etc/systemd/network
		# With /sys writable networkd believes udev runs and waits for it forever.
		umount -l /sys
		mount -t sysfs -o ro sysfs /sys
		mount -t tmpfs -o mode=755 tmpfs /run
		mkdir -p /run/systemd/netif/links /run/systemd/netif/leases /run/systemd/netif/lldp
		chown -R "$2:$2" /run/systemd/netif
		exec env SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_COLOR=0 SYSTEMD_LOG_LEVEL=info "$3"
	' networkd "$units" "$network_user" "$NETWORKD" >"$log" 2>&1 &
	E2E_EXTRA_PIDS+=($!)
	NETWORKD_PID=$!
}

summary=()
for c in "${CASES[@]}"; do
	read -r label fixture host ifaces <<<"$c"
	bundle=$E2E_OUT/bundles/$fixture
	units=$bundle/hosts/$host/rootfs/etc/systemd/network
	if ! compgen -G "$units/*.network" >/dev/null; then
		e2e_fail "$label: no networkd units in bundle ($fixture hosts/$host/rootfs/etc/systemd/network/)"
		continue
	fi
	e2e_note "$label: units $(cd "$units" && echo *)"
	for side in a n; do
		lab_ns_add "$side-$label"
		first=1
		for ifname in $ifaces; do
			if ((first)); then
				[[ " ${LAB_BRIDGES[*]} " == *" br-$label "* ]] || lab_bridge_add "br-$label"
			fi
			lab_link_add "$side-$label" "br-$label" "$ifname"
			first=0
		done
		E2E_DIAG_HOSTS+=("$side-$label")
	done
	e2e_run_script "$bundle" "$host" "a-$label" apply || e2e_fail "$label: apply.sh failed"
	state "a-$label" >"$run/$label.apply"
	# An IPv6 director's VIP has preferred lifetime 0: never the source of its own packets.
	[[ $label != tun6-lvs ]] || e2e_check "$label: apply.sh gives the director's VIP 2001:db8:24::88 preferred_lft 0 (deprecated)" \
		grep -qF '"2001:db8:24::88/128 deprecated"' "$run/$label.apply"

	log=$run/$label.networkd.log
	networkd_start "n-$label" "$units" "$log"
	t0=$SECONDS
	converged=0
	while ((SECONDS - t0 < 15)); do
		state "n-$label" >"$run/$label.networkd"
		if cmp -s "$run/$label.apply" "$run/$label.networkd"; then
			converged=1
			break
		fi
		kill -0 "$NETWORKD_PID" 2>/dev/null || break
		sleep 0.2
	done
	# Let it finish what it logs about the links it configured.
	sleep 1
	kill "$NETWORKD_PID" 2>/dev/null || true
	wait "$NETWORKD_PID" 2>/dev/null || true
	state "n-$label" >"$run/$label.networkd"
	e2e_same "$label: systemd-networkd configured what apply.sh configures ($((SECONDS - t0))s)" "$run/$label.apply" "$run/$label.networkd"
	((converged)) || sed 's/^/    networkd: /' "$log" | tail -n 30
	# systemd-networkd 252 on Linux 6.1 logs these three for the ipip/gre fallback devices whatever the
	# .network says: the kernel gives them no IPv6 settings, and networkd writes these on every link it
	# manages. They change nothing (test/targets/networkd.test.ts, knownTunnelWarning, allows the same).
	known='^(tunl0|gre0): (Cannot disable kernel IPv6 accept_ra for interface|Cannot set IPv6 proxy NDP|Failed to set IPv6LL address generation mode), ignoring: '
	mapfile -t warnings < <(grep -Ei 'warn|ignor|unknown|invalid|fail|error|could not|cannot|not supported|deprecated' "$log" | grep -Ev "$known" || true)
	if ((${#warnings[@]} == 0)); then
		e2e_ok "$label: systemd-networkd logged no warning beyond systemd 252's known tunnel-device notices ($(wc -l <"$log") lines)"
	else
		e2e_fail "$label: systemd-networkd logged warnings:"
		printf '    %s\n' "${warnings[@]}"
	fi
	if [[ ${LVSCC_E2E_VERBOSE:-0} == 1 ]]; then sed 's/^/    networkd: /' "$log"; fi

	# The other boot-time files of the host.
	mapfile -t keys < <(e2e_sysctls_of "$bundle/hosts/$host/apply.sh")
	conf=$(compgen -G "$bundle/hosts/$host/rootfs/etc/sysctl.d/*.conf" | head -n 1 || true)
	if ((${#keys[@]})); then
		if [[ -z $conf ]]; then
			e2e_fail "$label: apply.sh sets ${#keys[@]} sysctl(s) but the bundle has no sysctl.d file"
		elif out=$(ip netns exec "n-$label" sysctl -q -p "$conf" 2>&1); then
			ip netns exec "a-$label" sysctl "${keys[@]}" >"$run/$label.sysctl-apply" 2>&1 || true
			ip netns exec "n-$label" sysctl "${keys[@]}" >"$run/$label.sysctl-boot" 2>&1 || true
			e2e_same "$label: ${conf##*/} sets the ${#keys[@]} sysctls as apply.sh does" "$run/$label.sysctl-apply" "$run/$label.sysctl-boot"
		else
			e2e_fail "$label: sysctl -p ${conf##*/} failed: $out"
		fi
	fi
	rules=$(compgen -G "$bundle/hosts/$host/rootfs/etc/lvscc/*/ipvsadm.rules" | head -n 1 || true)
	if [[ -n $rules ]]; then
		if out=$(ip netns exec "n-$label" ipvsadm -R <"$rules" 2>&1); then
			e2e_expect_eq "$label: ipvsadm.rules loads the IPVS table apply.sh loads" \
				"$(ip netns exec "a-$label" ipvsadm -Sn)" "$(ip netns exec "n-$label" ipvsadm -Sn)"
		else
			e2e_fail "$label: ipvsadm -R < ${rules#"$bundle"/} failed: $out"
		fi
	fi
	summary+=("$label")
done

e2e_end "networkd units, sysctl.d and ipvsadm.rules match apply.sh for ${summary[*]}"
