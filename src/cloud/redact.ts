const MASK = '***';

/** Replaces every occurrence of each secret in the text. Empty or very short strings are not treated as secrets. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    result = result.split(secret).join(MASK);
  }
  return result;
}
