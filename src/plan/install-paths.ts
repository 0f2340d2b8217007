// Where each file lvscc installs lives on a host. Targets name each other's files (in comments and
// ordering notes), so the paths are stated here once rather than inside one target.

/** The modules-load.d file: systemd-modules-load loads the host's kernel modules from it at boot. */
export function modulesLoadPath(cluster: string): string {
  return `/etc/modules-load.d/lvscc-${cluster}.conf`;
}

/**
 * The sysctl.d file. systemd-sysctl (sysctl.d(5)) sorts the files of every sysctl.d directory by name, in
 * byte order, and the last assignment of a key wins. Files are named with a number first by convention
 * (Debian's /etc/sysctl.d/99-sysctl.conf, the link to /etc/sysctl.conf, is the last of them), and a
 * digit sorts before every letter: `zz-` sorts after all of those, so a hardening `rp_filter=1` or
 * `arp_ignore=0` in /etc/sysctl.conf cannot undo the LVS settings at the next boot. A later file that
 * sets the same key is reported by apply.sh (kinds/sysctl.sh).
 */
export function sysctlPath(cluster: string): string {
  return `/etc/sysctl.d/zz-lvscc-${cluster}.conf`;
}

/** systemd-networkd's configuration directory. */
export const NETWORKD_DIR = '/etc/systemd/network';

/**
 * Unit file name for a link or netdev. The 10- prefix: networkd configures a link with the first
 * .network file (lexical order over /etc, /run and /lib) that matches it, so ours must sort before
 * the distribution's own file for the same link.
 */
export function networkdUnitName(name: string, extension: 'network' | 'netdev'): string {
  return `10-lvscc-${name}.${extension}`;
}

/** Name of the fou "netdev" for a GUE port: only a label in networkd's log, but it must be a valid interface name. */
export function fouNetdevName(port: number): string {
  return `lvs-gue-${port}`;
}

/** A static director's IPVS rules, in `ipvsadm-save -n` form. */
export function ipvsRulesPath(cluster: string): string {
  return `/etc/lvscc/${cluster}/ipvsadm.rules`;
}

/** The script that loads the IPVS rules into a running table in place (the IPVS unit's start and reload). */
export function ipvsSyncPath(cluster: string): string {
  return `/usr/local/lib/lvscc/${cluster}/ipvs-sync`;
}

/** Where the IPVS sync script notes the services it loaded (tmpfs: gone after a boot, like the table). */
export function ipvsSyncKeysPath(cluster: string): string {
  return `/run/lvscc/${cluster}/ipvs.keys`;
}

/** The systemd unit that loads the IPVS rules at boot. */
export function ipvsUnitName(cluster: string): string {
  return `lvscc-${cluster}-ipvs.service`;
}

/** keepalived's configuration file (Debian's keepalived.service reads it). */
export const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';

/** lvscc's drop-in for keepalived.service: a planned stop releases the VIP before the IPVS services go. */
export const KEEPALIVED_STOP_DROPIN = '/etc/systemd/system/keepalived.service.d/lvscc-planned-stop.conf';

/** The directors' nft ruleset that sets the marks of fwmark services with `ports`. */
export function markRulesetPath(cluster: string): string {
  return `/etc/lvscc/${cluster}/mark.nft`;
}

/** The systemd unit that loads the mark ruleset at boot. */
export function markUnitName(cluster: string): string {
  return `lvscc-${cluster}-mark.service`;
}
