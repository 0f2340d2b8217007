// LVS207: interface addresses on one segment written with different prefix lengths.
import { hostPrefix, prefixMask } from '../../model/address.js';
import { assignedAddresses, type AssignedAddress } from '../addresses.js';
import type { LintRule } from '../types.js';

interface Segment {
  family: 4 | 6;
  prefix: number;
  /** First address of the subnet, numerically. */
  network: bigint;
  members: AssignedAddress[];
}

const segmentKey = (family: number, prefix: number, network: bigint): string => `${family}|${prefix}|${network}`;

/**
 * Groups addresses by (family, prefix, network). Two groups conflict when the narrower network lies
 * inside the wider one: hosts of the wider group treat the others as on-link while those disagree.
 * Lookups go through each distinct prefix length, so the cost is O(groups * distinct prefixes).
 * Full-length prefixes (/32, /128) claim no segment and are left out.
 */
export const prefixLengthMismatch: LintRule = {
  code: 'LVS207',
  check(model, report) {
    const masks = new Map<string, bigint>();
    const mask = (family: 4 | 6, prefix: number): bigint => {
      const key = `${family}/${prefix}`;
      let m = masks.get(key);
      if (m === undefined) {
        m = prefixMask(family, prefix);
        masks.set(key, m);
      }
      return m;
    };
    const segments = new Map<string, Segment>();
    const prefixes = new Map<4 | 6, Set<number>>([
      [4, new Set()],
      [6, new Set()],
    ]);
    for (const assigned of assignedAddresses(model)) {
      const { address, prefix } = assigned.ifaddr;
      if (prefix === hostPrefix(address.family)) continue;
      const first = address.value & mask(address.family, prefix);
      const key = segmentKey(address.family, prefix, first);
      const segment = segments.get(key);
      if (segment) segment.members.push(assigned);
      else segments.set(key, { family: address.family, prefix, network: first, members: [assigned] });
      prefixes.get(address.family)!.add(prefix);
    }
    const sorted = new Map([...prefixes].map(([family, set]) => [family, [...set].sort((a, b) => a - b)]));
    const reported = new Set<AssignedAddress>();
    for (const narrow of segments.values()) {
      for (const prefix of sorted.get(narrow.family)!) {
        if (prefix >= narrow.prefix) break;
        const wide = segments.get(segmentKey(narrow.family, prefix, narrow.network & mask(narrow.family, prefix)));
        if (!wide) continue;
        // Blame the minority; on a tie the wider prefix, which claims addresses the others keep off-link.
        const [odd, usual] = narrow.members.length < wide.members.length ? [narrow, wide] : [wide, narrow];
        const other = usual.members[0]!;
        for (const assigned of odd.members) {
          if (reported.has(assigned)) continue;
          reported.add(assigned);
          report({
            code: 'LVS207',
            pointer: assigned.pointer,
            message: `${assigned.owner} has ${assigned.ifaddr.text} but ${other.owner} has ${other.ifaddr.text} on the same segment: prefix lengths /${odd.prefix} and /${usual.prefix} disagree`,
            label: `/${odd.prefix} here`,
            related: [{ pointer: other.pointer, message: `/${usual.prefix} on ${other.owner}` }],
            help: `give every address on the segment the same prefix length, for example ${assigned.ifaddr.address.text}/${usual.prefix}`,
          });
        }
      }
    }
  },
};
