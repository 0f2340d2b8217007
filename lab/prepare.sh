#!/usr/bin/env bash
# Idempotently prepare the kernel-lab cache: Debian kernel + module tree (depmod'ed) + tiny busybox initramfs.
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: prepare.sh [--print-env] [--force] [--quiet]

Prepares ${LVSCC_LAB_CACHE:-/var/cache/lvscc-lab} (must be outside /tmp, /run, /proc,
/sys and /dev: the guest sees the host's / read-only but mounts fresh tmpfs there):
  kernel/<pkg>_<version>/   the unpacked linux-image .deb, depmod'ed (boot/vmlinuz-*, lib/modules/*)
  initrd/initrd-<kver>-<hash>.cpio.gz   busybox + virtio/9p modules + guest-init.sh as /init
The kernel package is linux-image-amd64's current dependency (override with
LVSCC_LAB_KERNEL_PKG); the initramfs is keyed on the kernel version, the cache path
and a hash of this script, guest-init.sh and guest-modprobe.sh. Nothing is rebuilt
when both are present, so a warm run costs well under a second.

  --print-env  print LAB_KVER, LAB_KERNEL, LAB_INITRD, LAB_TREE, LAB_CACHE as KEY=VALUE lines
  --force      rebuild the initramfs even if it exists
  --quiet      no progress messages
USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${LVSCC_LAB_CACHE:-/var/cache/lvscc-lab}
print_env=0
force=0
quiet=0
while (($#)); do
	case $1 in
	--print-env) print_env=1 ;;
	--force) force=1 ;;
	--quiet | -q) quiet=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
	shift
done

log() { ((quiet)) || echo "lab-prepare: $*" >&2; }
die() {
	echo "lab-prepare: ERROR: $*" >&2
	exit 1
}

# Modules the initramfs needs to reach the host's root over virtio-9p.
boot_modules=(virtio_pci 9pnet_virtio 9p)
# Modules loaded at boot from the cached tree (missing ones are reported, not fatal).
host_modules=(
	ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr ip_vs_dh ip_vs_sh
	ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh ip_vs_twos
	ipip tunnel4 ip_tunnel ip6_tunnel tunnel6 sit fou fou6 gre ip_gre ip6_gre
	veth bridge dummy macvlan
	nf_conntrack nf_nat nf_tables nft_chain_nat nft_nat nft_masq nft_redir nft_ct
	nft_reject_inet nft_fib_inet nft_limit nft_log
	inet_diag tcp_diag udp_diag
)
# Modules whose absence makes the guest refuse to run a job.
required_modules=(9p ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh ipip veth bridge nf_tables)

