/** Progress lines of the harness, on stderr so that they never mix with a reporter's stdout. */
export function harnessLog(message: string): void {
  process.stderr.write(`[harness] ${message}\n`);
}
