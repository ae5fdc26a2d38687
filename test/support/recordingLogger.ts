import type { Logger } from '../../src/domain/logger';

type Level = keyof Logger;

/** A logger that keeps what it is given, for a test to read: each line as "<level> <message>". */
export class RecordingLogger implements Logger {
  readonly entries: { readonly level: Level; readonly message: string }[] = [];
  get lines(): string[] {
    return this.entries.map((entry) => `${entry.level} ${entry.message}`);
  }
  /** Forgets what was logged so far. */
  clear(): void {
    this.entries.length = 0;
  }
  trace(message: string): void { this.entries.push({ level: 'trace', message }); }
  debug(message: string): void { this.entries.push({ level: 'debug', message }); }
  info(message: string): void { this.entries.push({ level: 'info', message }); }
  warn(message: string): void { this.entries.push({ level: 'warn', message }); }
  error(message: string): void { this.entries.push({ level: 'error', message }); }
}

/** A logger that appends each message, whatever its level, to `messages`. */
export function loggerInto(messages: string[]): Logger {
  const keep = (message: string): void => {
    messages.push(message);
  };
  return { trace: keep, debug: keep, info: keep, warn: keep, error: keep };
}
