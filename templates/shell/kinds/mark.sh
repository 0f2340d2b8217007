# Kind mark: the director's nft table that sets the firewall marks of the fwmark services grouping
# ports. State entry: mark TABLE (apply.sh created it). apply_mark TABLE DIGEST RULESET: loads the
# ruleset (a transaction that replaces the table) unless the table's comment is already DIGEST.
prepare_mark() {
  command -v nft >/dev/null || die "nft is not installed (Debian: apt-get install nftables)"
  local current
  if current=$(nft list table inet "$1" 2>/dev/null) && [[ $current != *'comment "lvscc-'* ]]; then
    die "nft table inet $1 exists and was not made by lvscc"
  fi
}
key_mark() { printf -v "$1" 'mark\t%s' "$2"; }
apply_mark() {
  local table=$1 digest=$2 ruleset=$3 current
  want mark "$table"
  current=$(nft list table inet "$table" 2>/dev/null) || current=
  [[ $current == *"comment \"$digest\""* ]] && return 0
  # shellcheck disable=SC2154 # dry_run: set in common.sh
  if ((dry_run)); then
    printf '+ nft -f - <<EOF\n%s\nEOF\n' "$ruleset"
  else
    nft -f - <<<"$ruleset"
  fi
  if [[ -z $current ]]; then
    on_undo nft delete table inet "$table"
    state_add mark "$table"
  fi
}
revert_mark() { if nft list table inet "$1" >/dev/null 2>&1; then run nft delete table inet "$1"; fi; }
