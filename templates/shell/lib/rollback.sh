# apply.sh's rollback: on any exit before the end (a failed command under set -e, die, a signal), undo
# what this run changed and put the state file back as it was.
# shellcheck disable=SC2154 # STATE_FILE, undo: set in common.sh

# Copy of the state file as it was before this run (empty under --dry-run).
state_backup=
rollback() {
  local status=$? i
  trap - EXIT
  ((status != 0)) || status=1
  if ((${#undo[@]})); then
    say "failed (exit $status); undoing the ${#undo[@]} change(s) this run made"
    for ((i = ${#undo[@]} - 1; i >= 0; i--)); do
      eval "${undo[i]}" || say "could not undo: ${undo[i]}"
    done
  fi
  if [[ -n $state_backup ]]; then
    if [[ -f $state_backup ]]; then mv -f -- "$state_backup" "$STATE_FILE"; else rm -f -- "$STATE_FILE"; fi
  fi
  exit "$status"
}
