import { checkVip, parseCidr } from '../domain/ipv4';
import type { Translate } from '../domain/translate';
import { mayDial } from '../reachability/mayDial';
import type { ProbeOptions, ProbeResult } from '../reachability/probe';
import { MAX_PROBE_TIMEOUT_MS, probeTcp } from '../reachability/probe';

/** How a check went, for the message's severity: only `reachable` is good news. */
export type ReachabilityVerdict = 'reachable' | 'refused' | 'timedOut' | 'unreachable' | 'notDialled';

export interface ReachabilityReport {
  readonly verdict: ReachabilityVerdict;
  readonly message: string;
}

export interface ReachabilityDeps {
  /** True when the API endpoint is a local emulator: its networks are made up, so only loopback is dialled. */
  readonly endpointIsEmulator: boolean;
  readonly t: Translate;
  /**
   * The CIDR of the network's own subnet, as the VPC API lists it: against Tencent Cloud only an address inside it is
   * dialled, and nothing when it could not be read (undefined). Against the emulator only loopback is dialled anyway.
   */
  readonly subnetCidr: string | undefined;
  /** probeTcp by default; tests pass one with their own connector. */
  readonly probe?: (host: string, port: number, options: ProbeOptions) => Promise<ProbeResult>;
  readonly signal?: AbortSignal;
}

/**
 * Tries a TCP connection to a network's VIP and port from where the extension runs (this machine, or the remote
 * host under Remote-SSH), for 3 s at most, and says what the outcome means for this network.
 */
export async function checkReachability(vip: string, port: number, deps: ReachabilityDeps): Promise<ReachabilityReport> {
  const { t } = deps;
  const address = `${vip}:${port}`;
  const verdict = mayDial(vip, deps.endpointIsEmulator);
  if (!verdict.ok) {
    return {
      verdict: 'notDialled',
      message: notDialledMessage(verdict.reason, address, t),
    };
  }
  const outsideSubnet = deps.endpointIsEmulator ? undefined : whyOutsideSubnet(verdict.ip, deps.subnetCidr, address, t);
  if (outsideSubnet !== undefined) return { verdict: 'notDialled', message: outsideSubnet };
  const result = await (deps.probe ?? probeTcp)(verdict.ip, port, { timeoutMs: MAX_PROBE_TIMEOUT_MS, signal: deps.signal });
  switch (result.outcome) {
    case 'reachable':
      return { verdict: 'reachable', message: t('{0} is reachable from here: a TCP connection was accepted.', address) };
    case 'refused':
      return {
        verdict: 'refused',
        message: t('{0} refused the connection: the host answered, but nothing listens on that port. The VIP may not be this network\'s, or the instance may be down.', address),
      };
    case 'timedOut':
      return {
        verdict: 'timedOut',
        message: t('{0} did not answer within 3 seconds: there is no route from here. This machine is probably not in that VPC; run the check over Remote-SSH on a host inside it.', address),
      };
    case 'unreachable':
      return {
        verdict: 'unreachable',
        message: t('{0} cannot be reached from here ({1}): this machine has no route to that VPC.', address, result.code ?? '-'),
      };
  }
}

/** Why an address is not dialled for want of its subnet (unknown, or not holding it); undefined when it is inside. */
function whyOutsideSubnet(ip: string, subnetCidr: string | undefined, address: string, t: Translate): string | undefined {
  const subnet = subnetCidr === undefined ? undefined : parseCidr(subnetCidr);
  if (subnet === undefined) return t('The subnet of {0} could not be read, so it was not dialled: only an address inside its own subnet is.', address);
  const inSubnet = checkVip(ip, subnet);
  if (!inSubnet.ok && inSubnet.problem === 'outsideSubnet') {
    return t('{0} is not inside its network\'s subnet {1}, so it was not dialled: check the network in the Tencent Cloud console.', address, subnet.text);
  }
  return undefined;
}

function notDialledMessage(reason: 'notIpv4' | 'notLoopback' | 'notPrivate', address: string, t: Translate): string {
  switch (reason) {
    case 'notLoopback':
      return t('{0} belongs to an emulated network (the API endpoint is a local emulator): it cannot be reached, so it was not dialled.', address);
    case 'notPrivate':
      return t('{0} is not a private VPC address (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), so it was not dialled: check the network in the Tencent Cloud console.', address);
    case 'notIpv4':
      return t('{0} is not an IPv4 address, so it was not checked.', address);
  }
}
