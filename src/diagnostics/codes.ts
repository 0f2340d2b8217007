// The registry of every diagnostic code lvscc can emit. Codes are never reused or renumbered;
// a retired code stays here with `retired: true`. Each code has docs/codes/<CODE>.md for `lvscc explain`.
import type { Severity } from './types.js';

export interface CodeInfo {
  code: string;
  /** Kebab-case name, also the SARIF rule name. */
  name: string;
  severity: Severity;
  /** One line, lower case, no final period. */
  summary: string;
  retired?: boolean;
}

const table: CodeInfo[] = [
  // LVS0xx: reading the file and YAML
  { code: 'LVS001', name: 'file-too-large', severity: 'error', summary: 'the topology file is larger than the size limit' },
  { code: 'LVS002', name: 'binary-input', severity: 'error', summary: 'the topology file contains NUL bytes or other binary data' },
  { code: 'LVS003', name: 'invalid-utf8', severity: 'error', summary: 'the topology file is not valid UTF-8' },
  { code: 'LVS004', name: 'empty-document', severity: 'error', summary: 'the topology file holds no document' },
  { code: 'LVS005', name: 'yaml-syntax', severity: 'error', summary: 'the topology file is not well-formed YAML' },
  { code: 'LVS006', name: 'tab-indentation', severity: 'error', summary: 'tabs are used for indentation' },
  { code: 'LVS007', name: 'duplicate-key', severity: 'error', summary: 'a mapping has the same key twice' },
  { code: 'LVS008', name: 'too-many-aliases', severity: 'error', summary: 'the document uses more aliases than allowed' },
  { code: 'LVS009', name: 'nesting-too-deep', severity: 'error', summary: 'the document nests deeper than allowed' },
  { code: 'LVS010', name: 'multiple-documents', severity: 'error', summary: 'the file holds more than one YAML document' },
  { code: 'LVS011', name: 'unsupported-yaml', severity: 'error', summary: 'the document uses a YAML feature that topologies do not allow' },
  { code: 'LVS012', name: 'too-many-values', severity: 'error', summary: 'the document holds more values than its size limit allows' },
  // LVS1xx: schema
  { code: 'LVS101', name: 'wrong-type', severity: 'error', summary: 'a value has the wrong type' },
  { code: 'LVS102', name: 'unknown-key', severity: 'error', summary: 'a key is not part of the topology format' },
  { code: 'LVS103', name: 'missing-key', severity: 'error', summary: 'a required key is missing' },
  { code: 'LVS104', name: 'value-not-allowed', severity: 'error', summary: 'a value is not one of the allowed choices' },
  { code: 'LVS105', name: 'out-of-range', severity: 'error', summary: 'a number or list is outside its allowed range' },
  { code: 'LVS106', name: 'invalid-name', severity: 'error', summary: 'a name is not safe as a file name, shell word and config token' },
  { code: 'LVS107', name: 'invalid-address', severity: 'error', summary: 'a value is not a valid IP address or prefix' },
  { code: 'LVS108', name: 'unsupported-version', severity: 'error', summary: 'the topology format version is not supported' },
  { code: 'LVS109', name: 'schema-constraint', severity: 'error', summary: 'a value breaks a constraint of the topology format' },
  { code: 'LVS110', name: 'stale-schema', severity: 'warning', summary: "the schema file named by the $schema comment differs from this lvscc's schema" },
  // LVS2xx: semantic lint
  { code: 'LVS201', name: 'duplicate-address', severity: 'error', summary: 'two hosts or interfaces have the same address' },
  { code: 'LVS202', name: 'vip-is-host-address', severity: 'error', summary: 'a VIP is also configured as an interface address' },
  { code: 'LVS203', name: 'duplicate-service', severity: 'error', summary: 'two services have the same VIP, protocol and port (or the same fwmark)' },
  { code: 'LVS204', name: 'unknown-real-server', severity: 'error', summary: 'a service names a real server that is not defined' },
  { code: 'LVS205', name: 'unused-real-server', severity: 'warning', summary: 'a real server belongs to no service' },
  { code: 'LVS206', name: 'gateway-not-on-link', severity: 'error', summary: 'a default gateway is on none of the host subnets' },
  { code: 'LVS207', name: 'prefix-length-mismatch', severity: 'error', summary: 'hosts on one segment disagree on its prefix length' },
  { code: 'LVS208', name: 'dr-not-on-segment', severity: 'error', summary: 'direct routing needs the director and real servers on the VIP segment' },
  { code: 'LVS209', name: 'nat-gateway-not-director', severity: 'error', summary: 'a NAT real server does not route its replies through a director' },
  {
    code: 'LVS210',
    name: 'real-server-port-mismatch',
    severity: 'warning',
    summary: 'a DR or TUN real server port is ignored (the service port is used); a sorry server port is an error',
  },
  { code: 'LVS211', name: 'tunnel-mtu', severity: 'warning', summary: 'tunnel overhead leaves no room in the interface MTU' },
  { code: 'LVS212', name: 'vrrp-missing', severity: 'error', summary: 'two or more directors need VRRP settings' },
  { code: 'LVS213', name: 'vrrp-priority', severity: 'error', summary: 'VRRP directors need distinct priorities' },
  {
    code: 'LVS214',
    name: 'vrrp-password-too-long',
    severity: 'warning',
    summary: 'a VRRP password is longer than the 8 characters keepalived uses; lvscc writes those 8',
  },
  { code: 'LVS215', name: 'static-manager-multiple-directors', severity: 'error', summary: 'the static manager cannot run more than one director' },
  { code: 'LVS216', name: 'public-address-without-router', severity: 'error', summary: 'a service has a public address but the topology has no router' },
  { code: 'LVS217', name: 'public-address-conflict', severity: 'error', summary: 'two services map the same public address, protocol and port' },
  { code: 'LVS218', name: 'health-check-needs-keepalived', severity: 'error', summary: 'health checks, sorry servers and quorums need the keepalived manager' },
  { code: 'LVS219', name: 'health-check-field-ignored', severity: 'warning', summary: 'a health-check field has no effect for this check type' },
  {
    code: 'LVS220',
    name: 'vip-prefix',
    severity: 'warning',
    summary: 'a VIP is written with a prefix length: directors add it so, an error unless it is their segment prefix',
  },
  {
    code: 'LVS221',
    name: 'address-family-mismatch',
    severity: 'error',
    summary: 'a real server has no address in the VIP address family, or a sorry server is of the other family',
  },
  { code: 'LVS222', name: 'tunnel-options', severity: 'error', summary: 'tunnel options do not fit the tunnel type or forwarding method' },
  { code: 'LVS223', name: 'duplicate-member', severity: 'error', summary: 'a service lists the same real server twice' },
  { code: 'LVS224', name: 'persistence-netmask', severity: 'error', summary: 'a persistence netmask is invalid for the VIP or set without persistence' },
  { code: 'LVS225', name: 'service-port-or-fwmark', severity: 'error', summary: 'a service needs exactly one of port and fwmark' },
  { code: 'LVS226', name: 'vrrp-interface-missing', severity: 'error', summary: 'the VRRP interface does not exist on a director' },
  { code: 'LVS227', name: 'public-mapping-unsupported', severity: 'error', summary: 'a fwmark service has a public address, which no router can map per port' },
  { code: 'LVS228', name: 'router-vip-unrouted', severity: 'warning', summary: 'the edge router has no route to a published VIP' },
  { code: 'LVS229', name: 'duplicate-host-name', severity: 'error', summary: 'two hosts have the same name, or names that differ only in letter case' },
  { code: 'LVS230', name: 'reserved-interface-name', severity: 'error', summary: 'a host interface has the name of a device lvscc or the kernel creates' },
  { code: 'LVS231', name: 'vrrp-interface-loopback', severity: 'error', summary: 'VRRP is set to run on the loopback device' },
  { code: 'LVS232', name: 'vip-special-address', severity: 'error', summary: 'a VIP is an unspecified, loopback, link-local, multicast or reserved address' },
  { code: 'LVS233', name: 'ipv6-mtu-too-small', severity: 'error', summary: 'an interface with an IPv6 address has an MTU below 1280' },
  { code: 'LVS234', name: 'zero-total-weight', severity: 'error', summary: 'every real server of a service has weight 0 (a warning under the static manager)' },
  { code: 'LVS235', name: 'weight-ignored', severity: 'warning', summary: 'real-server weights are set on a scheduler that ignores them' },
  {
    code: 'LVS236',
    name: 'vrrp-gateway-unused',
    severity: 'warning',
    summary: 'the floating gateway address is on no director subnet or used by no NAT real server',
  },
  { code: 'LVS240', name: 'health-check-protocol-mismatch', severity: 'error', summary: 'a health check speaks another transport protocol than its service' },
  { code: 'LVS241', name: 'health-check-missing', severity: 'warning', summary: 'a keepalived service has no health check' },
  {
    code: 'LVS242',
    name: 'vrrp-unicast-address-missing',
    severity: 'error',
    summary: 'a director has no address on the VRRP interface to send unicast adverts from',
  },
  { code: 'LVS243', name: 'vrrp-preempt-delay-ignored', severity: 'warning', summary: 'a preemption delay is set but preemption is off' },
  {
    code: 'LVS244',
    name: 'static-manager-unchecked',
    severity: 'warning',
    summary: 'a service of the static manager has no health check: nothing removes a dead real server',
  },
  {
    code: 'LVS245',
    name: 'fwmark-check-port-missing',
    severity: 'error',
    summary: 'a port-probing health check of a fwmark service has no port to connect to',
  },
  { code: 'LVS246', name: 'vrrp-instance-unknown', severity: 'error', summary: 'a service names a VRRP instance that does not exist' },
  {
    code: 'LVS247',
    name: 'vrrp-router-id-duplicate',
    severity: 'error',
    summary: 'two VRRP instances of one address family share a virtual router id on one interface',
  },
  { code: 'LVS248', name: 'vrrp-priority-not-director', severity: 'error', summary: 'a VRRP instance gives a priority to a host that is not a director' },
  { code: 'LVS249', name: 'vrrp-instance-empty', severity: 'error', summary: 'a VRRP instance moves no address: no service names it and it has none' },
  { code: 'LVS250', name: 'vrrp-instance-priority-tie', severity: 'error', summary: 'two directors have the same priority in a VRRP instance' },
  {
    code: 'LVS251',
    name: 'connection-sync-partial',
    severity: 'warning',
    summary: 'connection sync follows the first VRRP instance, and another instance has another MASTER',
  },
  {
    code: 'LVS252',
    name: 'vrrp-sync-group-invalid',
    severity: 'error',
    summary: 'a VRRP sync group has one instance, or instances whose MASTERs differ',
  },
  {
    code: 'LVS253',
    name: 'vrrp-address-duplicate',
    severity: 'error',
    summary: "a floating address is moved twice (by one VRRP instance or by two), or is a host's own address",
  },
  { code: 'LVS254', name: 'vrrp-instance-name-taken', severity: 'error', summary: "a VRRP instance has the cluster's name, which the first instance has" },
  { code: 'LVS255', name: 'ports-need-fwmark', severity: 'error', summary: 'a service groups ports without a fwmark, or has both port and ports' },
  { code: 'LVS256', name: 'port-range-reversed', severity: 'error', summary: 'a port range is empty or goes beyond port 65535' },
  {
    code: 'LVS257',
    name: 'marked-ports-overlap',
    severity: 'error',
    summary: 'a port marked for one service is marked for another or is a plain service port',
  },
  { code: 'LVS265', name: 'keepalived-line-carried', severity: 'warning', summary: 'a line is carried verbatim into keepalived.conf, unchecked by lvscc' },
  {
    code: 'LVS266',
    name: 'keepalived-line-unknown',
    severity: 'error',
    summary: 'a carried keepalived.conf line has a keyword keepalived does not read at its level',
  },
  { code: 'LVS267', name: 'keepalived-line-native', severity: 'error', summary: 'a carried keepalived.conf line sets what a topology field states' },
  {
    code: 'LVS268',
    name: 'member-health-check-alone',
    severity: 'error',
    summary: "a member's health-check settings have no service health check to apply to",
  },
  {
    code: 'LVS269',
    name: 'health-check-urls-conflict',
    severity: 'error',
    summary: 'a health check sets both `urls` and a single URL, or a status range runs backwards',
  },
  {
    code: 'LVS271',
    name: 'ipvs-flag-mismatch',
    severity: 'error',
    summary: 'a scheduler flag or one-packet scheduling does not fit the service, or is not rendered by its manager',
  },
  { code: 'LVS270', name: 'health-check-shared-address', severity: 'warning', summary: 'a service health check sends every real server check to one address' },
  {
    code: 'LVS272',
    name: 'quorum-out-of-range',
    severity: 'error',
    summary: 'a service quorum exceeds the total weight of its real servers, or its hysteresis is not below it',
  },
  { code: 'LVS273', name: 'alert-mail-unsent', severity: 'warning', summary: 'alert recipients are set, but no keepalived runs or no SMTP server is named' },
  { code: 'LVS274', name: 'vrrp-track-interface-missing', severity: 'error', summary: 'a tracked VRRP interface does not exist on a director' },
  {
    code: 'LVS275',
    name: 'service-without-real-servers',
    severity: 'warning',
    summary: 'a service has no real servers: the director refuses its connections (static) or keepalived leaves it out',
  },
  // LVS3xx: limits of a target
  { code: 'LVS301', name: 'networkd-gue-port', severity: 'warning', summary: 'systemd-networkd cannot open this GUE receive port at boot' },
  { code: 'LVS302', name: 'cisco-ios-ipv6-vip', severity: 'error', summary: 'IOS static NAT cannot map a public address onto an IPv6 VIP' },
  { code: 'LVS303', name: 'cisco-ios-sctp', severity: 'error', summary: 'IOS static NAT cannot map an sctp service' },
  { code: 'LVS304', name: 'nftables-ipv6-vip', severity: 'error', summary: 'the nftables router cannot map a public IPv4 address onto an IPv6 VIP' },
  { code: 'LVS305', name: 'nftables-vip-route', severity: 'error', summary: 'the nftables router would need a route to a VIP off its inside subnet' },
  // LVS4xx: import
  { code: 'LVS401', name: 'import-unreadable', severity: 'error', summary: 'a file named by lvscc import cannot be read' },
  { code: 'LVS402', name: 'import-include-unmatched', severity: 'warning', summary: 'an include of the imported keepalived.conf matches no readable file' },
  { code: 'LVS403', name: 'import-include-depth', severity: 'error', summary: 'includes of the imported keepalived.conf nest too deep' },
  { code: 'LVS404', name: 'import-unsupported-construct', severity: 'error', summary: 'the imported file uses a construct lvscc import does not read' },
  { code: 'LVS405', name: 'import-block-structure', severity: 'error', summary: 'braces of the imported keepalived.conf do not balance' },
  {
    code: 'LVS406',
    name: 'import-bad-value',
    severity: 'error',
    summary: 'a keyword of the imported file has a value that keepalived or ipvsadm would refuse',
  },
  {
    code: 'LVS407',
    name: 'import-ipvsadm-syntax',
    severity: 'error',
    summary: 'a line of the imported ipvsadm rules is not an ipvsadm command lvscc import reads',
  },
  { code: 'LVS408', name: 'import-ldirectord-syntax', severity: 'error', summary: 'a line of the imported ldirectord.cf is not ldirectord syntax' },
  { code: 'LVS409', name: 'import-nothing', severity: 'error', summary: 'the imported files define no virtual server' },
  { code: 'LVS410', name: 'import-directors-disagree', severity: 'warning', summary: 'two imported directors define one virtual server differently' },
  {
    code: 'LVS411',
    name: 'import-round-trip-difference',
    severity: 'error',
    summary: 'the configuration built from the import means something else than the original',
  },
  // LVS9xx: internal
  { code: 'LVS901', name: 'internal-error', severity: 'error', summary: 'lvscc hit a bug' },
];

export const codes: ReadonlyMap<string, CodeInfo> = new Map(table.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo {
  const info = codes.get(code);
  if (!info) throw new Error(`unregistered diagnostic code ${code}`);
  return info;
}
