import { parseIpv4 } from '../domain/ipv4';

export type DialVerdict = { readonly ok: true; readonly ip: string } | { readonly ok: false; readonly reason: 'notIpv4' | 'notLoopback' };

/**
 * Whether a reachability check may connect to this address. Only IPv4 literals are dialled (a host name would
 * need a lookup that could lead anywhere). Against a local emulator the networks are made up, so their VIPs may
 * be real addresses on someone's network: then only loopback (127.0.0.0/8) may be dialled.
 */
export function mayDial(host: string, endpointIsEmulator: boolean): DialVerdict {
  const ip = parseIpv4(host);
  if (ip === undefined || ip !== host) return { ok: false, reason: 'notIpv4' };
  if (endpointIsEmulator && !ip.startsWith('127.')) return { ok: false, reason: 'notLoopback' };
  return { ok: true, ip };
}
