# Kind module: a kernel module, loaded before anything changes. Best effort, since built in or already
# loaded is fine; never unloaded (other services may use it), so it has no state entry.
prepare_module() { if [[ ! -d /sys/module/$1 ]]; then run modprobe "$1" || say "warning: could not load module $1"; fi; }
