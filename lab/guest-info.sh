#!/usr/bin/env bash
# Print what the kernel-lab guest offers (kernel, IPVS, tunnel devices, tools); a quick lab self-check.
set -euo pipefail
echo "kernel: $(uname -r)  cpus: $(nproc)  mem: $(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
echo "args: $*"
echo "cwd: $PWD"
env | sort
echo "ipvs: $(head -n1 /proc/net/ip_vs)"
echo "modules: $(cut -d' ' -f1 /proc/modules | sort | tr '\n' ' ')"
ip -br link
ipvsadm -Ln
modprobe ipip && echo "modprobe ipip: ok"
modprobe nft_queue && echo "modprobe nft_queue: ok"
touch /tmp/x /run/x && echo "tmp/run writable"
if touch /etc/lvscc-lab-probe 2>/dev/null; then echo "host root writable!"; exit 1; else echo "host root read-only"; fi
