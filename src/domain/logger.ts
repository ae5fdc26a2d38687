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

