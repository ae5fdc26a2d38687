/**
 * Where every room writes its log lines: VS Code's LogOutputChannel in the extension (which masks SecretIds on the
 * way), a plain recorder in the tests. The one logging port; never given a secret.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}


/** Writes nowhere: for a part whose owner gave it no log. */
export const silentLogger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The same log with each line prefixed, so one part's lines can be told (and searched) apart: "tasks: …". */
export function prefixedLogger(log: Logger, prefix: string): Logger {
  return {
    trace: (message) => log.trace(prefix + message),
    debug: (message) => log.debug(prefix + message),
    info: (message) => log.info(prefix + message),
    warn: (message) => log.warn(prefix + message),
    error: (message) => log.error(prefix + message),
  };
}
