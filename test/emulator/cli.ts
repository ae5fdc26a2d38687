/**
 * npm run emulator -- --port N --world FILE [--latency MS] [--clock-offset S] [--task-duration MS] [--listing-lag MS]
 *                     [--no-rate-limits]
 * Prints "Emulator listening on http://127.0.0.1:PORT" and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { demoWorldPath, startEmulator } from './index';

const USAGE =
  'usage: emulator [--port N] [--world FILE] [--latency MS] [--clock-offset S] [--task-duration MS] [--listing-lag MS] [--no-rate-limits]';

function integerOption(values: Record<string, string | boolean | undefined>, name: string, min: number): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text) || Number(text) < min) {
    throw new Error(`--${name} expects an integer >= ${min}, got ${String(text)}`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      world: { type: 'string' },
      latency: { type: 'string' },
      'clock-offset': { type: 'string' },
      'task-duration': { type: 'string' },
      'listing-lag': { type: 'string' },
      'no-rate-limits': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator({
    world: values.world ?? demoWorldPath(),
    port: integerOption(values, 'port', 0) ?? 0,
    latencyMs: integerOption(values, 'latency', 0),
    clock: { offsetSeconds: integerOption(values, 'clock-offset', -Number.MAX_SAFE_INTEGER) },
    rateLimits: !values['no-rate-limits'],
    listingLagMs: integerOption(values, 'listing-lag', 0),
  });
  const taskDuration = integerOption(values, 'task-duration', 1);
  if (taskDuration !== undefined) emulator.control.apply({ op: 'setTaskDuration', durationMs: taskDuration });
  process.stdout.write(`Emulator listening on ${emulator.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
});
