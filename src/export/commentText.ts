/**
 * Text made safe to put after `#` in a shell script or a Terraform file: both end a comment at a line break, so
 * a name holding one could otherwise turn the rest of itself into code. Every control and line-separator
 * character becomes a space.
 */
export function commentText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029\u0085]/gu, ' ');
}
