# Kind sysctl: a kernel setting. State entry: sysctl KEY OLD (the value before the first apply.sh).
# apply_sysctl KEY VALUE.

# The values before this run changes any (read at the first apply_sysctl): writing conf.default.KEY
# also sets KEY on every interface that has no address yet, so such an interface may already show
# the new value when its turn comes, and its old value must still be recorded and restored.
sysctl_keys=()
declare -A sysctl_before=()
sysctl_before_read=0
prepare_sysctl() { sysctl_keys+=("$1"); }
key_sysctl() { printf -v "$1" 'sysctl\t%s' "$2"; }
apply_sysctl() {
  local key=$1 value=$2 current old k
  if ((!sysctl_before_read)); then
    for k in "${sysctl_keys[@]}"; do
      sysctl_before[$k]=$(sysctl -n "$k" 2>/dev/null) || sysctl_before[$k]=
    done
    sysctl_before_read=1
  fi
  want sysctl "$key"
  if ! current=$(sysctl -n "$key" 2>/dev/null); then
    # shellcheck disable=SC2154 # dry_run: set in common.sh
    ((dry_run)) || die "sysctl $key does not exist"
    current='?'
  fi
  old=${sysctl_before[$key]:-$current}
  [[ $current == "$value" && $old == "$value" ]] && return 0
  state_known sysctl "$key" || state_add sysctl "$key" "$old"
  [[ $current == "$value" ]] || run sysctl -qw "$key=$value"
  on_undo sysctl -qw "$key=$old"
}
revert_sysctl() { run sysctl -qw "$1=$2"; }
