// The one list of lint rules. A rule not listed here does not run (test/lint/registry.test.ts checks).
import type { LintRule } from './types.js';
import { duplicateAddress } from './rules/duplicate-address.js';
import { vipIsHostAddress } from './rules/vip-is-host-address.js';
import { duplicateService } from './rules/duplicate-service.js';
import { unknownRealServer } from './rules/unknown-real-server.js';
import { unusedRealServer } from './rules/unused-real-server.js';
import { gatewayNotOnLink } from './rules/gateway-not-on-link.js';
import { prefixLengthMismatch } from './rules/prefix-length-mismatch.js';
import { drNotOnSegment } from './rules/dr-not-on-segment.js';
import { natGatewayNotDirector } from './rules/nat-gateway-not-director.js';
import { realServerPortMismatch } from './rules/real-server-port-mismatch.js';
import { tunnelMtu } from './rules/tunnel-mtu.js';
import { vipPrefix } from './rules/vip-prefix.js';
import { addressFamilyMismatch } from './rules/address-family-mismatch.js';
import { tunnelOptions } from './rules/tunnel-options.js';
import { duplicateMember } from './rules/duplicate-member.js';
import { persistenceNetmask } from './rules/persistence-netmask.js';
import { servicePortOrFwmark } from './rules/service-port-or-fwmark.js';
import { vrrpMissing } from './rules/vrrp-missing.js';
import { vrrpPriority } from './rules/vrrp-priority.js';
import { vrrpPasswordTooLong } from './rules/vrrp-password-too-long.js';
import { staticManagerMultipleDirectors } from './rules/static-manager-multiple-directors.js';
import { publicAddressWithoutRouter } from './rules/public-address-without-router.js';
import { publicAddressConflict } from './rules/public-address-conflict.js';
import { healthCheckNeedsKeepalived } from './rules/health-check-needs-keepalived.js';
import { healthCheckFieldIgnored } from './rules/health-check-field-ignored.js';
import { vrrpInterfaceMissing } from './rules/vrrp-interface-missing.js';
import { publicMappingUnsupported } from './rules/public-mapping-unsupported.js';
import { routerVipUnrouted } from './rules/router-vip-unrouted.js';
import { duplicateHostName } from './rules/duplicate-host-name.js';
import { reservedInterfaceName } from './rules/reserved-interface-name.js';
import { vrrpInterfaceLoopback } from './rules/vrrp-interface-loopback.js';
import { vipSpecialAddress } from './rules/vip-special-address.js';
import { ipv6MtuTooSmall } from './rules/ipv6-mtu-too-small.js';
import { quorumOutOfRange } from './rules/quorum-out-of-range.js';
import { alertMailUnsent } from './rules/alert-mail-unsent.js';
import { vrrpTrackInterfaceMissing } from './rules/vrrp-track-interface-missing.js';
import { zeroTotalWeight } from './rules/zero-total-weight.js';
import { weightIgnored } from './rules/weight-ignored.js';
import { vrrpGatewayUnused } from './rules/vrrp-gateway-unused.js';
import { healthCheckProtocolMismatch } from './rules/health-check-protocol-mismatch.js';
import { healthCheckMissing } from './rules/health-check-missing.js';
import { markedPortsOverlap } from './rules/marked-ports-overlap.js';
import { portRangeReversed } from './rules/port-range-reversed.js';
import { portsNeedFwmark } from './rules/ports-need-fwmark.js';
import { vrrpUnicastAddressMissing } from './rules/vrrp-unicast-address-missing.js';
import { vrrpPreemptDelayIgnored } from './rules/vrrp-preempt-delay-ignored.js';
import { keepalivedLineCarried } from './rules/keepalived-line-carried.js';
import { keepalivedLineUnknown } from './rules/keepalived-line-unknown.js';
import { keepalivedLineNative } from './rules/keepalived-line-native.js';
import { memberHealthCheckAlone } from './rules/member-health-check-alone.js';
import { healthCheckUrlsConflict } from './rules/health-check-urls-conflict.js';
import { healthCheckSharedAddress } from './rules/health-check-shared-address.js';
import { ipvsFlagMismatch } from './rules/ipvs-flag-mismatch.js';
import { staticManagerUnchecked } from './rules/static-manager-unchecked.js';
import { fwmarkCheckPortMissing } from './rules/fwmark-check-port-missing.js';
import { serviceWithoutRealServers } from './rules/service-without-real-servers.js';
import { vrrpInstanceUnknown } from './rules/vrrp-instance-unknown.js';
import { vrrpRouterIdDuplicate } from './rules/vrrp-router-id-duplicate.js';
import { vrrpPriorityNotDirector } from './rules/vrrp-priority-not-director.js';
import { vrrpInstanceEmpty } from './rules/vrrp-instance-empty.js';
import { vrrpInstancePriorityTie } from './rules/vrrp-instance-priority-tie.js';
import { connectionSyncPartial } from './rules/connection-sync-partial.js';
import { vrrpSyncGroupInvalid } from './rules/vrrp-sync-group-invalid.js';
import { vrrpAddressDuplicate } from './rules/vrrp-address-duplicate.js';
import { vrrpInstanceNameTaken } from './rules/vrrp-instance-name-taken.js';

export const rules: readonly LintRule[] = [
  duplicateAddress,
  vipIsHostAddress,
  duplicateService,
  unknownRealServer,
  unusedRealServer,
  gatewayNotOnLink,
  prefixLengthMismatch,
  drNotOnSegment,
  natGatewayNotDirector,
  realServerPortMismatch,
  tunnelMtu,
  vipPrefix,
  addressFamilyMismatch,
  tunnelOptions,
  duplicateMember,
  persistenceNetmask,
  servicePortOrFwmark,
  vrrpMissing,
  vrrpPriority,
  vrrpPasswordTooLong,
  staticManagerMultipleDirectors,
  publicAddressWithoutRouter,
  publicAddressConflict,
  healthCheckNeedsKeepalived,
  healthCheckFieldIgnored,
  vrrpInterfaceMissing,
  publicMappingUnsupported,
  routerVipUnrouted,
  duplicateHostName,
  reservedInterfaceName,
  vrrpInterfaceLoopback,
  vipSpecialAddress,
  ipv6MtuTooSmall,
  zeroTotalWeight,
  weightIgnored,
  vrrpGatewayUnused,
  healthCheckProtocolMismatch,
  healthCheckMissing,
  vrrpUnicastAddressMissing,
  vrrpPreemptDelayIgnored,
  portsNeedFwmark,
  portRangeReversed,
  markedPortsOverlap,
  keepalivedLineCarried,
  keepalivedLineUnknown,
  keepalivedLineNative,
  memberHealthCheckAlone,
  healthCheckUrlsConflict,
  healthCheckSharedAddress,
  ipvsFlagMismatch,
  quorumOutOfRange,
  alertMailUnsent,
  vrrpTrackInterfaceMissing,
  staticManagerUnchecked,
  fwmarkCheckPortMissing,
  serviceWithoutRealServers,
  vrrpInstanceUnknown,
  vrrpRouterIdDuplicate,
  vrrpPriorityNotDirector,
  vrrpInstanceEmpty,
  vrrpInstancePriorityTie,
  connectionSyncPartial,
  vrrpSyncGroupInvalid,
  vrrpAddressDuplicate,
  vrrpInstanceNameTaken,
];
