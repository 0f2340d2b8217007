// LVS232: a VIP in a range that cannot carry a service: unspecified, loopback, link-local, multicast, broadcast, reserved.
import { hostPrefix, type Address } from '../../model/address.js';
import type { LintRule } from '../types.js';

interface SpecialRange {
  family: 4 | 6;
  first: bigint;
  prefix: number;
  text: string;
  what: string;
}

const v4 = (a: number, b: number, c: number, d: number): bigint => BigInt(((a << 24) | (b << 16) | (c << 8) | d) >>> 0);

const ranges: SpecialRange[] = [
  { family: 4, first: v4(0, 0, 0, 0), prefix: 8, text: '0.0.0.0/8', what: 'the unspecified "this network" range' },
  { family: 4, first: v4(127, 0, 0, 0), prefix: 8, text: '127.0.0.0/8', what: 'loopback' },
  { family: 4, first: v4(169, 254, 0, 0), prefix: 16, text: '169.254.0.0/16', what: 'link-local' },
  { family: 4, first: v4(224, 0, 0, 0), prefix: 4, text: '224.0.0.0/4', what: "multicast (224.0.0.18 is VRRP's own group)" },
  { family: 4, first: v4(240, 0, 0, 0), prefix: 4, text: '240.0.0.0/4', what: 'reserved, with the broadcast address 255.255.255.255' },
  { family: 6, first: 0n, prefix: 128, text: '::/128', what: 'the unspecified address' },
  { family: 6, first: 1n, prefix: 128, text: '::1/128', what: 'loopback' },
  { family: 6, first: 0xffffn << 32n, prefix: 96, text: '::ffff:0:0/96', what: 'IPv4-mapped' },
  { family: 6, first: 0xfe80n << 112n, prefix: 10, text: 'fe80::/10', what: 'link-local' },
  { family: 6, first: 0xffn << 120n, prefix: 8, text: 'ff00::/8', what: 'multicast' },
];

function specialRange(address: Address): SpecialRange | undefined {
  const bits = hostPrefix(address.family);
  return ranges.find((r) => r.family === address.family && address.value >> BigInt(bits - r.prefix) === r.first >> BigInt(bits - r.prefix));
}

export const vipSpecialAddress: LintRule = {
  code: 'LVS232',
  check(model, report) {
    for (const service of model.services) {
      const range = specialRange(service.vip);
      if (!range) continue;
      report({
        code: 'LVS232',
        pointer: service.vip.pointer,
        message: `VIP \`${service.vip.text}\` of service ${service.name} is ${range.what} (\`${range.text}\`): clients cannot reach a service there`,
        label: range.what.split(' (')[0]!,
        help: `use a unicast address that routes to the directors, such as one on their segment`,
      });
    }
  },
};
