# Kind fallback-device: a tunnel fallback device (tunl0, gre0, ...) that its module creates when it
# loads. apply_fallback_device LINK MODULE fails when it is missing; no state entry.
# shellcheck disable=SC2154 # dry_run: set in common.sh
apply_fallback_device() { has_link "$1" || ((dry_run)) || die "$1 does not exist: is the $2 module available?"; }
