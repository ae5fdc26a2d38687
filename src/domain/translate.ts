/**
 * The shape of `vscode.l10n.t` the VS Code-free modules receive, so they can be unit-tested with a plain formatter.
 * Every literal passed to it is an English source string with a key in l10n/bundle.l10n.zh-cn.json.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** @internal The formatter used outside VS Code (tests): fills `{0}`, `{1}`… like `vscode.l10n.t` does. */
export const formatEnglish: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
