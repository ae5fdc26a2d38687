// The write fault matrix: every way a create or delete can lose its answer, against a cloud that may apply it
// before, later or never, with listings that show changes at once or 5 s late. In every cell the cloud ends with
// exactly the intended networks, the request log shows the write sent once, and what the user was told is true.
import * as assert from 'node:assert/strict';
import { APPLIES, FAULTS, KINDS, runCell } from './writeScenario';

const LAGS_MS = [0, 5000] as const;

describe('the write fault matrix: lost answers against late applies and lagging listings (real SDK, emulator)', function () {
  this.timeout(120_000);

  for (const kind of KINDS) {
    for (const lagMs of LAGS_MS) {
      it(`${kind.name}, listing lag ${lagMs / 1000} s: ${FAULTS.length} faults x ${APPLIES.length} apply times`, async () => {
        const cells = FAULTS.flatMap((fault) => APPLIES.map((apply) => ({ fault, apply })));
        const results = await Promise.all(
          cells.map(async ({ fault, apply }) => ({ cell: `${fault}, ${apply.name}`, problem: (await runCell(kind, fault, apply.mode, lagMs)).problem })),
        );
        const failed = results.filter((result) => result.problem !== undefined).map((result) => `${result.cell}: ${result.problem}`);
        assert.deepEqual(failed, [], `${failed.length} of ${cells.length} cells failed`);
      });
    }
  }
});
