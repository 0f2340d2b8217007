# Kind ipvs: one IPVS service of the cluster (other services in the table are left alone), loaded
# only when it differs. State entries: ipvs SERVICE-KEY (the bundle created it), and ipvs-replaced
# SERVICE-KEY OLD-RULES for a service of someone else that --force replaced (its lines joined by '|'),
# which teardown puts back. apply_ipvs SERVICE-KEY RULES (KEY: `-t VIP:PORT`, `-f MARK`; RULES: the
# -A line and -a lines in ipvsadm-save -n form).
# shellcheck disable=SC2154 # dry_run: set in common.sh

# --force: take over IPVS services that exist but were not created by this bundle.
force=0

# ipvs_service KEY: the live rules of one service, as ipvsadm-save -n prints them.
ipvs_service() { ipvsadm-save -n | awk -v key="$1" 'index($0, "-A " key " -s ") == 1 || index($0, "-a " key " -r ") == 1'; }
# ipvs_restore RULES: adds rules in ipvsadm-save form. Never through ipvsadm-restore: that wrapper
# first flushes the whole table (ipvsadm -C), services of other owners included.
ipvs_restore() { ipvsadm -R <<<"$1"; }
# ipvs_load RULES: ipvs_restore, or print the rules under --dry-run.
ipvs_load() {
  if ((dry_run)); then
    printf '+ ipvsadm -R <<EOF\n%s\nEOF\n' "$1"
  else
    ipvs_restore "$1"
  fi
}

ipvs_table_read=0
prepare_ipvs() {
  ((ipvs_table_read)) && return 0
  ipvsadm-save -n >/dev/null || die "cannot read the IPVS table (is the ip_vs module available?)"
  ipvs_table_read=1
}
key_ipvs() { printf -v "$1" 'ipvs\t%s' "$2"; }
apply_ipvs() {
  local key=$1 rules=$2 current
  local -a words
  read -r -a words <<<"$key"
  want ipvs "$key"
  current=$(ipvs_service "$key")
  # Identical rules that this bundle did not create stay someone else's: teardown leaves them.
  [[ $current == "$rules" ]] && return 0
  if [[ -n $current ]]; then
    if ! state_has "ipvs"$'\t'"$key"; then
      ((force)) || die "IPVS service $key exists but was not created by this bundle; rerun with --force to take it over"
      # Taken over: teardown puts the replaced service back.
      state_add ipvs-replaced "$key" "${current//$'\n'/|}"
    fi
    run ipvsadm -D "${words[@]}"
    on_undo ipvs_restore "$current"
  fi
  state_add ipvs "$key"
  ipvs_load "$rules"
  on_undo ipvsadm -D "${words[@]}"
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
