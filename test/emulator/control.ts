/**
 * Control operations: the same set in-process (`RunningEmulator.control`) and over HTTP
 * (`POST /__emulator/control` with `{"op": ...}`), so tests in another process can drive the emulator too.
 */
import { assignableAddressCount, parseCidr, type Ipv4Cidr } from './ipam';
import type { OwnerKind, TaskStatus } from './model';
import type { ApplyWrite, FaultKind } from './faults';
import type { RequestLogEntry } from './requestLog';
import { LISTING_ACTIONS, isListingAction, type EmulatorRuntime, type ListingAction } from './runtime';
import type { SubnetDefinition, WorldDefinition } from './world';

/**
 * Which calls a fault hits: the next `count` (default 1) calls of `action`, or of any action when omitted; and,
 * for a write it hits, whether and when the cloud still carries the write out (default: `never`, except for
 * `delayAnswer`: when the answer goes out).
 */
export interface FaultTarget {
  action?: string;
  count?: number;
  applyWrite?: ApplyWrite;
}

export type ControlOp =
  | { op: 'setLatency'; ms: number }
  | ({ op: 'failNext'; code: string; message?: string } & FaultTarget)
  | ({ op: 'httpError'; status?: number } & FaultTarget)
  | ({ op: 'nonJson' } & FaultTarget)
  | ({ op: 'missingResponse' } & FaultTarget)
  | ({ op: 'stallBody' } & FaultTarget)
  | ({ op: 'dropConnection' } & FaultTarget)
  | ({ op: 'delayAnswer'; ms: number } & FaultTarget)
  | { op: 'setListingLag'; ms: number; action?: ListingAction }
  | { op: 'setClock'; offsetSeconds?: number; fixedEpochSeconds?: number | null }
  | { op: 'failTask'; readOnlyGroupId?: string; dbInstanceId?: string; atProgress: number; message?: string }
  | { op: 'setTaskDuration'; durationMs: number; steps?: string[] }
  | { op: 'setRateLimits'; enabled: boolean }
  | { op: 'resetFaults' }
  | { op: 'resetWorld' }
  | { op: 'reset' }
  | { op: 'clearRequests' };

export interface TaskSnapshot {
  taskId: number;
  taskType: string;
  region: string;
  /** Whose networks the task changes: a read-only group's, or the primary instance's own. */
  owner: OwnerKind;
  /** The group's id; "" for a task on the primary's own networks. */
  readOnlyGroupId: string;
  /** The primary instance (the group's master, or the owner itself). */
  dbInstanceId: string;
  vpcId: string;
  subnetId: string;
  vip: string;
  status: TaskStatus;
  progress: number;
  startTime: string;
  endTime: string;
}

/** The world as it is now. Secret keys and tokens are left out. */
export interface WorldSnapshot extends Omit<WorldDefinition, 'credentials'> {
  credentials: { secretId: string; temporary: boolean; expiresAt?: string }[];
  tasks: TaskSnapshot[];
}

export interface EmulatorStatus {
  latencyMs: number;
  clock: { nowEpochSeconds: number; offsetSeconds: number; fixedEpochSeconds: number | null };
  rateLimits: boolean;
  taskTiming: { durationMs: number; steps: readonly string[] };
  pendingFaults: { kind: FaultKind; action?: string; remaining: number; code?: string; status?: number; ms?: number; applyWrite?: ApplyWrite }[];
  /** Writes whose answer was lost and that the cloud has yet to carry out. */
  pendingWrites: number;
  /** `default` for every listing, `byAction` where set. */
  listingLagMs: { default: number; byAction: Partial<Record<ListingAction, number>> };
  pendingTaskFailures: { readOnlyGroupId?: string; dbInstanceId?: string; atProgress: number }[];
  /** TCP connections the API server has accepted since it started: a client that keeps its connections opens few. */
  connectionsAccepted: number;
}

export interface EmulatorControl {
  /** Applies one operation; throws ControlError when the operation is malformed. */
  apply(op: ControlOp): void;
  world(): WorldSnapshot;
  requests(): RequestLogEntry[];
  status(): EmulatorStatus;
}

export class ControlError extends Error {
  override name = 'ControlError';
}

