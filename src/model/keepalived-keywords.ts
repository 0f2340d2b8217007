// keepalived's one-line keywords at each level lvscc carries lines through to (keepalived 2.2.7's parsers:
// core/global_parser.c, vrrp/vrrp_parser.c, check/check_parser.c, check/check_api.c and check/check_*.c),
// the keywords the format models natively (with the field that says it), and the grammar of one carried line.
import type { HealthCheckType, KeepalivedLine, Model } from './types.js';
import { hasRealServers } from './service.js';

/** The keepalived.conf levels a topology can carry extra lines into. */
export type KeepalivedLevel = 'global_defs' | 'vrrp_instance' | 'virtual_server' | 'real_server' | 'checker';

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/** global_defs keywords (global_parser.c init_global_keywords), block keywords (`notification_email`) left out. */
const GLOBAL_DEFS = words(`
  process_names process_name vrrp_process_name checker_process_name lvs_process_name bfd_process_name
  router_id notification_email_from smtp_server smtp_helo_name smtp_connect_timeout smtp_alert
  startup_script startup_script_timeout shutdown_script shutdown_script_timeout max_auto_priority min_auto_priority_delay
  smtp_alert_vrrp smtp_alert_checker checker_log_all_failures dynamic_interfaces no_email_faults default_interface
  disable_local_igmp lvs_timeouts lvs_flush lvs_flush_on_stop lvs_flush_onstop lvs_sync_daemon vrrp_mcast_group4 vrrp_mcast_group6
  vrrp_garp_master_delay vrrp_garp_master_repeat vrrp_garp_master_refresh vrrp_garp_master_refresh_repeat
  vrrp_garp_lower_prio_delay vrrp_garp_lower_prio_repeat vrrp_down_timer_adverts vrrp_garp_interval vrrp_gna_interval
  vrrp_min_garp vrrp_garp_extra_if vrrp_vmac_garp_intvl vrrp_lower_prio_no_advert vrrp_higher_prio_send_advert vrrp_version
  vrrp_iptables vrrp_ipsets nftables nftables_priority nftables_ifindex nftables_ipvs nftables_ipvs_priority
  nftables_ipvs_start_fwmark nftables_counters vrrp_check_unicast_src vrrp_skip_check_adv_addr vrrp_strict vrrp_priority
  vrrp_no_swap vrrp_rt_priority vrrp_cpu_affinity vrrp_rlimit_rttime vrrp_rlimit_rtime notify_fifo notify_fifo_script
  vrrp_notify_fifo vrrp_notify_fifo_script vrrp_notify_priority_changes fifo_write_vrrp_states_on_reload lvs_notify_fifo
  lvs_notify_fifo_script checker_priority checker_no_swap checker_rt_priority checker_cpu_affinity checker_rlimit_rttime
  checker_rlimit_rtime bfd_priority bfd_no_swap bfd_rt_priority bfd_cpu_affinity bfd_rlimit_rttime bfd_rlimit_rtime
  snmp_socket enable_traps enable_snmp_vrrp enable_snmp_keepalived enable_snmp_rfc enable_snmp_rfcv2 enable_snmp_rfcv3
  enable_snmp_checker enable_dbus dbus_service_name script_user enable_script_security vrrp_netlink_cmd_rcv_bufs
  vrrp_netlink_cmd_rcv_bufs_force vrrp_netlink_monitor_rcv_bufs vrrp_netlink_monitor_rcv_bufs_force process_monitor_rcv_bufs
  process_monitor_rcv_bufs_force lvs_netlink_cmd_rcv_bufs lvs_netlink_cmd_rcv_bufs_force lvs_netlink_monitor_rcv_bufs
  lvs_netlink_monitor_rcv_bufs_force rs_init_notifies no_checker_emails vrrp_rx_bufs_policy vrrp_rx_bufs_multiplier
  vrrp_startup_delay log_unknown_vrids vmac_prefix vmac_addr_prefix umask random_seed
`);

