/**
 * The cost of telling the truth after a lost answer: the time from the lost answer to the message the user gets,
 * next to the moment the truth could first be known (the change visible in the listing, or the settle window
 * for "nothing was changed"). Scaled down: a 500 ms request timeout and listings 2 s late.
 */
import type { BenchRow } from './measure';
import { APPLIES, KINDS, runCell } from '../client/writeScenario';

const TIMEOUT_MS = 500;
const LAG_MS = 2000;
const READ_INTERVAL_MS = 250;
/** The rule the setting's description gives: longer than the latest apply (3x the timeout) plus the lag. */
const WINDOW_MS = TIMEOUT_MS * 3 + LAG_MS + 1500;

export async function runSettleBench(onRow: (row: BenchRow) => void): Promise<void> {
  const kind = KINDS[1]; // a create with an automatic VIP
  for (const apply of APPLIES) {
    const appliedAt = apply.mode === 'before' ? 0 : apply.mode === 'never' ? undefined : apply.mode.afterMs;
    const { problem, msToMessage } = await runCell(kind, 'drop', apply.mode, LAG_MS, { timeoutMs: TIMEOUT_MS, settleWindowMs: WINDOW_MS });
    if (problem !== undefined || msToMessage === undefined) throw new Error(`${apply.name}: ${problem ?? 'no message'}`);
    // The answer is lost at once (a dropped connection): the truth is knowable when the listing shows the change,
    // or, for a write never applied, only when the window has passed.
    const bound = appliedAt === undefined ? WINDOW_MS : appliedAt + LAG_MS;
    onRow({
      group: 'settle',
      name: `lost answer -> truthful message: ${apply.name}`,
      value: Math.round(msToMessage),
      unit: 'ms',
      lowerBound: bound,
      target: bound + READ_INTERVAL_MS + 250,
      note: appliedAt === undefined ? `window ${WINDOW_MS} ms` : `timeout ${TIMEOUT_MS} ms, lag ${LAG_MS} ms`,
    });
  }
}
