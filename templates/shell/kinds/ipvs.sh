# Kind ipvs: one IPVS service of the cluster (other services in the table are left alone), edited in
# place where it differs. State entries: ipvs SERVICE-KEY (the bundle created it), and ipvs-replaced
# SERVICE-KEY OLD-RULES for a service of someone else that --force replaced (its lines joined by '|'),
# which teardown puts back. apply_ipvs SERVICE-KEY RULES DRAIN-SECONDS (KEY: `-t VIP:PORT`, `-f MARK`;
# RULES: the -A line and -a lines in ipvsadm-save -n form). The ipvs_sync functions below are also
# the IPVS unit's reload (the ipvsadm target ships them in its sync script): one diff for both.
# shellcheck disable=SC2154 # dry_run: set in common.sh

# --force: take over IPVS services that exist but were not created by this bundle.
force=0
# --no-wait: leave draining real servers at weight 0 instead of waiting for their connections.
drain_wait=1

# ipvs_service KEY: the live rules of one service, as ipvsadm-save -n prints them.
ipvs_service() { ipvsadm-save -n | awk -v key="$1" 'index($0, "-A " key " -s ") == 1 || index($0, "-a " key " -r ") == 1'; }
# ipvs_restore RULES: runs ipvsadm-save lines (-A/-a, and -E/-e/-d as ipvs_sync writes them). Never
# through ipvsadm-restore: that wrapper first flushes the whole table (ipvsadm -C), other owners' too.
ipvs_restore() { ipvsadm -R <<<"$1"; }
# ipvs_load RULES: ipvs_restore, or print the rules under --dry-run.
ipvs_load() {
  if ((dry_run)); then
    printf '+ ipvsadm -R <<EOF\n%s\nEOF\n' "$1"
  else
    ipvs_restore "$1"
  fi
}
# ipvs_rule LINE: one ipvsadm command given as an ipvsadm-save line (its words hold no quotes or spaces).
ipvs_rule() {
  local -a words
  read -r -a words <<<"$1"
  run ipvsadm "${words[@]}"
}
# ipvs_dest LINE: the destination (`-r` value) of an -a line.
ipvs_dest() {
  local rest=${1#* -r }
  printf '%s' "${rest%% *}"
}
# ipvs_weight0 LINE: the -e line that sets the -a LINE's weight to 0.
ipvs_weight0() {
  [[ $1 =~ ^-a(.* -w )[0-9]+(.*)$ ]] || return 1
  printf '%s' "-e${BASH_REMATCH[1]}0${BASH_REMATCH[2]}"
}

# Destinations set to weight 0 by ipvs_sync and not deleted yet: KEY<TAB>DEST<TAB>DEADLINE<TAB>OLD-LINE.
ipvs_draining=()

# ipvs_sync KEY RULES CURRENT DRAIN-SECONDS: makes the live service CURRENT (its ipvsadm-save lines,
# empty when absent) into RULES without deleting the service: a new service is added whole; a changed
# scheduler, persistence or netmask is `ipvsadm -E`; a destination is added (-a), edited (-e) or, when
# it leaves, set to weight 0 and queued for ipvs_drain (which deletes it). Each change registers its
# inverse with on_undo, so a failed apply.sh puts the service back exactly.
ipvs_sync() {
  local key=$1 rules=$2 current=$3 drain=$4 line dest old
  local -A live=() kept=()
  if [[ -z $current ]]; then
    ipvs_load "$rules"
    return 0
  fi
  while IFS= read -r line; do [[ $line == -a* ]] && live[$(ipvs_dest "$line")]=$line; done <<<"$current"
  line=${rules%%$'\n'*}
  old=${current%%$'\n'*}
  if [[ $line != "$old" ]]; then
    ipvs_rule "-E${line#-A}"
    on_undo ipvs_rule "-E${old#-A}"
  fi
  while IFS= read -r line; do
    [[ $line == -a* ]] || continue
    dest=$(ipvs_dest "$line")
    kept[$dest]=1
    old=${live[$dest]:-}
    if [[ -z $old ]]; then
      ipvs_rule "$line"
      on_undo ipvs_rule "-d $key -r $dest"
    elif [[ $line != "$old" ]]; then
      ipvs_rule "-e${line#-a}"
      on_undo ipvs_rule "-e${old#-a}"
    fi
  done <<<"$rules"
  for dest in "${!live[@]}"; do
    [[ -n ${kept[$dest]:-} ]] && continue
    old=${live[$dest]}
    line=$(ipvs_weight0 "$old")
    if [[ $line != "-e${old#-a}" ]]; then
      ipvs_rule "$line"
      on_undo ipvs_rule "-e${old#-a}"
    fi
    ipvs_draining+=("$key"$'\t'"$dest"$'\t'"$((SECONDS + drain))"$'\t'"$old")
  done
}

# ipvs_active KEY DEST: the destination's ActiveConn (empty when it is gone).
ipvs_active() {
  local -a words
  read -r -a words <<<"$1"
  ipvsadm -Ln "${words[@]}" | awk -v dest="$2" '$1 == "->" && $2 == dest { print $5 }'
}

# ipvs_drain: deletes every destination ipvs_sync queued once its active connections reach 0 or its
# drain time has passed, with a progress line every 5 s. Under --no-wait only the idle ones go; the
# others stay at weight 0 (no new connections) and the next run, which sees them again, finishes.
ipvs_drain() {
  local entry key dest deadline old active next_report=0
  local -a words pending
  while ((${#ipvs_draining[@]})); do
    pending=()
    for entry in "${ipvs_draining[@]}"; do
      IFS=$'\t' read -r key dest deadline old <<<"$entry"
      if ((dry_run)); then
        active=0
      else
        active=$(ipvs_active "$key" "$dest")
        [[ -n $active ]] || continue
      fi
      if ((active == 0 || SECONDS >= deadline)); then
        ((active == 0)) || say "drain of $dest in $key timed out with $active active connection(s)"
        read -r -a words <<<"$key"
        run ipvsadm -d "${words[@]}" -r "$dest"
        on_undo ipvs_rule "$old"
      elif ((!drain_wait)); then
        say "left $dest in $key at weight 0 ($active active connection(s)); a later run deletes it"
      else
        pending+=("$entry")
        if ((SECONDS >= next_report)); then say "draining $dest from $key: $active active connection(s), at most $((deadline - SECONDS)) s more"; fi
      fi
    done
    ((${#pending[@]})) || break
    ((SECONDS >= next_report)) && next_report=$((SECONDS + 5))
    ipvs_draining=("${pending[@]}")
    sleep 1
  done
  ipvs_draining=()
}

ipvs_table_read=0
prepare_ipvs() {
  ((ipvs_table_read)) && return 0
  ipvsadm-save -n >/dev/null || die "cannot read the IPVS table (is the ip_vs module available?)"
  ipvs_table_read=1
}
key_ipvs() { printf -v "$1" 'ipvs\t%s' "$2"; }
apply_ipvs() {
  local key=$1 rules=$2 drain=$3 current
  want ipvs "$key"
  current=$(ipvs_service "$key")
  # Identical rules that this bundle did not create stay someone else's: teardown leaves them.
  [[ $current == "$rules" ]] && return 0
  if [[ -n $current ]] && ! state_has "ipvs"$'\t'"$key"; then
    ((force)) || die "IPVS service $key exists but was not created by this bundle; rerun with --force to take it over"
    # Taken over: teardown puts the replaced service back.
    state_add ipvs-replaced "$key" "${current//$'\n'/|}"
  fi
  # Recorded before the change: a kill between the two must not leave a service no state entry knows.
  state_add ipvs "$key"
  ipvs_sync "$key" "$rules" "$current" "$drain"
  if [[ -z $current ]]; then
    local -a words
    read -r -a words <<<"$key"
    on_undo ipvsadm -D "${words[@]}"
  fi
}
revert_ipvs() {
  local -a words
  if [[ -n $(ipvs_service "$1") ]]; then
    read -r -a words <<<"$1"
    run ipvsadm -D "${words[@]}"
  fi
}
# The replaced service is wanted as long as this bundle's own service with that key is.
key_ipvs_replaced() { printf -v "$1" 'ipvs\t%s' "$2"; }
revert_ipvs_replaced() { if [[ -z $(ipvs_service "$1") ]]; then ipvs_load "${2//|/$'\n'}"; fi; }
