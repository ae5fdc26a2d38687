import { joinInChunks, type ChunkOptions } from './chunked';
import { commentText } from './commentText';
import type { ExportedInstanceNetwork, ExportedNetwork } from './exportedNetwork';
import { recreateInstanceRequest, recreateRequest, regionsOf } from './exportedNetwork';
import { shellQuote } from './shellQuote';
import { TCCLI_CREATE_INSTANCE_NETWORK, TCCLI_CREATE_NETWORK, tccliCreateInstanceNetworkOptions, tccliCreateNetworkOptions, tccliShellWords } from './tccli';
import type { TccliOption } from './tccli';

export interface TccliScriptInput {
  readonly networks: readonly ExportedNetwork[];
  /** Primary instances' private networks, created with CreateDBInstanceNetworkAccess in the same rounds. */
  readonly instanceNetworks?: readonly ExportedInstanceNetwork[];
  /** What was exported, e.g. a region, an instance or a group; written in the header as it is. */
  readonly scope: string;
  /** When the export was made: passed in, so the same input always gives the same script. */
  readonly generatedAt: Date;
}

/**
 * Polls DescribeTasks until the task ends, for a bounded time. tccli prints the `--filter` result (a JMESPath
 * over the answer's Response) as plain text with `--output=text`; an error exits non-zero, which `set -e`
 * turns into the end of the script. The interval and the limit can be set from the environment.
 */
const WAIT_FOR_TASK = [
  'poll_seconds=${TCCLI_TASK_POLL_SECONDS:-10}',
  'wait_limit_seconds=${TCCLI_TASK_WAIT_SECONDS:-1800}',
  '',
  '# wait_for_task REGION TASK_ID: returns when the task succeeded; stops the script when it failed or took too long.',
  'wait_for_task() {',
  '  waited=0',
  '  while :; do',
  '    status=$(tccli postgres DescribeTasks --region="$1" --TaskId="$2" --output=text --filter=\'TaskSet[0].Status\')',
  '    case $status in',
  '      Success) echo "task $2 in $1 succeeded"; return 0 ;;',
  '      Fail | Pause) echo "task $2 in $1 ended as $status: stopping here. Follow it in the Tencent Cloud console." >&2; exit 1 ;;',
  '    esac',
  '    if [ "$waited" -ge "$wait_limit_seconds" ]; then',
  '      echo "task $2 in $1 has not ended after $waited s (last status: $status): stopping here. Follow it in the Tencent Cloud console." >&2',
  '      exit 1',
  '    fi',
  '    sleep "$poll_seconds"',
  '    waited=$((waited + poll_seconds))',
  '  done',
  '}',
];

/**
 * A POSIX shell script that creates the networks again with tccli. A group takes one change at a time (a second
 * is refused with OperationDenied.ROGroupStatusError while the first task runs), so the networks go in rounds:
 * each round creates at most one network per group, then waits for every task it started. Each command carries
 * its own `--region`, and the script only creates: it never removes a network. `set -eu` stops at the first
 * failure, so a half-applied script is visible rather than silently continued.
 * @internal The whole text at once: the golden tests read it, and the chunked writer is held to it byte for byte.
 */
export function tccliScript(input: TccliScriptInput): string {
  return `${[...scriptLines(input)].join('\n')}\n`;
}

/** The same script as tccliScript, written in chunks that give the event loop back (for a whole account). */
export async function tccliScriptInChunks(input: TccliScriptInput, options?: ChunkOptions): Promise<string> {
  return `${await joinInChunks(scriptLines(input), '\n', options)}\n`;
}

/** The script's lines in order, made a round at a time as they are taken. */
function* scriptLines(input: TccliScriptInput): Generator<string, void, undefined> {
  const instanceNetworks = input.instanceNetworks ?? [];
  yield* [
    '#!/bin/sh',
    '# Recreates TencentDB for PostgreSQL read-only group networks with tccli (CreateReadOnlyGroupNetworkAccess),',
    '# one change per group at a time: each round waits until its tasks end (DescribeTasks).',
    ...(instanceNetworks.length > 0 ? ['# Primary instances\' own networks are created with CreateDBInstanceNetworkAccess, one at a time per instance too.'] : []),
    `# Regions: ${commentText(regionsOf(input.networks, instanceNetworks).join(', ') || '-')}`,
    `# Scope: ${commentText(input.scope)}`,
    `# Generated at: ${input.generatedAt.toISOString()}`,
    `# Networks: ${input.networks.length + instanceNetworks.length}`,
    'set -eu',
  ];
  // Each change is made when its line is written: a whole account's are not all made in one stretch before the first.
  const rounds = roundsOf([
    ...input.networks.map((item) => ({ ownerId: item.group.id, make: () => groupChange(item) })),
    ...instanceNetworks.map((item) => ({ ownerId: item.instance.id, make: () => instanceChange(item) })),
  ]);
  if (rounds.length > 0) yield* ['', ...WAIT_FOR_TASK];
  let taskNumber = 0;
  for (const [index, round] of rounds.entries()) {
    yield* ['', `# Round ${index + 1} of ${rounds.length}`];
    const started: { variable: string; region: string }[] = [];
    for (const pending of round) {
      const change = pending.make();
      const variable = `task_${(taskNumber += 1)}`;
      const words = tccliShellWords([...change.options, { name: 'output', value: 'text' }, { name: 'filter', value: 'FlowId' }]);
      yield `# ${commentText(change.comment)}`;
      yield `${variable}=$(${[...change.command, ...words].join(' ')})`;
      started.push({ variable, region: change.region });
    }
    for (const { variable, region } of started) yield `wait_for_task ${shellQuote(region)} "$${variable}"`;
  }
}

/** One create of the script: where it runs, and the command that makes it (its owner is changed once a round). */
interface Change {
  readonly region: string;
  readonly comment: string;
  readonly command: readonly string[];
  readonly options: readonly TccliOption[];
}

function groupChange(item: ExportedNetwork): Change {
  const { group, network } = item;
  return {
    region: group.region,
    comment: `${group.name || group.id} (${group.id}), primary ${group.primaryInstanceId}: ${network.ip}:${network.port}`,
    command: TCCLI_CREATE_NETWORK,
    options: tccliCreateNetworkOptions(recreateRequest(item)),
  };
}

function instanceChange(item: ExportedInstanceNetwork): Change {
  const { instance, network } = item;
  return {
    region: instance.region,
    comment: `primary ${instance.name || instance.id} (${instance.id}): ${network.ip}:${network.port}`,
    command: TCCLI_CREATE_INSTANCE_NETWORK,
    options: tccliCreateInstanceNetworkOptions(recreateInstanceRequest(item)),
  };
}

/** Round k holds the k-th change of every owner, in the order given: no owner is changed twice in one round. */
function roundsOf<T extends { readonly ownerId: string }>(changes: readonly T[]): T[][] {
  const seen = new Map<string, number>();
  const rounds: T[][] = [];
  for (const change of changes) {
    const round = seen.get(change.ownerId) ?? 0;
    seen.set(change.ownerId, round + 1);
    (rounds[round] ??= []).push(change);
  }
  return rounds;
}
