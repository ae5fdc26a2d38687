import * as vscode from 'vscode';

/** The settings section; every key of the extension lives under it. */
export const SETTINGS_SECTION = 'tencentdbPostgres';

/**
 * A setting as the user set it (user settings only), or undefined. Every setting is application-scoped in the
 * manifest, so VS Code already ignores workspace and folder values; reading `globalValue` keeps that true even if a
 * scope is ever dropped from the manifest: a repository's .vscode/settings.json never reaches the extension.
 */
export function userSetting(key: string): unknown {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(key)?.globalValue;
}
