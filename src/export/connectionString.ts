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
 * A DNS name of letters, digits and hyphens in two labels or more, the last one starting with a letter (so that a
 * malformed IPv4 address is not taken for a name), as a primary's public address is: nothing in it can mean
 * anything else in a URI or to a shell.
 */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * How to reach a network from a client, or undefined when its address is neither an IPv4 VIP nor a plain host name
 * (a public address), or has no valid port (a network still opening may list neither): better no text than one
 * that connects somewhere else.
 */
export function connectionTexts(address: string, port: number): ConnectionTexts | undefined {
  const host = parseIpv4(address) === address.trim() ? address.trim() : HOST_NAME.test(address) ? address.toLowerCase() : undefined;
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return {
    uri: `postgresql://${host}:${port}/postgres`,
    uriLeavesOut: ['user'],
    psql: `psql -h ${host} -p ${port}`,
    psqlLeavesOut: ['user', 'database'],
  };
}