case $cache in
/*) ;;
*) die "LVSCC_LAB_CACHE must be an absolute path (got '$cache')" ;;
esac
cache=${cache%/}
case $cache/ in
/tmp/* | /run/* | /proc/* | /sys/* | /dev/* | /var/tmp/*)
	die "LVSCC_LAB_CACHE=$cache is hidden from the guest (it mounts fresh filesystems there); use e.g. /var/cache/lvscc-lab"
	;;
esac

# --- host tools -------------------------------------------------------------
need_pkgs=()
command -v qemu-system-x86_64 >/dev/null || need_pkgs+=(qemu-system-x86)
dpkg-query -W -f='${Status}\n' busybox-static 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=(busybox-static)
command -v cpio >/dev/null || need_pkgs+=(cpio)
command -v depmod >/dev/null || need_pkgs+=(kmod)
command -v ipvsadm >/dev/null || need_pkgs+=(ipvsadm)
command -v curl >/dev/null || need_pkgs+=(curl)
command -v ss >/dev/null || need_pkgs+=(iproute2)
if ((${#need_pkgs[@]})); then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		log "installing missing packages: ${need_pkgs[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need_pkgs[@]}" >&2
	else
		die "missing packages: ${need_pkgs[*]} (apt-get install ${need_pkgs[*]})"
	fi
fi
busybox=$(dpkg-query -L busybox-static | grep -E '/bin/busybox$' | head -n1)
[[ -x $busybox ]] || die "busybox-static's binary not found"

mkdir -p "$cache/kernel" "$cache/initrd" "$cache/jobs"
exec 9>"$cache/.lock"
flock 9
# Job files of runs that were killed before cleaning up.
find "$cache/jobs" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null || true

# --- kernel package -----------------------------------------------------------
# Resolving through apt-cache costs ~1s, so the answer is memoized against the apt lists' state.
pkg=${LVSCC_LAB_KERNEL_PKG:-}
ver=""
lists_state=$(
	{
		echo "pkg=$pkg"
		find /var/lib/apt/lists -maxdepth 1 -type f -name '*Packages*' -printf '%f %T@ %s\n' 2>/dev/null | sort
	} | sha256sum | cut -c1-16
)
if [[ -r $cache/resolved ]] && read -r st rpkg rver <"$cache/resolved" && [[ $st == "$lists_state" ]]; then
	pkg=$rpkg ver=$rver
else
	if [[ -z $pkg ]]; then
		pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }') || true
	fi
	if [[ -n $pkg ]]; then
		ver=$(apt-cache policy "$pkg" 2>/dev/null | awk '$1 == "Candidate:" { print $2; exit }') || true
		[[ $ver == "(none)" ]] && ver=""
	fi
	if [[ -n $pkg && -n $ver ]]; then echo "$lists_state $pkg $ver" >"$cache/resolved"; fi
fi

kdir=""
if [[ -n $pkg && -n $ver ]]; then
	kdir="$cache/kernel/${pkg}_${ver//:/%}"
else
	# No apt metadata (offline machine): fall back to the newest kernel already cached.
	kdir=$(find "$cache/kernel" -mindepth 2 -maxdepth 2 -name .ok -printf '%T@ %h\n' 2>/dev/null |
		sort -rn | awk 'NR == 1 { print $2 }') || true
	[[ -n $kdir ]] || die "cannot resolve linux-image-amd64's dependency (apt-get update?) and no kernel is cached"
	log "apt cannot resolve the kernel package; using cached $kdir"
fi

if [[ ! -e $kdir/.ok ]]; then
	log "fetching $pkg=$ver"
	tmp=$(mktemp -d "$cache/.unpack.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	chmod 755 "$tmp"
	mkdir "$tmp/deb"
	# _apt must be able to write the download directory, or apt warns and downloads as root.
	if id _apt >/dev/null 2>&1; then chown _apt "$tmp/deb"; fi
	(cd "$tmp/deb" && apt-get download -q "$pkg=$ver" >&2)
	deb=$(find "$tmp/deb" -name '*.deb' | head -n1)
	[[ -n $deb ]] || die "apt-get download $pkg=$ver produced no .deb"
	log "unpacking $(basename "$deb")"
	dpkg -x "$deb" "$tmp/tree"
	if [[ ! -d $tmp/tree/lib/modules && -d $tmp/tree/usr/lib/modules ]]; then
		ln -s usr/lib "$tmp/tree/lib"
	fi
	mapfile -t kvers < <(find "$tmp/tree/lib/modules/" -mindepth 1 -maxdepth 1 -printf '%f\n')
	((${#kvers[@]} == 1)) || die "expected one kernel version in $deb, found: ${kvers[*]:-none}"
	depmod -b "$tmp/tree" "${kvers[0]}"
	echo "${kvers[0]}" >"$tmp/tree/.kver"
	rm -rf "$kdir"
	mv "$tmp/tree" "$kdir"
	touch "$kdir/.ok"
	rm -rf "$tmp"
	trap - EXIT
fi
kver=$(<"$kdir/.kver")
kernel="$kdir/boot/vmlinuz-$kver"
[[ -r $kernel ]] || die "no kernel image $kernel"

# extract_vmlinux BZIMAGE OUT: unpack the ELF kernel from a bzImage (xz, zstd or gzip payload).
extract_vmlinux() {
	local img=$1 out=$2 spec magic cmd off
	for spec in $'\xfd7zXZ:xz -dc' $'\x28\xb5\x2f\xfd:zstd -dc' $'\x1f\x8b\x08:gzip -dc'; do
		magic=${spec%%:*} cmd=${spec#*:}
		command -v "${cmd%% *}" >/dev/null || continue
		while read -r off; do
			# Decompressors complain about the bytes after the payload; only the result counts.
			# shellcheck disable=SC2086 # cmd is "tool -dc"
			tail -c +$((off + 1)) "$img" | $cmd >"$out" 2>/dev/null || true
			[[ $(head -c 4 "$out" | od -An -c | tr -d ' ') == 177ELF ]] && return 0
		done < <(LC_ALL=C grep -obUaF -- "$magic" "$img" | cut -d: -f1 | head -n 4)
	done
	rm -f "$out"
	return 1
}

# A kernel with CONFIG_PVH boots from its uncompressed ELF image: qemu jumps straight to the
# PVH entry, skipping firmware and the ~3s xz decompression that TCG makes slow.
vmlinux="$kdir/boot/vmlinux-$kver"
if [[ ${LVSCC_LAB_PVH:-1} == 1 && ! -s $vmlinux && ! -e $kdir/.no-pvh ]]; then
	if grep -q '^CONFIG_PVH=y' "$kdir/boot/config-$kver" 2>/dev/null &&
		extract_vmlinux "$kernel" "$vmlinux.tmp"; then
		mv "$vmlinux.tmp" "$vmlinux"
		log "extracted PVH-bootable $vmlinux"
	else
		log "no PVH-bootable ELF kernel; booting the bzImage"
		touch "$kdir/.no-pvh"
	fi
fi
if [[ ${LVSCC_LAB_PVH:-1} == 1 && -s $vmlinux ]]; then kernel=$vmlinux; fi

# --- initramfs ---------------------------------------------------------------
key=$(
	{
		printf '%s\n' "$kver" "$kdir" "$busybox"
		cat "${BASH_SOURCE[0]}" "$here/guest-init.sh" "$here/guest-modprobe.sh"
	} | sha256sum | cut -c1-16
)
initrd="$cache/initrd/initrd-$kver-$key.cpio.gz"

# deps_of MODULE...: "relpath [params]" insmod lines in dependency order, deduplicated.
# Modules built into the kernel print "builtin NAME" and are skipped; unknown ones go to stderr.
deps_of() {
	local m line
	for m in "$@"; do
		if ! modprobe -d "$kdir" -S "$kver" --show-depends "$m" 2>/dev/null; then
			echo "missing $m"
		fi
	done | while read -r line; do
		case $line in
		"insmod "*)
			line=${line#insmod }
			line=${line#"$kdir/lib/modules/$kver/"}
			echo "${line% }"
			;;
		"missing "*) echo "lab-prepare: note: module ${line#missing } does not exist in $kver" >&2 ;;
		esac
	done | awk '!seen[$1]++'
}

if ((force)) || [[ ! -s $initrd ]]; then
	log "building initramfs for $kver (key $key)"
	stage=$(mktemp -d "$cache/.initrd.XXXXXX")
	trap 'rm -rf "$stage"' EXIT
	mkdir -p "$stage"/{bin,sbin,etc/lvscc,proc,sys,dev,tmp,host,lib/modules/"$kver"}
	cp "$busybox" "$stage/bin/busybox"
	while read -r applet; do
		if [[ -n $applet && $applet != busybox && ! -e $stage/bin/$applet ]]; then ln -s busybox "$stage/bin/$applet"; fi
	done < <("$busybox" --list)
	install -m 755 "$here/guest-init.sh" "$stage/init"
	install -m 755 "$here/guest-modprobe.sh" "$stage/sbin/lvscc-modprobe"
	printf 'KVER=%s\nTREE=%s\n' "$kver" "$kdir" >"$stage/etc/lvscc/lab.conf"

	deps_of "${boot_modules[@]}" >"$stage/etc/lvscc/boot-modules"
	while read -r rel _; do
		mkdir -p "$stage/lib/modules/$kver/$(dirname "$rel")"
		cp "$kdir/lib/modules/$kver/$rel" "$stage/lib/modules/$kver/$rel"
	done <"$stage/etc/lvscc/boot-modules"
	deps_of "${host_modules[@]}" >"$stage/etc/lvscc/host-modules"
	for m in "${required_modules[@]}"; do echo "${m//-/_}"; done >"$stage/etc/lvscc/required-modules"

	(cd "$stage" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet --owner=0:0) |
		gzip -6 >"$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
	cp "$stage/etc/lvscc/host-modules" "$cache/initrd/host-modules-$kver-$key.txt"
	rm -rf "$stage"
	trap - EXIT
	# Older initramfs builds are useless now; drop them (a running qemu has already read its copy).
	find "$cache/initrd" -maxdepth 1 \( -name 'initrd-*.cpio.gz' -o -name 'host-modules-*.txt' \) \
		! -name "initrd-$kver-$key.cpio.gz" ! -name "host-modules-$kver-$key.txt" -delete
	log "initramfs ready: $initrd ($(du -h "$initrd" | cut -f1))"
fi

if ((print_env)); then
	printf 'LAB_KVER=%s\nLAB_KERNEL=%s\nLAB_INITRD=%s\nLAB_TREE=%s\nLAB_CACHE=%s\n' \
		"$kver" "$kernel" "$initrd" "$kdir" "$cache"
fi
