import { commentText } from './commentText';
import type { ExportedNetwork } from './exportedNetwork';
import { recreateRequest, regionsOf } from './exportedNetwork';
import { shellQuote } from './shellQuote';
import { TCCLI_CREATE_NETWORK, tccliCreateNetworkOptions, tccliShellWords } from './tccli';

export interface TccliScriptInput {
  readonly networks: readonly ExportedNetwork[];
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
 */
export function tccliScript(input: TccliScriptInput): string {
  const lines = [
    '#!/bin/sh',
    '# Recreates TencentDB for PostgreSQL read-only group networks with tccli (CreateReadOnlyGroupNetworkAccess),',
    '# one change per group at a time: each round waits until its tasks end (DescribeTasks).',
    `# Regions: ${commentText(regionsOf(input.networks).join(', ') || '-')}`,
    `# Scope: ${commentText(input.scope)}`,
    `# Generated at: ${input.generatedAt.toISOString()}`,
    `# Networks: ${input.networks.length}`,
    'set -eu',
  ];
  const rounds = roundsOf(input.networks);
  if (rounds.length > 0) lines.push('', ...WAIT_FOR_TASK);
  let taskNumber = 0;
  rounds.forEach((round, index) => {
    lines.push('', `# Round ${index + 1} of ${rounds.length}`);
    const started: { variable: string; region: string }[] = [];
    for (const item of round) {
      const { group, network } = item;
      const variable = `task_${(taskNumber += 1)}`;
      const words = tccliShellWords([...tccliCreateNetworkOptions(recreateRequest(item)), { name: 'output', value: 'text' }, { name: 'filter', value: 'FlowId' }]);
      lines.push(`# ${commentText(`${group.name || group.id} (${group.id}), primary ${group.primaryInstanceId}: ${network.ip}:${network.port}`)}`);
      lines.push(`${variable}=$(${[...TCCLI_CREATE_NETWORK, ...words].join(' ')})`);
      started.push({ variable, region: group.region });
    }
    for (const { variable, region } of started) lines.push(`wait_for_task ${shellQuote(region)} "$${variable}"`);
  });
  return `${lines.join('\n')}\n`;
}

/** Round k holds the k-th network of every group, in the order given: no group is changed twice in one round. */
function roundsOf(networks: readonly ExportedNetwork[]): ExportedNetwork[][] {
  const seen = new Map<string, number>();
  const rounds: ExportedNetwork[][] = [];
  for (const item of networks) {
    const round = seen.get(item.group.id) ?? 0;
    seen.set(item.group.id, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
