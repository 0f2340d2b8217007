# Kind addr: an address on a link. State entry: addr LINK CIDR (apply.sh added it).
# apply_addr LINK CIDR [announce] [WORDS...]: `announce` (a director's static VIP) tells the segment's
# neighbours with gratuitous ARP (IPv4) or an unsolicited neighbour advertisement (IPv6) once the
# address is added, so that they stop sending to the MAC that held it before; real servers' VIPs (lo,
# tunl0, the DR dummy device) are never announced. WORDS go to `ip addr add`: nodad for an IPv6 VIP,
# which other hosts hold too; preferred_lft 0 (deprecated) for a director's IPv6 VIP, never a source
# address of the director: IPv6 source selection would pick the VIP for the tunnel to a real server, and
# a real server drops tunnelled packets whose outer source is one of its own addresses (it holds the VIP too).
has_addr() {
  local out
  out=$(ip -o addr show dev "$1" 2>/dev/null) || return 1
  [[ $out == *" $2 "* ]]
}
key_addr() { printf -v "$1" 'addr\t%s\t%s' "$2" "$3"; }
apply_addr() {
  local link=$1 cidr=$2 announce=0
  shift 2
  if [[ ${1:-} == announce ]]; then
    announce=1
    shift
  fi
  want addr "$link" "$cidr"
  has_addr "$link" "$cidr" && return 0
  state_add addr "$link" "$cidr"
  run ip addr add "$cidr" dev "$link" "$@"
  on_undo ip addr del "$cidr" dev "$link"
  if ((announce)); then announce_addr "$link" "${cidr%/*}"; fi
}
# announce_addr LINK ADDRESS: best effort; a missing tool is a warning naming its Debian package, never a
# failure (neighbours then learn the new MAC when their cache entry expires, within minutes).
announce_addr() {
  local link=$1 address=$2
  if [[ $address == *:* ]]; then
    if command -v na6 >/dev/null; then
      run na6 -i "$link" -s "$address" -d ff02::1 -t "$address" -o -e ||
        say "warning: na6 could not announce $address on $link"
    else
      say "warning: $address is not announced on $link: na6 is not installed (Debian: apt-get install ipv6toolkit)"
    fi
  elif command -v arping >/dev/null && [[ $(arping -V 2>&1) == *iputils* ]]; then
    run arping -q -U -c 2 -I "$link" "$address" || say "warning: arping could not announce $address on $link"
  else
    say "warning: $address is not announced on $link: iputils' arping is not installed (Debian: apt-get install iputils-arping)"
  fi
}
revert_addr() { if has_addr "$1" "$2"; then run ip addr del "$2" dev "$1"; fi; }
