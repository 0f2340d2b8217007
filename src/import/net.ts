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
