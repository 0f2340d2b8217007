// Address helpers of the import: canonical text, family, netmasks and addresses by number (model/address.ts parses).
import { parseAddress, parseInterfaceAddress, type Family } from '../model/address.js';

/** The canonical text of an address, or undefined when `text` is not one. */
export function canonicalAddress(text: string): string | undefined {
  const parsed = parseAddress(text);
  return typeof parsed === 'string' ? undefined : parsed.text;
}

export function familyOf(address: string): Family {
  return address.includes(':') ? 6 : 4;
}

/** The prefix length of a netmask (`255.255.255.0`) or of a bare prefix length (`24`), or undefined. */
export function netmaskPrefix(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) return Number(text) <= 128 ? Number(text) : undefined;
  const parsed = parseAddress(text);
  if (typeof parsed === 'string') return undefined;
  const bits = parsed.family === 4 ? 32 : 128;
  const binary = parsed.value.toString(2).padStart(bits, '0');
  return /^1*0*$/.test(binary) ? (binary.indexOf('0') < 0 ? bits : binary.indexOf('0')) : undefined;
}

/** The number of an address (for ranges and free addresses). */
export function addressValue(address: string): bigint {
  const parsed = parseAddress(address);
  if (typeof parsed === 'string') throw new Error(`not an address: ${address}`);
  return parsed.value;
}

/** The network of `address/prefix`, as `10.0.0.0/24`. */
export function networkOf(address: string, prefix: number): string {
  const parsed = parseInterfaceAddress(`${address}/${prefix}`);
  if (typeof parsed === 'string') throw new Error(`not an address: ${address}/${prefix}`);
  return parsed.network;
}

/** The address of a number in a family, in canonical text. */
export function addressText(value: bigint, family: Family): string {
  if (family === 4) return `${Number((value >> 24n) & 255n)}.${Number((value >> 16n) & 255n)}.${Number((value >> 8n) & 255n)}.${Number(value & 255n)}`;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return canonicalAddress(groups.join(':'))!;
}

/** The most addresses one `virtual_server_group` entry may stand for: the import writes a service for each. */
export const GROUP_ENTRY_LIMIT = 256;

/** First and last address (numbers) of a `virtual_server_group` entry and their family, or why it is none. */
function groupEntryBounds(text: string): { first: bigint; last: bigint; family: Family } | string {
  const slash = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (slash) {
    const parsed = parseAddress(slash[1]!);
    if (typeof parsed === 'string') return 'not an address';
    const bits = parsed.family === 4 ? 32 : 128;
    const prefix = Number(slash[2]);
    if (prefix < 1 || prefix > bits) return 'its prefix length is out of range';
    const host = (1n << BigInt(bits - prefix)) - 1n;
    if (parsed.value & host) return 'its host bits are not zero';
    // keepalived steps IPv6 addresses through the last group only.
    return { first: parsed.value, last: parsed.value | (parsed.family === 4 ? host : host & 0xffffn), family: parsed.family };
  }
  const dash = text.lastIndexOf('-');
  const start = parseAddress(dash < 0 ? text : text.slice(0, dash));
  if (typeof start === 'string') return 'not an address';
  const family = start.family;
  if (dash < 0) return { first: start.value, last: start.value, family };
  const tail = text.slice(dash + 1);
  if (family === 6 ? tail.includes(':') : tail.includes('.')) {
    const end = parseAddress(tail);
    if (typeof end === 'string' || end.family !== family) return 'the range ends in no address of its family';
    if (family === 6 && end.value >> 16n !== start.value >> 16n) return 'keepalived steps an IPv6 range through its last group only';
    return end.value < start.value ? 'the range ends before it starts' : { first: start.value, last: end.value, family };
  }
  if (!(family === 6 ? /^[0-9a-f]{1,4}$/i : /^\d{1,3}$/).test(tail)) return 'the range end is not a number';
  const low = family === 6 ? 0xffffn : 0xffn;
  const top = BigInt(family === 6 ? `0x${tail}` : tail);
  if (top > low || top <= (start.value & low)) return 'the range end is not above its start';
  return { first: start.value, last: (start.value & ~low) | top, family };
}

/**
 * The addresses of a `virtual_server_group` entry, as keepalived 2.2 reads it (check_data.c alloc_vsg_entry;
 * ipvswrapper.c ipvs_group_range_cmd makes one IPVS service per address): `A`; `A-N`, up to N in the last
 * IPv4 byte (decimal) or IPv6 group (hexadecimal); `A-B`; `A/LEN`, the whole network, its host bits zero.
 * A string says why it is none (keepalived skips such an entry), or that it stands for more than GROUP_ENTRY_LIMIT.
 */
export function groupEntryAddresses(text: string): string[] | string {
  const bounds = groupEntryBounds(text);
  if (typeof bounds === 'string') return bounds;
  const count = bounds.last - bounds.first + 1n;
  if (count > BigInt(GROUP_ENTRY_LIMIT)) return `it stands for ${count} addresses, more than the ${GROUP_ENTRY_LIMIT} services the import writes for one entry`;
  return Array.from({ length: Number(count) }, (_, i) => addressText(bounds.first + BigInt(i), bounds.family));
}
