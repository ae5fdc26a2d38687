/**
 * HCL (Terraform) literals. A quoted HCL string is a template: besides `\` and `"`, the sequences `${` and `%{`
 * start an interpolation or a directive, so they are doubled (`$${`, `%%{`) to stay literal text.
 */
export function hclString(value: string): string {
  const escaped = value.replace(/[\\"\n\r\t]|\$\{|%\{|\p{Cc}/gu, (match) => {
    switch (match) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '${':
        return '$${';
      case '%{':
        return '%%{';
      default:
        // Other control characters: written as escapes so the file stays printable text.
        return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `"${escaped}"`;
}

/** What Terraform accepts as a resource or provider alias name, kept to ASCII so every tool reads it. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** @internal Checked by the tests of every generated name. */
export function isTerraformIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/**
 * Lower-case ASCII letters, digits, `_` and `-` from some text; every other run of characters becomes one `_`.
 * The result may be empty (a name in Chinese, say) and may start with a digit: callers decide what to do then.
 */
export function identifierPart(text: string, maxLength: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+/, '')
    .slice(0, maxLength)
    .replace(/[_-]+$/, '');
}
