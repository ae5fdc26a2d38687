import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { parseEndpointOverride } from './endpointOverride';
import { pinnedAgent } from './pinnedAgent';
import type { Site } from '../domain/model';

/** The two API products the extension talks to. */
export type Product = 'postgres' | 'vpc';

/** Everything the SDK's httpProfile needs to reach one product. */
export interface ProductEndpoint {
  /** "https://" or "http://". */
  readonly protocol: string;
  /** host[:port] as the SDK wants it; its first dot-label becomes the signature's service name. */
  readonly endpoint: string;
  /** Always set, so the SDK never falls back to a proxy from the environment; pinned to this endpoint (see pinnedAgent). */
  readonly agent: http.Agent;
}

export interface EndpointResolver {
  resolve(product: Product): ProductEndpoint;
  /** Nothing to release: the agents are shared (see sharedAgent). Kept so that callers need not know. */
  dispose(): void;
}

/**
 * How the shared agents keep connections:
 * - idle sockets are closed before a typical server (5 s) would close them under us;
 * - every socket of a burst is kept, up to `maxFreeSockets` per host: loading the whole account has ~380 calls in
 *   flight at once (all to the one postgres host), and Node's default of 256 closed the rest after each load, so
 *   every refresh opened (over TLS: negotiated) ~100 connections again. Idle ones still go after 4 s.
 */
export const keepAliveAgentOptions = { keepAlive: true, timeout: 4000, maxFreeSockets: 1024 } as const satisfies http.AgentOptions;

export function siteHost(site: Site, product: Product): string {
  return site === 'intl' ? `${product}.intl.tencentcloudapi.com` : `${product}.tencentcloudapi.com`;
}

/**
 * Where the SDK sends each product's requests.
 *
 * Without an override: the site's real hosts over https.
 * With an override: that host and port for both products, as given (for https, TLS must match the name).
 * The SDK then signs with the first label of the host as the service name (e.g. "127"), which a local emulator
 * accepts. Addressing the real host names and resolving them to loopback through the agent's lookup would keep
 * the production scope, but VS Code's proxy support replaces the agent inside the extension host, and the
 * real names would then be looked up in DNS.
 */
export function createEndpointResolver(site: Site, override?: string): EndpointResolver {
  if (override === undefined || override === '') {
    const agents = { postgres: pinnedAgent(sharedAgent('https:'), siteHost(site, 'postgres'), 443), vpc: pinnedAgent(sharedAgent('https:'), siteHost(site, 'vpc'), 443) };
    return {
      resolve: (product) => ({ protocol: 'https://', endpoint: siteHost(site, product), agent: agents[product] }),
      dispose: () => undefined,
    };
  }
  const parsed = parseEndpointOverride(override);
  const protocol = parsed.protocol === 'http:' ? 'http://' : 'https://';
  const portSuffix = parsed.port === '' ? '' : `:${parsed.port}`;
  const hostForUrl = net.isIPv6(parsed.host) ? `[${parsed.host}]` : parsed.host;
  const port = parsed.port === '' ? (parsed.protocol === 'http:' ? 80 : 443) : Number(parsed.port);
  const agent = pinnedAgent(sharedAgent(parsed.protocol), parsed.host, port);
  return {
    resolve: () => ({ protocol, endpoint: `${hostForUrl}${portSuffix}`, agent }),
    dispose: () => undefined,
  };
}

const agents = new Map<'http:' | 'https:', http.Agent>();

/**
 * One keep-alive agent per protocol for the whole process (an agent keeps a pool per host and port). A client
 * rebuilt after a profile switch or a settings change reuses the warm connections instead of opening (over
 * TLS: negotiating) hundreds of new ones; connections carry no credentials, every request is signed on its own.
 * Nothing to tear down: idle sockets close after a few seconds and never keep the process alive.
 */
export function sharedAgent(protocol: 'http:' | 'https:'): http.Agent {
  let agent = agents.get(protocol);
  if (!agent) {
    agent = protocol === 'http:' ? new http.Agent(keepAliveAgentOptions) : new https.Agent(keepAliveAgentOptions);
    agents.set(protocol, agent);
  }
  return agent;
}
