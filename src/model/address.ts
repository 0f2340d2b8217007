// IP address values for the model, parsed and compared with ip-num and printed in canonical form.
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange, Validator, collapseIPv6Number } from 'ip-num';

export type Family = 4 | 6;

/** One IP address, in canonical text (RFC 5952 for IPv6). */
export interface Address {
  family: Family;
  ip: IPv4 | IPv6;
  /** Numeric value: a fast, exact key for maps and sorting. */
  value: bigint;
  text: string;
}

/** An address with prefix length, as configured on an interface. */
export interface InterfaceAddress {
  address: Address;
  prefix: number;
  range: IPv4CidrRange | IPv6CidrRange;
  /** Canonical network, e.g. `10.10.24.0/24`: the key of the L2 segment. */
  network: string;
  /** `10.10.24.21/24` in canonical form. */
  text: string;
}

function canonical(ip: IPv4 | IPv6): string {
  return ip instanceof IPv4 ? ip.toString() : collapseIPv6Number(ip.toString()).toLowerCase();
}

/** Parses a bare address; returns a reason string when it is not one. */
export function parseAddress(text: string): Address | string {
  if (text.includes(':')) {
    if (text.includes('%')) return 'zone indexes are not allowed';
    const [ok] = Validator.isValidIPv6String(text);
    if (!ok) return 'it is not an IPv6 address (eight groups of up to four hex digits, `::` at most once)';
    const ip = IPv6.fromString(text);
    return { family: 6, ip, value: ip.getValue(), text: canonical(ip) };
  }
  const [ok] = Validator.isValidIPv4String(text);
  if (!ok) return 'it is not an IPv4 address (four numbers from 0 to 255, without leading zeros)';
  const ip = IPv4.fromString(text);
  return { family: 4, ip, value: ip.getValue(), text: canonical(ip) };
}

/** Parses `address/prefix`; returns a reason string when it is not valid. */
export function parseInterfaceAddress(text: string): InterfaceAddress | string {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return 'the prefix length is missing';
  const address = parseAddress(text.slice(0, slash));
  if (typeof address === 'string') return address;
  const prefixText = text.slice(slash + 1);
  const max = address.family === 4 ? 32 : 128;
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > max) return `the prefix length must be 0 to ${max}`;
  const prefix = Number(prefixText);
  const range = address.family === 4 ? IPv4CidrRange.fromCidr(`${address.text}/${prefix}`) : IPv6CidrRange.fromCidr(`${address.text}/${prefix}`);
  return {
    address,
    prefix,
    range,
    network: `${canonical(range.getFirst())}/${prefix}`,
    text: `${address.text}/${prefix}`,
  };
}

/** True when `address` lies inside the interface's subnet. */
export function onLink(ifaddr: InterfaceAddress, address: Address): boolean {
  if (ifaddr.address.family !== address.family) return false;
  const first = ifaddr.range.getFirst().getValue();
  const last = ifaddr.range.getLast().getValue();
  return address.value >= first && address.value <= last;
}

/** Address for use after a colon-separated port: IPv6 in brackets. */
export function withPort(address: Address, port: number): string {
  return address.family === 6 ? `[${address.text}]:${port}` : `${address.text}:${port}`;
}