type Json = Record<string, unknown>;

function optionalNumber(body: Json, key: string, integer: boolean, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    throw new ControlError(`${key}: expected ${integer ? 'an integer' : 'a number'} in ${min}..${max}`);
  }
  return v;
}

function requiredNumber(body: Json, key: string, integer: boolean, min: number, max?: number): number {
  const v = optionalNumber(body, key, integer, min, max);
  if (v === undefined) throw new ControlError(`${key}: required`);
  return v;
}

function optionalString(body: Json, key: string): string | undefined {
  const v = body[key];
  if (v !== undefined && (typeof v !== 'string' || v === '')) throw new ControlError(`${key}: expected a non-empty string`);
  return v as string | undefined;
}

const MAX_DELAY_MS = 600_000;

function applyWrite(body: Json): ApplyWrite | undefined {
  const v = body['applyWrite'];
  if (v === undefined || v === 'before' || v === 'never') return v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1) {
    return { afterMs: requiredNumber(v as Json, 'afterMs', true, 0, MAX_DELAY_MS) };
  }
  throw new ControlError(`applyWrite: expected "before", "never" or {"afterMs": 0..${MAX_DELAY_MS}}`);
}

function target(body: Json): { action?: string; remaining: number; applyWrite?: ApplyWrite } {
  const write = applyWrite(body);
  return {
    action: optionalString(body, 'action'),
    remaining: optionalNumber(body, 'count', true, 1) ?? 1,
    ...(write !== undefined ? { applyWrite: write } : {}),
  };
}

/** Checks an operation received as JSON (from HTTP) and applies it. */
export function applyControlOp(runtime: EmulatorRuntime, input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ControlError('expected a JSON object with "op"');
  const body = input as Json;
  const op = body['op'];
  switch (op) {
    case 'setLatency':
      runtime.latencyMs = requiredNumber(body, 'ms', true, 0, 600_000);
      return;
    case 'failNext': {
      const code = optionalString(body, 'code');
      if (code === undefined) throw new ControlError('code: required');
      runtime.faults.add({ kind: 'apiError', ...target(body), code, message: optionalString(body, 'message') });
      return;
    }
    case 'httpError':
      runtime.faults.add({ kind: 'httpError', ...target(body), status: optionalNumber(body, 'status', true, 400, 599) ?? 503 });
      return;
    case 'nonJson':
    case 'missingResponse':
    case 'stallBody':
    case 'dropConnection':
      runtime.faults.add({ kind: op, ...target(body) });
      return;
    case 'delayAnswer':
      runtime.faults.add({ kind: 'delayAnswer', ...target(body), ms: requiredNumber(body, 'ms', true, 0, MAX_DELAY_MS) });
      return;
    case 'setListingLag': {
      const ms = requiredNumber(body, 'ms', true, 0, MAX_DELAY_MS);
      const action = optionalString(body, 'action');
      if (action === undefined) runtime.listingLagMs = ms;
      else if (isListingAction(action)) runtime.listingLagByAction.set(action, ms);
      else throw new ControlError(`action: expected one of ${LISTING_ACTIONS.join(', ')}`);
      return;
    }
    case 'setClock': {
      const fixed = body['fixedEpochSeconds'];
      if (fixed !== undefined && fixed !== null) requiredNumber(body, 'fixedEpochSeconds', true, 0);
      runtime.clock.set({
        offsetSeconds: optionalNumber(body, 'offsetSeconds', true, -10 * 365 * 86400, 10 * 365 * 86400),
        fixedEpochSeconds: fixed as number | null | undefined,
      });
      return;
    }
    case 'failTask': {
      const readOnlyGroupId = optionalString(body, 'readOnlyGroupId');
      const dbInstanceId = optionalString(body, 'dbInstanceId');
      if (readOnlyGroupId !== undefined && dbInstanceId !== undefined) throw new ControlError('readOnlyGroupId and dbInstanceId: give at most one');
      runtime.model.planTaskFailure({
        readOnlyGroupId,
        dbInstanceId,
        atProgress: requiredNumber(body, 'atProgress', true, 0, 99),
        message: optionalString(body, 'message'),
      });
      return;
    }
    case 'setTaskDuration': {
      const steps = body['steps'];
      if (steps !== undefined && (!Array.isArray(steps) || steps.length === 0 || steps.some((s) => typeof s !== 'string' || s === ''))) {
        throw new ControlError('steps: expected a non-empty array of non-empty strings');
      }
      runtime.model.setTaskTiming(requiredNumber(body, 'durationMs', true, 1, 3_600_000), steps as string[] | undefined);
      return;
    }
    case 'setRateLimits':
      if (typeof body['enabled'] !== 'boolean') throw new ControlError('enabled: expected a boolean');
      runtime.rateLimits = body['enabled'];
      runtime.rateLimiter.reset();
      return;
    case 'resetFaults':
      runtime.resetFaults();
      return;
    case 'resetWorld':
      runtime.resetWorld();
      return;
    case 'reset':
      runtime.resetFaults();
      runtime.resetWorld();
      runtime.log.clear();
      return;
    case 'clearRequests':
      runtime.log.clear();
      return;
    default:
      throw new ControlError(`unknown op ${JSON.stringify(op)}`);
  }
}

