import type { CallOptions, CloudApi } from '../../../src/cloud/cloudApi';
import { CloudError } from '../../../src/cloud/cloudError';
import type {
  CreateInstanceNetworkRequest,
  CreateNetworkRequest,
  DeleteInstanceNetworkRequest,
  DeleteNetworkRequest,
  GroupNetwork,
  PrimaryInstance,
  PrimaryInstancePage,
  ReadOnlyGroup,
  Region,
  Subnet,
  TaskRef,
  TaskListQuery,
  TaskPage,
  TaskStatus,
  UsedIp,
  Vpc,
} from '../../../src/domain/model';
import type { InputRequest, PickEntry, PickItem, PickRequest, Prompter, StepPosition } from '../../../src/wizard/prompter';
import { isInputWarning, isSeparator } from '../../../src/wizard/prompter';

export function network(overrides: Partial<GroupNetwork> = {}): GroupNetwork {
  return {
    vpcId: 'vpc-main',
    subnetId: 'subnet-a',
    ip: '10.0.1.4',
    port: 5432,
    address: '',
    netType: 'private',
    status: 'opened',
    protocolType: '',
    ...overrides,
  };
}

export function group(overrides: Partial<ReadOnlyGroup> = {}): ReadOnlyGroup {
  return {
    id: 'pgrogrp-1',
    name: 'reporting',
    region: 'ap-guangzhou',
    zone: 'ap-guangzhou-3',
    primaryInstanceId: 'postgres-1',
    projectId: 0,
    vpcId: 'vpc-main',
    subnetId: 'subnet-a',
    status: 'ok',
    readOnlyInstanceIds: ['pgro-1'],
    networks: [network()],
    ...overrides,
  };
}

/** A running primary; its own networks are none unless a test gives some. */
export function primaryInstance(overrides: Partial<PrimaryInstance> = {}): PrimaryInstance {
  return {
    id: 'postgres-1',
    name: 'orders',
    region: 'ap-guangzhou',
    zone: 'ap-guangzhou-3',
    status: 'running',
    vpcId: 'vpc-main',
    subnetId: 'subnet-a',
    version: '15',
    readOnlyInstanceCount: 1,
    networks: [],
    ...overrides,
  };
}

export const vpcs: Vpc[] = [
  { id: 'vpc-other', name: 'analytics', cidr: '172.16.0.0/16', isDefault: false },
  { id: 'vpc-main', name: 'main', cidr: '10.0.0.0/16', isDefault: true },
  { id: 'vpc-empty', name: 'empty', cidr: '192.168.0.0/16', isDefault: false },
];

