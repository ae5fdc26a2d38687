import { parseIpv4 } from '../domain/ipv4';

/** What a connection text leaves for the user to fill in: the API knows neither their role nor their database. */
export type LeftToUser = 'user' | 'database';

export interface ConnectionTexts {
  /** `postgresql://VIP:PORT/postgres`: the default database, no user (libpq then uses the OS user name). */
  readonly uri: string;
  readonly uriLeavesOut: readonly LeftToUser[];
  /** `psql -h VIP -p PORT`: add `-U` and `-d`. */
  readonly psql: string;
  readonly psqlLeavesOut: readonly LeftToUser[];
}

/**
 * How to reach a network from a client, or undefined when its address is not an IPv4 VIP with a valid port
 * (a network still opening may list neither): better no text than one that connects somewhere else.
 */
export function connectionTexts(vip: string, port: number): ConnectionTexts | undefined {
  const ip = parseIpv4(vip);
  if (ip === undefined || ip !== vip.trim() || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return {
    uri: `postgresql://${ip}:${port}/postgres`,
    uriLeavesOut: ['user'],
    psql: `psql -h ${ip} -p ${port}`,
    psqlLeavesOut: ['user', 'database'],
  };
}
