import type { NetworkChangeKind } from '../../domain/changeJudgement';
import type { OwnerRef } from '../../domain/networkOwner';

/**
 * A create or delete whose answer was lost (timeout, dropped connection), as its sending record carries it while
 * its window settles it: enough for another window to read the owner back with the same rules and the same
 * account and endpoint, if the writer's window is reloaded or dies before the fate is known.
 */
export interface UnsettledWrite {
  readonly owner: OwnerRef;
  readonly ownerName: string;
  readonly kind: NetworkChangeKind;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly vip?: string;
  /** The owner's network addresses before the change: how an automatically assigned network is recognised. */
  readonly ipsBefore: readonly string[];
  readonly profileId: string;
  /** Site and endpoint the request went to: the only place its effect can be read. */
  readonly connection: string;
  /** Wall time the request was sent, and the writer's settle window: for the log and the words, never to judge liveness. */
  readonly sentAt: number;
  readonly settleWindowMs: number;
  /** How long the record stands unchanged before its writer counts as gone (its holder renews it far more often). */
  readonly liveMs: number;
}

const str = (value: unknown): value is string => typeof value === 'string';
const num = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Reads the field defensively: anything malformed is no unsettled write (the record stays a plain lock). */
export function parseUnsettled(value: unknown): UnsettledWrite | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const owner = ownerOf(v.owner);
  if (!owner || !str(v.ownerName) || !str(v.vpcId) || !str(v.subnetId) || !str(v.profileId) || !str(v.connection)) return undefined;
  if (v.kind !== 'addNetwork' && v.kind !== 'removeNetwork') return undefined;
  if (v.vip !== undefined && !str(v.vip)) return undefined;
  if (!Array.isArray(v.ipsBefore) || !v.ipsBefore.every(str)) return undefined;
  if (!num(v.sentAt) || !num(v.settleWindowMs) || !num(v.liveMs)) return undefined;
  return {
    owner,
    ownerName: v.ownerName,
    kind: v.kind,
    vpcId: v.vpcId,
    subnetId: v.subnetId,
    vip: v.vip,
    ipsBefore: v.ipsBefore,
    profileId: v.profileId,
    connection: v.connection,
    sentAt: v.sentAt,
    settleWindowMs: v.settleWindowMs,
    liveMs: v.liveMs,
  };
}

function ownerOf(value: unknown): OwnerRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  if (!str(o.region) || !str(o.id)) return undefined;
  if (o.kind === 'readOnlyGroup' && str(o.primaryInstanceId)) return { kind: 'readOnlyGroup', region: o.region, id: o.id, primaryInstanceId: o.primaryInstanceId };
  if (o.kind === 'primaryInstance') return { kind: 'primaryInstance', region: o.region, id: o.id };
  return undefined;
}