/** vrrp_instance keywords (vrrp_parser.c init_vrrp_keywords), block keywords left out (see {@link BLOCKS}). */
const VRRP_INSTANCE = words(`
  use_vmac use_vmac_addr vmac_xmit_base use_ipvlan unicast_fault_no_peer check_unicast_src old_unicast_checksum native_ipv6
  state interface vrf dont_track_primary mcast_src_ip unicast_src_ip mcast_dst_ip track_src_ip virtual_router_id unicast_ttl
  version priority advert_int promote_secondaries linkbeat_use_polling accept no_accept skip_check_adv_addr strict_mode
  preempt nopreempt preempt_delay debug notify_backup notify_master notify_fault notify_stop notify_deleted notify
  notify_master_rx_lower_pri smtp_alert notify_priority_changes lvs_sync_daemon_interface garp_master_delay
  garp_master_refresh garp_master_repeat garp_master_refresh_repeat garp_lower_prio_delay garp_lower_prio_repeat
  down_timer_adverts garp_extra_if vmac_garp_intvl lower_prio_no_advert higher_prio_send_advert kernel_rx_buf_size
`);

/** virtual_server keywords (check_parser.c init_check_keywords), `real_server` (a block) left out. */
const VIRTUAL_SERVER = words(`
  ip_family retry delay_before_retry warmup connect_timeout delay_loop inhibit_on_failure lb_algo lvs_sched hashed ops
  flag-1 flag-2 flag-3 sh-port sh-fallback mh-port mh-fallback lb_kind lvs_method persistence_engine persistence_timeout
  persistence_granularity protocol ha_suspend smtp_alert virtualhost snmp_name alpha omega quorum_up quorum_down quorum
  hysteresis weight sorry_server sorry_server_inhibit sorry_server_lvs_method
`);

/** real_server keywords (check_parser.c), checker blocks left out. */
const REAL_SERVER = words(`
  weight lvs_method uthreshold lthreshold inhibit_on_failure notify_up notify_down alpha retry delay_before_retry warmup
  connect_timeout delay_loop smtp_alert virtualhost snmp_name
`);

/** check_api.c install_checker_common_keywords: the connection keywords, then those of every checker. */
const CHECKER_CONNECTION = 'connect_ip connect_port bindto bind_port bind_if connect_timeout fwmark';
const CHECKER_COMMON = 'retry delay_before_retry warmup delay_loop alpha log_all_failures';

/** Each checker's keywords (check_tcp.c, check_http.c, check_misc.c, check_smtp.c, check_dns.c, check_udp.c, check_ping.c). */
const CHECKER: Record<Exclude<HealthCheckType, 'none'>, ReadonlySet<string>> = {
  tcp: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON}`),
  http: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON} nb_get_retry virtualhost http_protocol fast_recovery`),
  https: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON} nb_get_retry virtualhost http_protocol enable_sni fast_recovery`),
  misc: words(`${CHECKER_COMMON} misc_path misc_timeout misc_dynamic user`),
  smtp: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON} helo_name`),
  dns: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON} type name`),
  udp: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON} payload require_reply min_reply_length max_reply_length`),
  ping: words(`${CHECKER_CONNECTION} ${CHECKER_COMMON}`),
};

/** Keywords that open a `{ }` block: a carried line has no braces, so they cannot be carried. */
const BLOCKS = words(`
  notification_email unicast_peer virtual_ipaddress virtual_ipaddress_excluded virtual_routes virtual_rules track_interface
  track_script track_file track_process track_bfd authentication real_server url host include
`);

/** Keywords whose value is a script keepalived runs: with one, keepalived needs `enable_script_security` (it refuses otherwise). */
const SCRIPTS = words(`
  notify_up notify_down notify_master notify_backup notify_fault notify_stop notify_deleted notify notify_master_rx_lower_pri
  misc_path startup_script shutdown_script notify_fifo_script vrrp_notify_fifo_script lvs_notify_fifo_script quorum_up quorum_down
`);

