#!/bin/sh
# Guest /init for the lvscc kernel lab (busybox sh; prepare.sh copies it into the initramfs).
# shellcheck shell=sh
#
# Boots the guest: loads the virtio/9p modules shipped in the initramfs, mounts the
# host's / read-only over virtio-9p at /host, insmods the test modules from the
# cached kernel tree (visible under /host), prepares /host/{proc,sys,dev,tmp,run},
# chroots into /host, runs the job named by lvscc.job= on the kernel command line
# with a clean environment, prints "LVSCC-LAB-EXIT=<rc>" and powers off.
# Any unexpected failure also ends in a status line (125) and a power-off.
# shellcheck disable=SC3040 # busybox ash has pipefail
set -eu -o pipefail

PATH=/bin:/sbin
export PATH

say() { echo "lvscc-lab: $*"; }
finish() {
	trap - EXIT
	echo
	echo "LVSCC-LAB-EXIT=$1"
	sync 2>/dev/null || true
	poweroff -f
	sleep 60
}
trap 'say "FATAL: guest init failed (line ${LINENO:-?})"; finish 125' EXIT

# shellcheck source=/dev/null
. /etc/lvscc/lab.conf # KVER, TREE (absolute host path of the unpacked kernel tree)

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || true
hostname lvscc-lab

job=""
script=""
verbose=0
read -r cmdline </proc/cmdline
for w in $cmdline; do
	case $w in
	lvscc.job=*) job=${w#lvscc.job=} ;;
	lvscc.script=*) script=${w#lvscc.script=} ;;
	lvscc.verbose=1) verbose=1 ;;
	esac
done

# mod_loaded NAME.ko: is the module already in the kernel?
# (No subshells for the common case: every fork is slow under TCG.)
mod_loaded() {
	m=${1##*/}
	m=${m%.ko}
	case $m in *-*) m=$(echo "$m" | tr - _) ;; esac
	[ -d "/sys/module/$m" ]
}

# load_list BASEDIR LISTFILE: insmod every "relpath [params]" line unless loaded.
load_list() {
	while read -r rel params; do
		[ -n "$rel" ] || continue
		mod_loaded "$rel" && continue
		# shellcheck disable=SC2086 # params are words like numdummies=0
		if ! insmod "$1/$rel" $params 2>/tmp/insmod.err; then
			# e.g. crc32c-intel refuses a CPU without SSE4.2: harmless, the generic one loads.
			if [ "$verbose" = 1 ]; then say "note: insmod $rel: $(cat /tmp/insmod.err)"; fi
		fi
	done <"$2"
}

load_list "/lib/modules/$KVER" /etc/lvscc/boot-modules

mkdir -p /host
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host

modroot="/host$TREE/lib/modules/$KVER"
[ -d "$modroot" ] || { say "FATAL: kernel tree $modroot not visible in the guest"; finish 125; }
# Kernel-requested module loads (request_module) run /sbin/modprobe in this
# initramfs; point them at the host's kmod with the cached tree.
echo /sbin/lvscc-modprobe >/proc/sys/kernel/modprobe
load_list "$modroot" /etc/lvscc/host-modules

missing=""
while read -r m; do
	[ -n "$m" ] || continue
	[ -d "/sys/module/$m" ] || missing="$missing $m"
done </etc/lvscc/required-modules
[ -z "$missing" ] || { say "FATAL: required modules not loaded:$missing"; finish 125; }

mount -t proc proc /host/proc
mount -t sysfs sysfs /host/sys
mount -t devtmpfs devtmpfs /host/dev
mkdir -p /host/dev/pts /host/dev/shm
# devtmpfs lacks the links udev would make; bash's <(...) needs /dev/fd.
ln -sfn /proc/self/fd /host/dev/fd
ln -sfn /proc/self/fd/0 /host/dev/stdin
ln -sfn /proc/self/fd/1 /host/dev/stdout
ln -sfn /proc/self/fd/2 /host/dev/stderr
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /host/dev/pts
mount -t tmpfs -o mode=1777 tmpfs /host/dev/shm
mount -t tmpfs -o mode=1777 tmpfs /host/tmp
mount -t tmpfs -o mode=755 tmpfs /host/run
if [ -d /host/var/tmp ]; then mount -t tmpfs -o mode=1777 tmpfs /host/var/tmp; fi
mkdir -p /host/run/netns /host/run/lock /host/run/lvscc-lab/bin

# `modprobe`/`modinfo` inside the job see the guest kernel's modules (first in PATH).
printf '#!/bin/sh\nexec /sbin/modprobe -d %s "$@"\n' "$TREE" >/host/run/lvscc-lab/bin/modprobe
printf '#!/bin/sh\nexec /sbin/modinfo -b %s "$@"\n' "$TREE" >/host/run/lvscc-lab/bin/modinfo
chmod 755 /host/run/lvscc-lab/bin/modprobe /host/run/lvscc-lab/bin/modinfo

# lvscc.job=FILE (what run-in-guest.sh passes: cd, LVSCC_* exports, exec bash SCRIPT ARGS)
# or lvscc.script=FILE (run with bash from /, no arguments).
[ -n "$job" ] || job=$script
[ -n "$job" ] || { say "FATAL: no lvscc.job= or lvscc.script= on the kernel command line"; finish 125; }
[ -r "/host$job" ] || { say "FATAL: job file $job not readable in the guest"; finish 125; }

up=$(cut -d' ' -f1 /proc/uptime)
say "guest ready after ${up}s (kernel $KVER); running job"
rc=0
chroot /host /usr/bin/env -i \
	PATH=/run/lvscc-lab/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TERM=dumb LANG=C.UTF-8 LVSCC_LAB=1 LVSCC_LAB_KVER="$KVER" \
	/bin/bash "$job" </dev/null || rc=$?
end=$(cut -d' ' -f1 /proc/uptime)
say "job finished at ${end}s (guest uptime) with status $rc"
finish "$rc"
