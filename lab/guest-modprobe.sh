#!/bin/sh
# Kernel module-request helper for the lvscc lab guest: runs the host's kmod on the cached kernel tree.
# shellcheck shell=sh
set -eu
# shellcheck source=/dev/null
. /etc/lvscc/lab.conf
exec chroot /host /sbin/modprobe -d "$TREE" "$@"
