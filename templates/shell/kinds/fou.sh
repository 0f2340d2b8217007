# Kind fou: a GUE receive port. State entry: fou PORT FAMILY (apply.sh added it). apply_fou PORT FAMILY.
fou_family() { if [[ $1 == 6 ]]; then printf '%s' -6; else printf '%s' -4; fi; }
key_fou() { printf -v "$1" 'fou\t%s\t%s' "$2" "$3"; }
apply_fou() {
  local port=$1 family=$2 flag
  flag=$(fou_family "$family")
  want fou "$port" "$family"
  [[ $'\n'$(ip "$flag" fou show 2>/dev/null)$'\n' == *$'\n'"port $port gue"$'\n'* ]] && return 0
  state_add fou "$port" "$family"
  run ip "$flag" fou add port "$port" gue
  on_undo ip "$flag" fou del port "$port"
}
revert_fou() { if [[ $'\n'$(ip "$(fou_family "$2")" fou show 2>/dev/null)$'\n' == *$'\n'"port $1 gue"$'\n'* ]]; then run ip "$(fou_family "$2")" fou del port "$1"; fi; }
