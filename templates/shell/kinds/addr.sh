# Kind addr: an address on a link. State entry: addr LINK CIDR (apply.sh added it).
# apply_addr LINK CIDR [WORDS...]: WORDS go to `ip addr add`: nodad for an IPv6 VIP, which other
# hosts hold too; preferred_lft 0 (deprecated) for a director's IPv6 VIP, never a source address of
# the director: IPv6 source selection would pick the VIP for the tunnel to a real server, and a real
# server drops tunnelled packets whose outer source is one of its own addresses (it holds the VIP too).
has_addr() {
  local out
  out=$(ip -o addr show dev "$1" 2>/dev/null) || return 1
  [[ $out == *" $2 "* ]]
}
key_addr() { printf -v "$1" 'addr\t%s\t%s' "$2" "$3"; }
apply_addr() {
  local link=$1 cidr=$2
  shift 2
  want addr "$link" "$cidr"
  has_addr "$link" "$cidr" && return 0
  state_add addr "$link" "$cidr"
  run ip addr add "$cidr" dev "$link" "$@"
  on_undo ip addr del "$cidr" dev "$link"
}
revert_addr() { if has_addr "$1" "$2"; then run ip addr del "$2" dev "$1"; fi; }
