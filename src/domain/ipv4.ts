import * as ipaddr from 'ipaddr.js';

/**
 * IPv4 and CIDR rules for choosing a VIP inside a subnet.
 * Parsing is left to ipaddr.js (strict dotted-quad decimal, so "010.0.0.1" or "10.1" never pass as addresses);
 * this module only does the arithmetic the wizard needs on top of it.
 */

export interface Cidr {
  /** As written canonically, e.g. "10.0.1.0/24". */
  readonly text: string;
  readonly network: string;
  readonly prefix: number;
  readonly broadcast: string;
  /** The first host address, which Tencent Cloud uses as the gateway. */
  readonly firstHost: string;
  readonly lastHost: string;
  /** Number of addresses in the block, network and broadcast included. */
  readonly size: number;
}

export type VipCheck =
  | { readonly ok: true; readonly ip: string }
  | { readonly ok: false; readonly problem: 'notIpv4' | 'outsideSubnet' | 'reserved' };

/** The canonical form of a dotted-quad IPv4 address, or undefined when the text is not one. Whitespace around it is ignored. */
export function parseIpv4(text: string): string | undefined {
  const trimmed = text.trim();
  return ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? ipaddr.IPv4.parse(trimmed).toString() : undefined;
}

/** A CIDR block such as "10.0.1.0/24" (host bits are cleared), or undefined when the text is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)) return undefined;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(trimmed);
  const size = 2 ** (32 - prefix);
  const network = (toNumber(address.toString()) & mask(prefix)) >>> 0;
  const broadcast = network + size - 1;
  // /31 and /32 have no network/broadcast pair to set aside: every address is a host.
  const hasReservedEnds = prefix <= 30;
  return {
    text: `${fromNumber(network)}/${prefix}`,
    network: fromNumber(network),
    prefix,
    broadcast: fromNumber(broadcast),
    firstHost: fromNumber(hasReservedEnds ? network + 1 : network),
    lastHost: fromNumber(hasReservedEnds ? broadcast - 1 : broadcast),
    size,
  };
}

export function isInCidr(ip: string, cidr: Cidr): boolean {
  const value = toNumber(ip);
  const network = toNumber(cidr.network);
  return value >= network && value < network + cidr.size;
}

/**
 * Addresses of a subnet that can never be a VIP: the network address, the gateway (first host) and the broadcast address.
 * The API may reserve more; DescribeUsedIpAddress and the API itself have the last word.
 */
export function reservedAddresses(cidr: Cidr): string[] {
  if (cidr.prefix > 30) return [];
  return [cidr.network, cidr.firstHost, cidr.broadcast];
}

/** Checks a typed VIP against a subnet, without asking the API. */
export function checkVip(text: string, cidr: Cidr): VipCheck {
  const ip = parseIpv4(text);
  if (ip === undefined) return { ok: false, problem: 'notIpv4' };
  if (!isInCidr(ip, cidr)) return { ok: false, problem: 'outsideSubnet' };
  if (reservedAddresses(cidr).includes(ip)) return { ok: false, problem: 'reserved' };
  return { ok: true, ip };
}

/**
 * Up to `count` assignable addresses of a subnet that are not in `taken`, lowest first.
 * Looks at no more than `count + taken.size + 3` addresses, so it stays cheap on a /8.
 */
export function candidateAddresses(cidr: Cidr, taken: ReadonlySet<string>, count: number): string[] {
  const reserved = new Set(reservedAddresses(cidr));
  const result: string[] = [];
  const start = toNumber(cidr.network);
  const end = start + cidr.size;
  for (let value = start; value < end && result.length < count; value++) {
    const ip = fromNumber(value);
    if (!reserved.has(ip) && !taken.has(ip)) result.push(ip);
  }
  return result;
}

function toNumber(ip: string): number {
  return ipaddr.IPv4.parse(ip).toByteArray().reduce((value, byte) => value * 256 + byte, 0);
}

function fromNumber(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The network mask as an unsigned 32-bit number. */
function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