export const subnets: Subnet[] = [
  { id: 'subnet-b', name: 'b', vpcId: 'vpc-main', cidr: '10.0.2.0/24', zone: 'ap-guangzhou-4', isDefault: false, availableIpCount: 200, totalIpCount: 253 },
  { id: 'subnet-a', name: 'a', vpcId: 'vpc-main', cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3', isDefault: false, availableIpCount: 250, totalIpCount: 253 },
  { id: 'subnet-full', name: 'full', vpcId: 'vpc-main', cidr: '10.0.3.0/28', zone: 'ap-guangzhou-3', isDefault: false, availableIpCount: 0, totalIpCount: 13 },
  { id: 'subnet-x', name: 'x', vpcId: 'vpc-other', cidr: '172.16.1.0/24', zone: 'ap-guangzhou-3', isDefault: false, availableIpCount: 100, totalIpCount: 253 },
];

export function cloudError(code: string, overrides: Partial<ConstructorParameters<typeof CloudError>[0]> = {}): CloudError {
  return new CloudError({ kind: 'api', code, message: code, requestId: 'req-1', retryable: false, ambiguous: false, ...overrides });
}

type Call = { method: string; args: unknown[] };

/** A CloudApi over in-memory data that records its calls; each method can be replaced per test. */
export class FakeCloudApi implements CloudApi {
  readonly calls: Call[] = [];
  usedIps: UsedIp[] = [{ ip: '10.0.1.4', vpcId: 'vpc-main', subnetId: 'subnet-a', resourceType: 'postgres', resourceId: 'pgro-1' }];
  groups = new Map<string, ReadOnlyGroup>([['pgrogrp-1', group()]]);
  primaries = new Map<string, PrimaryInstance>([['postgres-1', primaryInstance()]]);
  tasks = new Map<number, TaskStatus>();
  nextTaskId = 900;
  createError: CloudError | undefined;
  /** Bound security groups by group id; a group not listed has none. */
  securityGroups = new Map<string, string[]>();

  protected record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((call) => call.method === method);
  }

  async listRegions(): Promise<Region[]> {
    this.record('listRegions');
    return [{ id: 'ap-guangzhou', name: 'Guangzhou', available: true }];
  }
  async listPrimaryInstances(region: string, page: { offset: number; limit: number }): Promise<PrimaryInstancePage> {
    this.record('listPrimaryInstances', region, page);
    const all = [...this.primaries.values()].filter((instance) => instance.region === region);
    const end = Math.min(all.length, page.offset + page.limit);
    const instances = all.slice(page.offset, end);
    return { instances, positions: instances.map((_, index) => page.offset + index), totalCount: all.length, nextOffset: end < all.length ? end : undefined };
  }
  async getPrimaryInstance(region: string, instanceId: string): Promise<PrimaryInstance | undefined> {
    this.record('getPrimaryInstance', region, instanceId);
    return this.primaries.get(instanceId);
  }
  async listReadOnlyGroups(region: string, primaryInstanceId: string): Promise<ReadOnlyGroup[]> {
    this.record('listReadOnlyGroups', region, primaryInstanceId);
    return [...this.groups.values()];
  }
  async getReadOnlyGroup(region: string, primaryInstanceId: string, groupId: string): Promise<ReadOnlyGroup | undefined> {
    this.record('getReadOnlyGroup', region, primaryInstanceId, groupId);
    return this.groups.get(groupId);
  }
  async listReadOnlyGroupSecurityGroups(region: string, groupId: string): Promise<string[]> {
    this.record('listReadOnlyGroupSecurityGroups', region, groupId);
    return this.securityGroups.get(groupId) ?? [];
  }
  async listVpcs(region: string, _options?: CallOptions): Promise<Vpc[]> {
    this.record('listVpcs', region);
    return vpcs;
  }
  async listSubnets(region: string, vpcId?: string): Promise<Subnet[]> {
    this.record('listSubnets', region, vpcId);
    return subnets;
  }
  async findUsedIps(region: string, vpcId: string, subnetId: string, ips: readonly string[]): Promise<UsedIp[]> {
    this.record('findUsedIps', region, vpcId, subnetId, ips);
    return this.usedIps.filter((used) => used.vpcId === vpcId && ips.includes(used.ip));
  }
  async createNetwork(request: CreateNetworkRequest): Promise<TaskRef> {
    this.record('createNetwork', request);
    if (this.createError) throw this.createError;
    return { region: request.region, taskId: this.nextTaskId++, requestId: 'req-create' };
  }
  async deleteNetwork(request: DeleteNetworkRequest): Promise<TaskRef> {
    this.record('deleteNetwork', request);
    return { region: request.region, taskId: this.nextTaskId++, requestId: 'req-delete' };
  }
  async createInstanceNetwork(request: CreateInstanceNetworkRequest): Promise<TaskRef> {
    this.record('createInstanceNetwork', request);
    if (this.createError) throw this.createError;
    return { region: request.region, taskId: this.nextTaskId++, requestId: 'req-create-instance' };
  }
  async deleteInstanceNetwork(request: DeleteInstanceNetworkRequest): Promise<TaskRef> {
    this.record('deleteInstanceNetwork', request);
    return { region: request.region, taskId: this.nextTaskId++, requestId: 'req-delete-instance' };
  }
  async describeTask(region: string, taskId: number): Promise<TaskStatus | undefined> {
    this.record('describeTask', region, taskId);
    return this.tasks.get(taskId);
  }
  /** Every task of `tasks`, newest (highest id) first; `since` is recorded, not applied (the fakes carry no times). */
  async listTasks(region: string, query: TaskListQuery): Promise<TaskPage> {
    this.record('listTasks', region, query);
    const all = [...this.tasks.values()].sort((a, b) => b.taskId - a.taskId);
    return { tasks: all.slice(query.offset, query.offset + query.limit), totalCount: all.length };
  }
}