/** True when a carried line with `keyword` makes keepalived run a script. */
export function runsScript(keyword: string): boolean {
  return SCRIPTS.has(keyword);
}

/** The keywords of `level`; `checker` depends on the checker type. */
export function keepalivedKeywords(level: KeepalivedLevel, checker?: HealthCheckType): ReadonlySet<string> {
  switch (level) {
    case 'global_defs':
      return GLOBAL_DEFS;
    case 'vrrp_instance':
      return VRRP_INSTANCE;
    case 'virtual_server':
      return VIRTUAL_SERVER;
    case 'real_server':
      return REAL_SERVER;
    case 'checker':
      return checker && checker !== 'none' ? CHECKER[checker] : new Set();
  }
}

/** True when `keyword` opens a block at some level (and so cannot be carried on one line). */
export function opensBlock(keyword: string): boolean {
  return BLOCKS.has(keyword);
}

/**
 * Keywords the format states natively, by level: the field to write instead. A line with one of them
 * would contradict (or duplicate) what lvscc renders from that field.
 */
const NATIVE: Record<KeepalivedLevel, Readonly<Record<string, string>>> = {
  global_defs: {
    router_id: 'the director name (router_id is each director’s own name)',
    lvs_sync_daemon: '`vrrp.connectionSync`',
    vrrp_garp_master_delay: '`vrrp.garp.delay`',
    vrrp_garp_master_repeat: '`vrrp.garp.repeat`',
    vrrp_garp_master_refresh: '`vrrp.garp.refresh`',
    vrrp_garp_master_refresh_repeat: '`vrrp.garp.refreshRepeat`',
    script_user: 'nothing: lvscc runs scripts as root under enable_script_security',
    enable_script_security: 'nothing: lvscc sets it whenever a script runs',
    lvs_flush: 'nothing: lvscc leaves IPVS entries it did not create alone on purpose',
  },
  vrrp_instance: {
    state: 'nothing: every director starts as BACKUP (`vrrp.preempt` decides what happens next)',
    interface: '`vrrp.interface`',
    virtual_router_id: '`vrrp.virtualRouterId`',
    priority: '`directors.<name>.priority`',
    advert_int: '`vrrp.advertInterval`',
    preempt: '`vrrp.preempt`',
    nopreempt: '`vrrp.preempt`',
    preempt_delay: '`vrrp.preemptDelay`',
    unicast_src_ip: '`vrrp.unicast` (each director’s address on `vrrp.interface`)',
    lvs_sync_daemon_interface: '`vrrp.connectionSync`',
    garp_master_delay: '`vrrp.garp.delay`',
    garp_master_repeat: '`vrrp.garp.repeat`',
    garp_master_refresh: '`vrrp.garp.refresh`',
    garp_master_refresh_repeat: '`vrrp.garp.refreshRepeat`',
  },
  virtual_server: {
    ip_family: 'the VIP (its address family)',
    lb_algo: '`scheduler`',
    lvs_sched: '`scheduler`',
    lb_kind: '`forwarding`',
    lvs_method: '`forwarding`',
    protocol: '`protocol`',
    persistence_timeout: '`persistence`',
    persistence_granularity: '`persistenceNetmask`',
    sorry_server: '`sorryServer`',
    delay_loop: '`healthCheck.interval`',
    inhibit_on_failure: '`healthCheck.inhibitOnFailure`',
    retry: '`healthCheck.retries`',
    delay_before_retry: '`healthCheck.delayBeforeRetry`',
    connect_timeout: '`healthCheck.timeout`',
    quorum: '`quorum.minimumWeight`',
    hysteresis: '`quorum.hysteresis`',
    quorum_up: '`quorum.onUp`',
    quorum_down: '`quorum.onDown`',
    omega: '`quorum.runOnStop`',
    alpha: '`healthCheck.startDown`',
    ha_suspend: '`healthCheck.suspendOnBackup`',
    ops: '`onePacket`',
    'sh-port': '`schedulerFlags`',
    'sh-fallback': '`schedulerFlags`',
    'mh-port': '`schedulerFlags`',
    'mh-fallback': '`schedulerFlags`',
  },
  real_server: {
    weight: 'the member’s `weight`',
    inhibit_on_failure: '`healthCheck.inhibitOnFailure`',
    retry: '`healthCheck.retries`',
    delay_before_retry: '`healthCheck.delayBeforeRetry`',
    connect_timeout: '`healthCheck.timeout`',
    delay_loop: '`healthCheck.interval`',
  },
  checker: {
    connect_port: '`healthCheck.port`',
    connect_ip: "a member's `healthCheck.address`",
    bindto: '`healthCheck.sourceAddress`',
    virtualhost: '`healthCheck.virtualHost`',
    connect_timeout: '`healthCheck.timeout`',
    retry: '`healthCheck.retries`',
    nb_get_retry: '`healthCheck.retries`',
    delay_before_retry: '`healthCheck.delayBeforeRetry`',
    delay_loop: '`healthCheck.interval`',
    misc_path: '`healthCheck.script`',
    misc_timeout: '`healthCheck.timeout`',
    type: '`healthCheck.queryType`',
    name: '`healthCheck.queryName`',
  },
};

