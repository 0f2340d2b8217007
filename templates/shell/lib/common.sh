# Shared by apply.sh and teardown.sh: the state file, dry runs, undo records, messages and link queries.
# shellcheck disable=SC2154 # SCRIPT, CLUSTER and HOST: set by the generated script before this file
STATE_DIR=${LVSCC_STATE_DIR:-/var/lib/lvscc}
STATE_FILE="$STATE_DIR/$CLUSTER/$HOST.state"
dry_run=0
# Commands that revert what this run changed, newest last (run in reverse on failure).
undo=()

say() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

# run CMD...: runs a command, or prints it under --dry-run.
run() {
  if ((dry_run)); then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# on_undo CMD...: remembers how to revert a change just made (a dry run makes none).
on_undo() {
  ((dry_run)) && return 0
  local quoted
  printf -v quoted ' %q' "$@"
  undo+=("${quoted# }")
}

# The state file records what apply.sh changed, one change per line, fields separated by tabs: the
# kind, then the fields its file under kinds/ describes. Its key_KIND says which fields name the
# resource; the first line recorded for a resource keeps the value it had before any apply.sh.
# No `producer | grep -q`: under pipefail, grep -q exiting at the first match can kill the
# producer with SIGPIPE and turn a match into a failure. Outputs are captured, then matched.
state_lines() { if [[ -f $STATE_FILE ]]; then cat -- "$STATE_FILE"; fi; }
# state_has LINE: is this exact line in the state file?
state_has() {
  local l
  [[ -f $STATE_FILE ]] || return 1
  while IFS= read -r l; do [[ $l == "$1" ]] && return 0; done <"$STATE_FILE"
  return 1
}
# state_known KIND KEY: was a change of KIND KEY recorded already (the first old value is kept)?
state_known() {
  local l
  [[ -f $STATE_FILE ]] || return 1
  while IFS= read -r l; do [[ $l == "$1"$'\t'"$2"$'\t'* ]] && return 0; done <"$STATE_FILE"
  return 1
}
# state_value KIND KEY: prints the rest of the line recorded for KIND KEY.
state_value() {
  local l
  [[ -f $STATE_FILE ]] || return 1
  while IFS= read -r l; do
    if [[ $l == "$1"$'\t'"$2"$'\t'* ]]; then
      printf '%s' "${l#"$1"$'\t'"$2"$'\t'}"
      return 0
    fi
  done <"$STATE_FILE"
  return 1
}
state_add() {
  ((dry_run)) && return 0
  local line
  printf -v line '%s\t' "$@"
  line=${line%$'\t'}
  state_has "$line" && return 0
  [[ -d ${STATE_FILE%/*} ]] || mkdir -p -- "${STATE_FILE%/*}"
  printf '%s\n' "$line" >>"$STATE_FILE"
}
state_drop() {
  ((dry_run)) && return 0
  local rest
  rest=$(state_lines | grep -vxF -- "$1" || true)
  # Written beside it, then renamed: a kill never leaves a truncated state file (state_add appends one line, one write).
  if [[ -n $rest ]]; then printf '%s\n' "$rest" >"$STATE_FILE.new" && mv -f -- "$STATE_FILE.new" "$STATE_FILE"; else rm -f -- "$STATE_FILE"; fi
}

has_link() { ip link show dev "$1" >/dev/null 2>&1; }
