# Kind sysctl: a kernel setting. State entry: sysctl KEY OLD (the value before the first apply.sh).
# apply_sysctl KEY VALUE.

# The values before this run changes any (read at the first apply_sysctl): writing conf.default.KEY
# also sets KEY on every interface that has no address yet, so such an interface may already show
# the new value when its turn comes, and its old value must still be recorded and restored.
sysctl_keys=()
declare -A sysctl_before=()
sysctl_before_read=0
prepare_sysctl() {
  sysctl_keys+=("$1")
  sysctl_overridden "$1" "$2"
}

# The sysctl.d files systemd-sysctl reads after lvscc's own (SYSCTL_FILE), in its order (sysctl.d(5)):
# the *.conf files of these directories sorted by name in byte order, a name in an earlier directory
# hiding the same name in a later one; the last assignment of a key wins at boot.
SYSCTL_DIRS=(/etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d)
sysctl_later=()
sysctl_later_read=0
read_sysctl_later() {
  local dir file name own=${SYSCTL_FILE##*/} after=0
  local -A path=()
  for dir in "${SYSCTL_DIRS[@]}"; do
    for file in "$dir"/*.conf; do
      [[ -f $file ]] || continue
      name=${file##*/}
      [[ -n ${path[$name]:-} ]] || path[$name]=$file
    done
  done
  while IFS= read -r name; do
    if [[ $name == "$own" ]]; then after=1; elif ((after)); then sysctl_later+=("${path[$name]}"); fi
  done < <(printf '%s\n' "$own" "${!path[@]}" | LC_ALL=C sort -u)
  sysctl_later_read=1
}
# sysctl_overridden KEY VALUE: warns about each file read after lvscc's own at boot that sets KEY to
# another value (a glob of sysctl.d(5) that matches KEY included): after the next reboot, it wins.
sysctl_overridden() {
  local key=$1 value=$2 file line k v
  # shellcheck disable=SC2154 # SYSCTL_FILE: set by apply.sh, which alone runs the prepare steps
  ((sysctl_later_read)) || read_sysctl_later
  for file in "${sysctl_later[@]}"; do
    while IFS= read -r line || [[ -n $line ]]; do
      line=${line#"${line%%[![:space:]]*}"}
      [[ $line == *=* && $line != [\#\;]* ]] || continue
      k=${line%%=*} v=${line#*=}
      k=${k%"${k##*[![:space:]]}"} v=${v#"${v%%[![:space:]]*}"} v=${v%"${v##*[![:space:]]}"}
      k=${k#-}
      # A key whose first separator is a slash keeps its dots: swap the two to compare dotted forms.
      if [[ $k == */* && ${k%%/*} != *.* ]]; then k=${k//./$'\1'} k=${k//\//.} k=${k//$'\1'//}; fi
      # shellcheck disable=SC2053 # k may be a glob pattern of sysctl.d(5)
      if [[ $key == $k && $v != "$value" ]]; then
        say "warning: $file sets $key = $v and is read after $SYSCTL_FILE at boot: the next reboot leaves $key at $v instead of $value; remove it there"
      fi
    done <"$file"
  done
}
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
