import * as assert from 'node:assert/strict';
import type { ReadOnlyGroup } from '../../../src/domain/model';
import { PARTS_PER_CHUNK } from '../../../src/export/chunked';
import type { ExportedInstanceNetwork } from '../../../src/export/exportedNetwork';
import type { TerraformNetwork } from '../../../src/export/terraform';
import { terraformExport, terraformExportInChunks } from '../../../src/export/terraform';
import { tccliScript, tccliScriptInChunks } from '../../../src/export/tccliScript';
import type { BoundSecurityGroups } from '../../../src/export/terraformGroup';
import { group, network, primaryInstance } from '../support/fakes';

const replication = { replayLagEliminate: 1, replayLatencyEliminate: 1, maxReplayLag: 32, maxReplayLatency: 512, minDelayEliminateReserve: 1 };

/** A big account: regions x primaries x groups, each group on its own network and one other, each primary on its own. */
function bigAccount(regions: number, primaries: number, groups: number) {
  const networks: TerraformNetwork[] = [];
  const instanceNetworks: ExportedInstanceNetwork[] = [];
  const securityGroups = new Map<string, BoundSecurityGroups>();
  for (let r = 0; r < regions; r++) {
    const region = `ap-region-${r}`;
    for (let p = 0; p < primaries; p++) {
      const instance = primaryInstance({ id: `postgres-${r}-${p}`, name: p % 7 === 0 ? '' : `orders ${p}`, region });
      instanceNetworks.push({ instance, network: network({ ip: `10.${r}.${p}.1` }) });
      for (let g = 0; g < groups; g++) {
        const id = `pgrogrp-${r}-${p}-${g}`;
        const readOnly: ReadOnlyGroup = group({ id, name: g === 0 ? 'reports' : `copy "${g}"`, region, primaryInstanceId: instance.id, replication });
        networks.push({ group: readOnly, network: network({ ip: `10.${r}.${p}.${10 + g}` }) });
        networks.push({ group: readOnly, network: network({ vpcId: 'vpc-other', subnetId: 'subnet-b', ip: `172.16.${p}.${g}` }) });
        if (g !== 1) securityGroups.set(id, { kind: 'known', ids: [`sg-${r}${p}${g}`] });
      }
    }
  }
  return { networks, instanceNetworks, securityGroups, scope: 'whole account', generatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) };
}

/** Counts the turns of the event loop taken while `work` runs: a builder that never yields lets none through. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

describe('export/chunked: the whole account written in chunks', () => {
  const input = bigAccount(6, 40, 3);

  it('writes the same Terraform file byte for byte as the one-shot builder, giving the event loop back in between', async () => {
    const progress: number[] = [];
    const { result, turns } = await turnsDuring(() => terraformExportInChunks(input, { onProgress: (parts) => progress.push(parts) }));
    assert.equal(result, terraformExport(input));
    assert.ok(turns >= 3, `the event loop ran ${turns} times while it was written`);
    assert.ok(progress.length >= 3 && progress.every((parts, i) => parts === (i + 1) * PARTS_PER_CHUNK), 'progress after each chunk');
  });

  it('writes the same tccli script byte for byte as the one-shot builder, giving the event loop back in between', async () => {
    const { result, turns } = await turnsDuring(() => tccliScriptInChunks(input));
    assert.equal(result, tccliScript(input));
    assert.ok(turns >= 3, `the event loop ran ${turns} times while it was written`);
  });

  it('stops between two chunks when its signal aborts', async () => {
    const abort = new AbortController();
    const reason = new Error('Cancel');
    await assert.rejects(terraformExportInChunks(input, { signal: abort.signal, onProgress: () => abort.abort(reason) }), (error) => error === reason);
  });

  it('writes a small export the same way too (fewer parts than a chunk)', async () => {
    const small = bigAccount(1, 1, 1);
    assert.equal(await terraformExportInChunks(small), terraformExport(small));
    assert.equal(await tccliScriptInChunks(small), tccliScript(small));
  });
});
