// Failure classes that need target or model fixes (the lead's refactoring): kept out of the generator by name.
import type { HostInput, TopologyInput } from '../../src/model/input.js';

export interface OpenTargetClass {
  /** Short name, also the regression fixture's file name under test/property/regressions/. */
  name: string;
  what: string;
  matches(document: TopologyInput): boolean;
}

const familyOf = (address: string): 4 | 6 => (address.includes(':') ? 6 : 4);

/** Address families a host's interfaces carry, read from the document as written. */
function hostFamilies(host: HostInput): Set<4 | 6> {
  const families = new Set<4 | 6>();
  for (const value of Object.values(host.interfaces)) {
    const list = typeof value === 'string' ? [value] : Array.isArray(value.address) ? value.address : [value.address];
    for (const a of list) families.add(familyOf(a));
  }
  return families;
}

export const openTargetClasses: OpenTargetClass[] = [
  {
    name: 'tun-cross-family-real-server',
    what:
      'a TUN service whose real server has no address of the VIP family (only the other one, which every director has): ' +
      'lint accepts it (LVS221 allows TUN across families, as the kernel, ipvsadm and keepalived do), but the ipvsadm, shell and ' +
      'keepalived targets look the real server up by the VIP family only and fail with LVS901',
    matches(document) {
      for (const service of Object.values(document.services)) {
        if (service.forwarding !== 'tun') continue;
        const vipFamily = familyOf(service.vip);
        for (const member of service.realServers) {
          const host = document.realServers[typeof member === 'string' ? member : member.server];
          if (host && !hostFamilies(host).has(vipFamily)) return true;
        }
      }
      return false;
    },
  },
];
