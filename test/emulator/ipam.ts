/**
 * IPv4 address arithmetic for the emulated VPC: subnets, reserved addresses, free-address search.
 * Addresses are handled as unsigned 32-bit numbers so ranges can be walked cheaply.
 */
import * as ipaddr from 'ipaddr.js';

export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
  readonly size: number;
}

export function parseIpv4(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  const [a, b, c, d] = ipaddr.IPv4.parse(text).toByteArray();
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses "a.b.c.d/n"; refuses a CIDR whose address is not the network address (the cloud refuses those too). */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { network: address, prefix, size };
}

export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.network && address < cidr.network + cidr.size;
}

export function cidrWithin(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  return cidrContains(outer, inner.network) && inner.network + inner.size <= outer.network + outer.size;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** Network address, gateway (first host) and broadcast: never assignable in a VPC subnet. */
export function isReservedAddress(cidr: Ipv4Cidr, address: number): boolean {
  return address === cidr.network || address === cidr.network + 1 || address === cidr.network + cidr.size - 1;
}

/** Addresses a subnet can hand out: all of them minus the three reserved ones. */
export function assignableAddressCount(cidr: Ipv4Cidr): number {
  return Math.max(0, cidr.size - 3);
}

/** Lowest assignable address not in `used`, or undefined when the subnet is full. */
export function lowestFreeAddress(cidr: Ipv4Cidr, used: ReadonlySet<number>): number | undefined {
  for (let address = cidr.network + 2; address < cidr.network + cidr.size - 1; address++) {
    if (!used.has(address)) return address;
  }
  return undefined;
}

/** Highest assignable addresses not in `used`, highest first, at most `count` of them. */
export function highestFreeAddresses(cidr: Ipv4Cidr, used: ReadonlySet<number>, count: number): number[] {
  const found: number[] = [];
  for (let address = cidr.network + cidr.size - 2; address >= cidr.network + 2 && found.length < count; address--) {
    if (!used.has(address)) found.push(address);
  }
  return found;
}
