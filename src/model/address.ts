// IP address values for the model: IPv4 parsed here directly, IPv6 with ip-num; printed in canonical form.
import { createRequire } from 'node:module';
import type * as IpNum from 'ip-num';

export type Family = 4 | 6;

/** One IP address, in canonical text (RFC 5952 for IPv6). */
export interface Address {
  family: Family;
  /** Numeric value: a fast, exact key for maps and sorting. */
  value: bigint;
  text: string;
}

/** An address with prefix length, as configured on an interface. */
export interface InterfaceAddress {
  address: Address;
  prefix: number;
  /** First and last address of the subnet, numerically (compared by {@link onLink}). */
  first: bigint;
  last: bigint;
  /** Canonical network, e.g. `10.10.24.0/24`: the key of the L2 segment. */
  network: string;
  /** `10.10.24.21/24` in canonical form. */
  text: string;
}

// ip-num costs tens of milliseconds to load and builds binary strings for every operation; fleets are
// mostly IPv4, so it is loaded on the first IPv6 address only.
let ipNum: typeof IpNum | undefined;
const loadIpNum = (): typeof IpNum => (ipNum ??= createRequire(import.meta.url)('ip-num') as typeof IpNum);

/** Exactly the strings ip-num's Validator.isValidIPv4String accepts: four decimal octets 0-255 without leading zeros. */
const IPV4 =
  /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

const dotted = (value: number): string => `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;

/** RFC 5952 text of an IPv6 value, as ip-num prints the first address of a range. */
function canonical6(value: bigint): string {
  const { IPv6, collapseIPv6Number } = loadIpNum();
  return collapseIPv6Number(IPv6.fromBigInt(value).toString()).toLowerCase();
}

/** The bits of an address, which is also the prefix length of a single address: 32 for IPv4, 128 for IPv6. */
export function hostPrefix(family: Family): 32 | 128 {
  return family === 4 ? 32 : 128;
}

/** Parses a bare address; returns a reason string when it is not one. */
export function parseAddress(text: string): Address | string {
  if (text.includes(':')) {
    if (text.includes('%')) return 'zone indexes are not allowed';
    const { IPv6, Validator, collapseIPv6Number } = loadIpNum();
    const [ok] = Validator.isValidIPv6String(text);
    if (!ok) return 'it is not an IPv6 address (eight groups of up to four hex digits, `::` at most once)';
    const ip = IPv6.fromString(text);
    return { family: 6, value: ip.getValue(), text: collapseIPv6Number(ip.toString()).toLowerCase() };
  }
  const octets = IPV4.exec(text);
  if (!octets) return 'it is not an IPv4 address (four numbers from 0 to 255, without leading zeros)';
  const value = ((Number(octets[1]) << 24) | (Number(octets[2]) << 16) | (Number(octets[3]) << 8) | Number(octets[4])) >>> 0;
  // The pattern admits no leading zeros, so the text is already canonical.
  return { family: 4, value: BigInt(value), text };
}

/** Parses `address/prefix`; returns a reason string when it is not valid. */
export function parseInterfaceAddress(text: string): InterfaceAddress | string {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return 'the prefix length is missing';
  const address = parseAddress(text.slice(0, slash));
  if (typeof address === 'string') return address;
  const prefixText = text.slice(slash + 1);
  const max = hostPrefix(address.family);
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > max) return `the prefix length must be 0 to ${max}`;
  const prefix = Number(prefixText);
  const hostBits = BigInt(max - prefix);
  const first = (address.value >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  const network = address.family === 4 ? dotted(Number(first)) : canonical6(first);
  return { address, prefix, first, last, network: `${network}/${prefix}`, text: `${address.text}/${prefix}` };
}

/** True when `address` lies inside the interface's subnet. */
export function onLink(ifaddr: InterfaceAddress, address: Address): boolean {
  return ifaddr.address.family === address.family && address.value >= ifaddr.first && address.value <= ifaddr.last;
}

/** The subnet mask of a prefix length as a number: `/24` in IPv4 is 0xffffff00. */
export function prefixMask(family: Family, prefix: number): bigint {
  const bits = hostPrefix(family);
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** Address for use after a colon-separated port: IPv6 in brackets. */
export function withPort(address: Address, port: number): string {
  return address.family === 6 ? `[${address.text}]:${port}` : `${address.text}:${port}`;
}
