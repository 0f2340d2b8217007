# Kind link-created: a device apply.sh creates (the DR dummy device).
# State entry: link-created LINK. apply_link_created LINK TYPE.
key_link_created() { printf -v "$1" 'link-created\t%s' "$2"; }
apply_link_created() {
  local link=$1 type=$2
  want link-created "$link"
  if ! has_link "$link"; then
    state_add link-created "$link"
    run ip link add "$link" type "$type"
    on_undo ip link del "$link"
  fi
}
revert_link_created() { if has_link "$1"; then run ip link del "$1"; fi; }
