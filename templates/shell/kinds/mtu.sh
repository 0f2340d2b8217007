# Kind mtu: the MTU of a link. State entry: mtu LINK OLD. apply_mtu LINK MTU.
key_mtu() { printf -v "$1" 'mtu\t%s' "$2"; }
apply_mtu() {
  local link=$1 mtu=$2 current
  want mtu "$link"
  current=$(cat "/sys/class/net/$link/mtu")
  [[ $current == "$mtu" ]] && return 0
  state_known mtu "$link" || state_add mtu "$link" "$current"
  run ip link set dev "$link" mtu "$mtu"
  on_undo ip link set dev "$link" mtu "$current"
}
revert_mtu() { if has_link "$1"; then run ip link set dev "$1" mtu "$2"; fi; }