function subnetWithCounts(subnet: SubnetDefinition, available: number): SubnetDefinition {
  return { ...subnet, totalIpAddressCount: assignableAddressCount(parseCidr(subnet.cidrBlock) as Ipv4Cidr), availableIpAddressCount: available };
}

export function worldSnapshot(runtime: EmulatorRuntime): WorldSnapshot {
  const model = runtime.model;
  model.advance();
  const world = structuredClone(model.world);
  for (const region of world.regions) {
    const live = model.region(region.region);
    if (!live) continue;
    for (const vpc of region.vpcs) {
      const liveVpc = model.findVpc(live, vpc.vpcId);
      vpc.subnets = vpc.subnets.map((subnet) => {
        const location = liveVpc && model.findSubnet(liveVpc, subnet.subnetId);
        return location ? subnetWithCounts(subnet, model.availableAddressCount(live, location)) : subnet;
      });
    }
  }
  return {
    ...world,
    credentials: world.credentials.map((c) => ({
      secretId: c.secretId,
      temporary: c.token !== undefined,
      ...(c.expiresAt !== undefined ? { expiresAt: c.expiresAt } : {}),
    })),
    tasks: model.tasks.map((t) => ({
      taskId: t.taskId,
      taskType: t.kind,
      region: t.region,
      owner: t.owner.kind,
      readOnlyGroupId: t.owner.kind === 'readOnlyGroup' ? t.owner.id : '',
      dbInstanceId: t.masterInstanceId,
      vpcId: t.network.vpcId,
      subnetId: t.network.subnetId,
      vip: t.network.ip,
      status: t.status,
      progress: t.progress,
      startTime: t.startTime,
      endTime: t.endTime,
    })),
  };
}

export function emulatorStatus(runtime: EmulatorRuntime): EmulatorStatus {
  return {
    latencyMs: runtime.latencyMs,
    clock: { nowEpochSeconds: runtime.clock.nowSeconds(), ...runtime.clock.settings() },
    rateLimits: runtime.rateLimits,
    taskTiming: runtime.model.taskTiming(),
    pendingFaults: runtime.faults
      .list()
      .map((f) => ({ kind: f.kind, action: f.action, remaining: f.remaining, code: f.code, status: f.status, ms: f.ms, applyWrite: f.applyWrite })),
    pendingWrites: runtime.pendingWrites.size,
    connectionsAccepted: runtime.connectionsAccepted,
    listingLagMs: { default: runtime.listingLagMs, byAction: Object.fromEntries(runtime.listingLagByAction) },
    pendingTaskFailures: runtime.model.pendingTaskFailures().map((p) => ({ readOnlyGroupId: p.readOnlyGroupId, dbInstanceId: p.dbInstanceId, atProgress: p.atProgress })),
  };
}

export function createControl(runtime: EmulatorRuntime): EmulatorControl {
  return {
    apply: (op) => applyControlOp(runtime, op),
    world: () => worldSnapshot(runtime),
    requests: () => runtime.log.list(),
    status: () => emulatorStatus(runtime),
  };
}
