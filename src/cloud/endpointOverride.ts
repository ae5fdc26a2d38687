import * as net from 'node:net';

// Checking an endpoint override needs no HTTP machinery: kept apart from the agents in endpoints.ts, so that reading
// the settings at activation does not load Node's http and https modules.

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) {
    if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
    return mapped !== null && mapped[1].startsWith('127.');
  }
  return false;
}

interface ParsedOverride {
  readonly protocol: 'http:' | 'https:';
  /** Host without brackets. */
  readonly host: string;
  readonly port: string;
  readonly loopback: boolean;
}

/**
 * Checks an endpoint override. Plain http is only accepted towards this machine: elsewhere it would send
 * signed requests, and the answers the UI trusts, over the network in clear text.
 */
export function parseEndpointOverride(override: string): ParsedOverride {
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new Error(`Invalid endpoint override "${override}": expected a URL such as http://127.0.0.1:4567 or https://host`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid endpoint override "${override}": only http:// and https:// are supported`);
  }
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(`Invalid endpoint override "${override}": give only scheme, host and port`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLoopbackHost(host);
  if (url.protocol === 'http:' && !loopback) {
    throw new Error(`Refusing endpoint override "${override}": http:// is only allowed for loopback addresses (127.0.0.1, ::1, localhost); use https://`);
  }
  return { protocol: url.protocol, host, port: url.port, loopback };
}
