/**
 * POSIX shell quoting: the whole value between single quotes, where nothing is special, and each single quote
 * written as '\'' (close, escaped quote, reopen). Every value is quoted, even a plain one, so what ends up in a
 * command never depends on a judgement about which characters are safe.
 */
export function shellQuote(value: string): string {
  // A shell argument is a C string: a NUL would silently cut it, so refuse rather than hand back a different value.
  if (value.includes('\0')) throw new RangeError('A shell argument cannot contain a NUL character');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

