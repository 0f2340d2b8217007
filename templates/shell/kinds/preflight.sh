# Kind preflight: before anything changes, refuses what would fight the bundle and warns about what
# would undo it at boot. prepare_preflight ROLE NETWORKD LINKS...: ROLE `director` refuses Debian's
# ipvsadm package restoring its own saved table at boot (AUTO="true" in /etc/default/ipvsadm);
# NETWORKD `networkd` (the bundle installs networkd units) warns when systemd-networkd is not enabled
# or not running; any NetworkManager device among LINKS that it manages (not `unmanaged`) is refused.
prepare_preflight() {
  local role=$1 networkd=$2 defaults=${LVSCC_IPVSADM_DEFAULTS:-/etc/default/ipvsadm} device state link
  shift 2
  if [[ $role == director && -f $defaults ]] && grep -Eq '^[[:space:]]*AUTO=["'\'']?true' "$defaults"; then
    die "$defaults has AUTO=\"true\": the ipvsadm package would restore its own saved table at boot, over this bundle's IPVS services; set AUTO=\"false\" there"
  fi
  if [[ $networkd == networkd ]] && command -v systemctl >/dev/null; then
    systemctl is-enabled --quiet systemd-networkd.service 2>/dev/null ||
      say "warning: systemd-networkd is not enabled: the bundle's .network files would not be applied at boot (systemctl enable systemd-networkd)"
    systemctl is-active --quiet systemd-networkd.service 2>/dev/null ||
      say "warning: systemd-networkd is not running: the bundle's .network files take effect only once it runs (systemctl start systemd-networkd)"
  fi
  command -v nmcli >/dev/null || return 0
  command -v systemctl >/dev/null && ! systemctl is-active --quiet NetworkManager.service 2>/dev/null && return 0
  while IFS=: read -r device state; do
    [[ $state == unmanaged ]] && continue
    for link in "$@"; do
      if [[ $device == "$link" ]]; then
        die "NetworkManager manages $link ($state) and would fight this bundle over its addresses: set it unmanaged (nmcli device set $link managed no) or stop NetworkManager"
      fi
    done
  done < <(nmcli -t -f DEVICE,STATE device 2>/dev/null)
}
