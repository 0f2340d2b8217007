# Kind route: the default route of a family. State entry: route FAMILY OLD SET, where OLD is the first
# default route found before any apply.sh (- for none) and SET the one set ("via GATEWAY dev LINK"):
# teardown deletes SET and puts OLD back. A default route with another metric (DHCP's 100 or 1024)
# stays beside ours, which wins with metric 0 (1024 for IPv6, as the kernel sets it).
# apply_route FAMILY GATEWAY LINK ADVMSS (ADVMSS '' for none).

# route_revert FAMILY OLD [SET]: deletes the default route apply.sh set (SET: "via GATEWAY dev LINK"),
# then puts back OLD, the first default route before it (- for none). `ip route replace` replaces
# only a route of the same metric, so an OLD route with another metric (a DHCP one, say) was never
# touched, and replacing it again changes nothing.
route_revert() {
  local family=$1 old=$2 set=${3:-}
  local -a words
  if [[ -n $set ]]; then
    read -r -a words <<<"$set"
    if [[ -n $(ip "-$family" route show default "${words[@]}" 2>/dev/null) ]]; then
      run ip "-$family" route del default "${words[@]}"
    fi
  elif [[ $old == - ]]; then
    # Recorded by an older apply.sh, which did not note the route it set: that is the default now.
    run ip "-$family" route del default
  fi
  if [[ $old != - ]]; then
    read -r -a words <<<"$old"
    run ip "-$family" route replace "${words[@]}"
  fi
}
key_route() { printf -v "$1" 'route\t%s' "$2"; }
apply_route() {
  local family=$1 via=$2 link=$3 advmss=$4 current old recorded set
  local -a extra=()
  want route "$family"
  [[ -n $advmss ]] && extra=(advmss "$advmss")
  current=$(ip "-$family" -o route show default)
  current=${current%%$'\n'*}
  if [[ $current == "default via $via dev $link"* ]] && { [[ -z $advmss ]] || [[ $current == *" advmss $advmss"* ]]; }; then return 0; fi
  # Words that `ip route replace` does not take back: flags and the countdown of a learned route.
  current=${current// linkdown/}
  current=${current// dead/}
  [[ $current =~ \ expires\ [0-9]+sec ]] && current=${current/"${BASH_REMATCH[0]}"/}
  set="via $via dev $link"
  old=${current:--}
  if recorded=$(state_value route "$family"); then old=${recorded%%$'\t'*}; fi
  # The new entry first, then the one it replaces goes: a kill in between leaves both, each with the first OLD.
  state_add route "$family" "$old" "$set"
  [[ -z $recorded || $recorded == "$old"$'\t'"$set" ]] || state_drop "route"$'\t'"$family"$'\t'"$recorded"
  run ip "-$family" route replace default via "$via" dev "$link" "${extra[@]}"
  on_undo route_revert "$family" "${current:--}" "$set"
}
# revert_route FAMILY REST: REST is OLD, a tab and SET (only OLD from an apply.sh before SET was recorded).
revert_route() {
  if [[ $2 == *$'\t'* ]]; then route_revert "$1" "${2%%$'\t'*}" "${2#*$'\t'}"; else route_revert "$1" "$2"; fi
}
