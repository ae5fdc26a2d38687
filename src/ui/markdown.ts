/** Markdown special characters in text from the cloud or the user (names are user-chosen) must not format or link anything. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`);
}
