# Kind link-up: a link set up. State entry: link-up LINK (apply.sh brought it up). apply_link_up LINK.
link_is_up() { [[ -n $(ip -o link show dev "$1" up 2>/dev/null) ]]; }
key_link_up() { printf -v "$1" 'link-up\t%s' "$2"; }
apply_link_up() {
  want link-up "$1"
  link_is_up "$1" && return 0
  state_add link-up "$1"
  run ip link set dev "$1" up
  on_undo ip link set dev "$1" down
}
revert_link_up() { if has_link "$1"; then run ip link set dev "$1" down; fi; }