/** The field that models `keyword` at `level` natively, or undefined when only a carried line can say it. */
export function nativeField(level: KeepalivedLevel, keyword: string): string | undefined {
  return Object.hasOwn(NATIVE[level], keyword) ? NATIVE[level][keyword] : undefined;
}

/** The keywords of `level` that the format models natively. */
export function nativeKeywords(level: KeepalivedLevel): string[] {
  return Object.keys(NATIVE[level]);
}

/** One word of a carried line: bare, or a double-quoted phrase of bare words separated by single spaces. */
export type CarriedWord = { bare: string; quoted?: undefined } | { quoted: string; bare?: undefined };

/** A carried line split into its keyword and words (the schema's pattern already checked the grammar). */
export interface CarriedLine {
  keyword: string;
  words: CarriedWord[];
}

/** Splits a line the schema accepted (its pattern: keyword, then bare words or quoted phrases). */
export function splitCarriedLine(line: string): CarriedLine {
  const words: CarriedWord[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  const keyword = /^\S+/.exec(line)![0];
  pattern.lastIndex = keyword.length;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) words.push(m[1] !== undefined ? { quoted: m[1] } : { bare: m[2]! });
  return { keyword, words };
}

/**
 * Every line a model carries into keepalived.conf, with its level (and, for checker lines, the checker type), in
 * document order by level. A service without real servers is left out of keepalived.conf (LVS275), its lines too.
 */
export function* keepalivedLinesOf(model: Model): Generator<{ level: KeepalivedLevel; line: KeepalivedLine; checker?: HealthCheckType }> {
  for (const line of model.keepalivedLines) yield { level: 'global_defs', line };
  for (const line of model.vrrp?.keepalivedLines ?? []) yield { level: 'vrrp_instance', line };
  for (const service of model.services) {
    if (!hasRealServers(service)) continue;
    for (const line of service.keepalivedLines) yield { level: 'virtual_server', line };
    for (const member of service.members) for (const line of member.keepalivedLines) yield { level: 'real_server', line };
    const check = service.healthCheck;
    for (const line of check?.keepalivedLines ?? []) yield { level: 'checker', line, checker: check!.type };
    // A member's own checker lines (a member check without them shares the service's, listed above).
    for (const member of service.members) {
      const own = member.healthCheck;
      if (own && own.keepalivedLines !== check?.keepalivedLines) for (const line of own.keepalivedLines) yield { level: 'checker', line, checker: own.type };
    }
  }
}
