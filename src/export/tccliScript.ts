import { commentText } from './commentText';
import type { ExportedNetwork } from './exportedNetwork';
import { recreateRequest, regionsOf } from './exportedNetwork';
import { tccliCreateNetworkCommand } from './tccli';

export interface TccliScriptInput {
  readonly networks: readonly ExportedNetwork[];
  /** What was exported, e.g. a region, an instance or a group; written in the header as it is. */
  readonly scope: string;
  /** When the export was made: passed in, so the same input always gives the same script. */
  readonly generatedAt: Date;
}

/**
 * A POSIX shell script that creates the networks again with tccli, one command per network, each with its own
 * `--region` so the script does not depend on the tccli profile's default region. `set -eu` stops at the first
 * failure, so a half-applied script is visible rather than silently continued.
 */
export function tccliScript(input: TccliScriptInput): string {
  const lines = [
    '#!/bin/sh',
    '# Recreates TencentDB for PostgreSQL read-only group networks with tccli (CreateReadOnlyGroupNetworkAccess).',
    `# Regions: ${commentText(regionsOf(input.networks).join(', ') || '-')}`,
    `# Scope: ${commentText(input.scope)}`,
    `# Generated at: ${input.generatedAt.toISOString()}`,
    `# Networks: ${input.networks.length}`,
    'set -eu',
  ];
  for (const item of input.networks) {
    const { group, network } = item;
    lines.push('', `# ${commentText(`${group.name || group.id} (${group.id}), primary ${group.primaryInstanceId}: ${network.ip}:${network.port}`)}`);
    lines.push(tccliCreateNetworkCommand(recreateRequest(item)));
  }
  return `${lines.join('\n')}\n`;
}
