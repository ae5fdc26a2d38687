// `npm start`: the demo. The packaged extension in code-server, talking to the emulator with the demo world,
// signed in through environment credentials. Open the printed URL; Ctrl+C stops everything.
//   npm start -- [--port 8080] [--world FILE] [--locale zh-cn] [--no-credentials] [--latency 300]
import { parseArgs } from 'node:util';
import { harnessLog } from './log';
import { findPackagedVsix, MissingPrerequisiteError } from './prerequisites';
import { runTeardowns } from './teardown';
import { startTestEnvironment } from './testEnvironment';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      world: { type: 'string' },
      locale: { type: 'string' },
      'no-credentials': { type: 'boolean', default: false },
      // A little latency makes the progress indicators visible, as against the real API.
      latency: { type: 'string', default: '300' },
    },
  });
  const environment = await startTestEnvironment({
    name: 'demo',
    vsixFiles: [findPackagedVsix()],
    worldFile: values.world,
    locale: values.locale,
    port: values.port ? Number(values.port) : undefined,
    credentials: values['no-credentials'] ? 'none' : 'world',
    emulator: { latencyMs: Number(values.latency) },
  });
  const signedIn = environment.credentials
    ? `signed in through the environment as ${environment.credentials.secretId}`
    : 'no credentials in the environment (sign in from the view)';
  process.stdout.write([
    '',
    `  TencentDB for PostgreSQL demo: open ${environment.codeServer.url}`,
    `  (emulator ${environment.emulator.url}, ${signedIn})`,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n') + '\n');
  // Runs until Ctrl+C: the teardown's signal handlers stop code-server and the emulator.
  await new Promise<never>(() => undefined);
}

main().catch(async (error: unknown) => {
  const prefix = error instanceof MissingPrerequisiteError ? 'missing prerequisite: ' : '';
  harnessLog(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  await runTeardowns();
  process.exit(1);
});
