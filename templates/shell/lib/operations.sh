# Generic dispatch of apply.sh and teardown.sh: an operation runs the steps of its kind, a state entry
# is reverted by its kind. Each kind is one file under kinds/, named after it, that declares any of:
#   prepare_KIND ARGS...   before anything changes: checks that must pass first, best-effort module
#                          loads, notes that later steps need (runs for every operation, in order)
#   apply_KIND ARGS...     makes the host have the resource, idempotently; records in the state file
#                          what it added or the value it replaced, and on_undo how to revert it
#   key_KIND VAR FIELDS... sets VAR to the key of the state entry KIND FIELDS: the kind and the
#                          fields that name the resource (an entry whose key this run wants is kept)
#   revert_KIND FIELDS...  undoes one state entry (teardown, and apply for what it no longer wants)
# A kind whose operations change nothing (a check, a module load) has no key_ and revert_ step. A
# function name has `_` where the kind has `-`: kind link-up, apply_link_up.

# State keys of the entries this run keeps; anything else an earlier apply recorded is reverted at the end.
wanted=()

# The step that `op` runs: prepare or apply (set by run_phase).
phase=
# op KIND ARGS...: one line of the script's `operations`; runs the current phase's step of KIND, if
# the kind has one.
op() {
  local step="${phase}_${1//-/_}"
  shift
  if declare -F "$step" >/dev/null; then "$step" "$@"; fi
}
# run_phase PHASE: runs step PHASE of every operation, in order.
run_phase() {
  phase=$1
  operations
}

# state_key VAR KIND FIELDS...: sets VAR to the key of a state entry (empty for an unknown kind). No
# command substitution: apply.sh takes a key per operation and per state entry, and forks are slow.
state_key() {
  local key_step="key_${2//-/_}"
  printf -v "$1" '%s' ''
  if declare -F "$key_step" >/dev/null; then "$key_step" "$1" "${@:3}"; fi
}

# want KIND FIELDS...: this run keeps the state entry KIND FIELDS (see revert_unwanted).
want() {
  local wanted_key
  state_key wanted_key "$@"
  wanted+=("$wanted_key")
}

# is_wanted KIND FIELDS...: does this run keep the state entry?
is_wanted() {
  local entry_key w
  state_key entry_key "$@"
  [[ -n $entry_key ]] || return 1
  for w in "${wanted[@]}"; do [[ $w == "$entry_key" ]] && return 0; done
  return 1
}

# revert_entry KIND A [B]: undoes one recorded change.
revert_entry() {
  local step="revert_${1//-/_}"
  if declare -F "$step" >/dev/null; then "$step" "$2" "${3:-}"; else say "warning: unknown state entry: $1"; fi
}

# revert_unwanted: reverts, newest first, what an earlier apply recorded that this run did not want.
revert_unwanted() {
  local kind a b
  while IFS=$'\t' read -r kind a b; do
    is_wanted "$kind" "$a" "$b" && continue
    revert_entry "$kind" "$a" "$b"
    state_drop "$kind"$'\t'"$a${b:+$'\t'$b}"
  done < <(state_lines | tac)
}

# state_lock: one apply.sh or teardown.sh of this host at a time. Takes an flock on $STATE_FILE.lock, held until
# the script exits (a killed script's lock goes with it); a second run waits for it, up to LVSCC_LOCK_TIMEOUT
# seconds (default 300), then fails saying who holds it. Nothing to lock in a dry run.
state_lock() {
  # shellcheck disable=SC2154 # dry_run: set in common.sh
  ((dry_run)) && return 0
  command -v flock >/dev/null || die "flock is not installed (util-linux)"
  mkdir -p -- "${STATE_FILE%/*}"
  exec {state_lock_fd}>>"$STATE_FILE.lock"
  flock -n "$state_lock_fd" && return 0
  say "waiting for another apply.sh or teardown.sh of $HOST to finish (lock: $STATE_FILE.lock)"
  flock -w "${LVSCC_LOCK_TIMEOUT:-300}" "$state_lock_fd" ||
    die "another apply.sh or teardown.sh of $HOST still holds $STATE_FILE.lock after ${LVSCC_LOCK_TIMEOUT:-300} s"
}