export type PromptRecord =
  | { kind: 'pick'; position: StepPosition; request: PickRequest<unknown>; items: PickItem<unknown>[]; late: PickItem<unknown>[]; messages: string[] }
  | { kind: 'input'; position: StepPosition; request: InputRequest; messages: string[] };

/** One scripted answer: given what is shown, return the value to choose, or throw GoBack / WizardCancelled. */
export type Answer = (prompt: PromptRecord) => unknown;

/**
 * A Prompter that answers from a script, the way a person would: it waits for the items, chooses, and runs the
 * step's accept handler (asking the next answer when the handler keeps the prompt open).
 */
export class ScriptedPrompter implements Prompter {
  readonly shown: PromptRecord[] = [];

  constructor(private readonly answers: Answer[]) {}

  async pick<T>(position: StepPosition, request: PickRequest<T>): Promise<T> {
    const items = (await request.items).filter((entry): entry is PickItem<T> => !isSeparator(entry as PickEntry<T>));
    const lateEntries: readonly PickEntry<T>[] = request.lateItems ? await request.lateItems.catch(() => []) : [];
    const late = lateEntries.filter((entry): entry is PickItem<T> => !isSeparator(entry));
    const record: PromptRecord = {
      kind: 'pick',
      position,
      request: request as PickRequest<unknown>,
      items: items as PickItem<unknown>[],
      late: late as PickItem<unknown>[],
      messages: [],
    };
    this.shown.push(record);
    for (;;) {
      const value = this.next()(record) as T;
      const chosen = [...items, ...late].find((item) => item.value === value);
      if (chosen?.unavailableReason) {
        record.messages.push(chosen.unavailableReason);
        continue;
      }
      if (!request.onAccept) return value;
      const verdict = await request.onAccept(value);
      if (verdict.accept) return value;
      record.messages.push(verdict.message);
    }
  }

  async input(position: StepPosition, request: InputRequest): Promise<string> {
    const record: PromptRecord = { kind: 'input', position, request, messages: [] };
    this.shown.push(record);
    for (;;) {
      const text = String(this.next()(record));
      const problem = request.validate?.(text);
      if (isInputWarning(problem)) {
        record.messages.push(problem.warning);
      } else if (problem !== undefined) {
        record.messages.push(problem);
        continue;
      }
      if (!request.onAccept) return text;
      const verdict = await request.onAccept(text);
      if (verdict.accept) return text;
      record.messages.push(verdict.message);
    }
  }

  private next(): Answer {
    const answer = this.answers.shift();
    if (!answer) throw new Error(`The script has no answer for prompt #${this.shown.length}`);
    return answer;
  }
}

/** Chooses the item whose label (or value id) matches. */
export function choose(match: string): Answer {
  return (prompt) => {
    if (prompt.kind !== 'pick') throw new Error(`expected a pick, got an input ("${prompt.request.prompt}")`);
    const item = [...prompt.items, ...prompt.late].find((candidate) => candidate.label === match || (candidate.value as { id?: string })?.id === match);
    if (!item) throw new Error(`no item "${match}" among ${[...prompt.items, ...prompt.late].map((candidate) => candidate.label).join(', ')}`);
    return item.value;
  };
}

export function type(text: string): Answer {
  return (prompt) => {
    if (prompt.kind !== 'input') throw new Error('expected an input box');
    return text;
  };
}

