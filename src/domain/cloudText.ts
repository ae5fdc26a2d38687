/** Longest name shown in a label; the whole name stays in the tooltip. */
export const LABEL_NAME_MAX = 60;

/** Characters that reorder text on screen (embeddings, overrides, isolates, marks): a name could hide its real order. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Control characters and line or paragraph separators: a name must stay on its line. */
const CONTROLS = /[\p{Cc}\u2028\u2029\u0085]/gu;

/**
 * A name from the cloud made safe to show: control characters become spaces, bidi controls become visible
 * (`<U+202E>`) instead of reordering what follows, and `$(` is escaped so a quick pick or tree label cannot
 * render it as an icon. Longer than `max`, it is cut with "…".
 */
export function cloudText(text: string, max = LABEL_NAME_MAX): string {
  const visible = text
    .replace(BIDI_CONTROLS, (char) => `<U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROLS, ' ');
  const chars = [...visible];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : visible;
  return short.replace(/\$\(/g, '\\$(');
}

/** A resource's name made safe to show, or its id when it has none. */
export function nameOrId(resource: { readonly name: string; readonly id: string }, max = LABEL_NAME_MAX): string {
  return resource.name ? cloudText(resource.name, max) : cloudText(resource.id, max);
}
