import * as ipaddr from 'ipaddr.js';
import { parseIpv4 } from '../domain/ipv4';

export type DialVerdict =
  | { readonly ok: true; readonly ip: string }
  | { readonly ok: false; readonly reason: 'notIpv4' | 'notLoopback' | 'notPrivate' };

/**
 * Whether a reachability check may connect to this address. Only IPv4 literals are dialled (a host name would
 * need a lookup that could lead anywhere). Against a local emulator the networks are made up, so their VIPs may
 * be real addresses on someone's network: then only loopback (127.0.0.0/8) may be dialled. Against the real API a
 * VIP is a VPC address, so only the private ranges (10/8, 172.16/12, 192.168/16) are dialled: an answer holding
 * 0.0.0.0, loopback, the link-local metadata address 169.254.169.254, a broadcast or a public address is refused
 * rather than probed from the user's machine.
 */
export function mayDial(host: string, endpointIsEmulator: boolean): DialVerdict {
  const ip = parseIpv4(host);
  if (ip === undefined || ip !== host) return { ok: false, reason: 'notIpv4' };
  if (endpointIsEmulator) return ip.startsWith('127.') ? { ok: true, ip } : { ok: false, reason: 'notLoopback' };
  if (ipaddr.IPv4.parse(ip).range() !== 'private') return { ok: false, reason: 'notPrivate' };
  return { ok: true, ip };
}
