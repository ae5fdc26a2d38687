/**
 * npm run emulator:throughput [-- --seconds S --concurrency C]
 * Signed DescribeReadOnlyGroups calls through the real SDK against an in-process emulator (rate limits off), at a
 * bounded concurrency for a bounded time; prints requests per second.
 */
import * as http from 'node:http';
import { parseArgs } from 'node:util';
import { Client as PostgresClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, demoWorldPath, loadWorldFile, startEmulator } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, concurrency: { type: 'string' } } });
  const seconds = Math.min(60, Math.max(1, Number(values.seconds ?? 5)));
  const concurrency = Math.min(256, Math.max(1, Number(values.concurrency ?? 16)));
  const world = loadWorldFile(demoWorldPath());
  const primary = world.regions[0].primaryInstances[0];

  const emulator = await startEmulator({ world, rateLimits: false });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const client = new PostgresClient({
    credential: { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY },
    region: world.regions[0].region,
    profile: { httpProfile: { protocol: 'http://', endpoint: `127.0.0.1:${emulator.port}`, reqTimeout: 10, agent } },
  });
  const request = { Filters: [{ Name: 'db-master-instance-id', Values: [primary.dbInstanceId] }], PageSize: 10, PageNumber: 1 };

  let ok = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        const answer = await client.DescribeReadOnlyGroups(request);
        if ((answer.ReadOnlyGroupList ?? []).length > 0) ok++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
    await emulator.stop();
  }
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(
    `DescribeReadOnlyGroups through the SDK: ${ok} ok, ${failed} failed in ${elapsed.toFixed(2)} s ` +
      `at concurrency ${concurrency} -> ${(ok / elapsed).toFixed(0)} requests/second\n`,
  );
  if (failed > 0 || ok === 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`throughput: ${String(error)}\n`);
  process.exit(1);
});
