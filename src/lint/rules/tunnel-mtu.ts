// LVS211: tunnel encapsulation leaves too little room in the path MTU between director and real server.
import { DEFAULT_MTU, MIN_INNER_MTU, mssFor, tunnelFit, tunnelPath, type TunnelPath } from '../../model/tunnel.js';
import type { Host, Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

/** The kernel's smallest TCP MSS (TCP_MIN_MSS in include/net/tcp.h): with clampMss, less than this is an error. */
const TCP_MIN_MSS = 88;

export const tunnelMtu: LintRule = {
  code: 'LVS211',
  check(model, report) {
    for (const service of model.services) {
      if (service.forwarding !== 'tun' || !service.tunnel) continue;
      for (const member of service.members) {
        if (!member.host) continue;
        const path = tunnelPath(member.host, model.directors, service.vip.family);
        if (path) check(service, member.host, member.pointer, path, report);
      }
    }
  },
};

function check(service: Service, host: Host, pointer: string, path: TunnelPath, report: Parameters<LintRule['check']>[1]): void {
  const tunnel = service.tunnel!;
  const family = service.vip.family;
  const { overhead, innerMtu: inner, clampTo } = tunnelFit(tunnel.type, path, family);
  const between = path.director ? `${path.director} and ${host.name}` : `the directors and ${host.name}`;
  const describe = `path MTU ${path.mtu} to ${host.name} leaves ${inner} bytes inside the ${tunnel.type} tunnel (${overhead} bytes of headers)`;
  const minimum = MIN_INNER_MTU[family];
  const mss = mssFor(inner, family);
  if (tunnel.clampMss && mss < TCP_MIN_MSS) {
    // Real servers would be told to advertise this MSS (a route's advmss, networkd's TCPAdvertisedMaximumSegmentSize):
    // zero or negative is refused by ip(8) and networkd, and a few bytes per segment is no service at all.
    report({
      code: 'LVS211',
      severity: 'error',
      pointer,
      message: `${describe}, too few for TCP: clampMss would make ${host.name} advertise MSS ${mss}, below the kernel's minimum of ${TCP_MIN_MSS}`,
      label: `inner MTU ${inner}`,
      help: `raise the MTU between ${between} to at least ${minimum + overhead}`,
    });
    return;
  }
  if (inner < minimum) {
    report({
      code: 'LVS211',
      pointer,
      message: `${describe}, below the IPv${family} minimum of ${minimum}`,
      label: `inner MTU ${inner}`,
      help: `raise the MTU between ${between} to at least ${minimum + overhead}`,
    });
    return;
  }
  if (tunnel.clampMss || clampTo === undefined) return;
  report({
    code: 'LVS211',
    pointer,
    message: `${describe}, less than a full ${DEFAULT_MTU}-byte packet, and clampMss is off`,
    label: `inner MTU ${inner}`,
    help: `set tunnel.clampMss: true (real servers then advertise MSS ${mss}), or raise the MTU between ${between} to ${DEFAULT_MTU + overhead}`,
  });
}
