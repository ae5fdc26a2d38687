import { COMMAND } from '../ui/commandIds';
import * as vscode from 'vscode';
import type { CloudConnection, Connection, ConnectionSettings } from './cloudConnection';
import { profileDisplayName, siteLabel, siteShortLabel } from './profileLabels';

/** The active profile and site at a glance; a click switches profile (or signs in when there is none). */
export function createProfileStatusBarItem(connection: CloudConnection, settings: Pick<ConnectionSettings, 'endpoint'>): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tencentdbPostgres.profile', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('TencentDB for PostgreSQL Profile');

  const update = (current: Connection | undefined): void => {
    if (!current) {
      item.text = `$(account) ${vscode.l10n.t('Tencent Cloud: Sign In')}`;
      item.tooltip = vscode.l10n.t('Sign in with a Tencent Cloud API key');
      item.command = COMMAND.signIn;
      item.accessibilityInformation = { label: vscode.l10n.t('Not signed in to Tencent Cloud. Activate to sign in.') };
      item.show();
      return;
    }
    const name = profileDisplayName(current.profile.id);
    item.text = `$(account) ${name} · ${siteShortLabel(current.site)}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Tencent Cloud profile')}**\n\n`);
    tooltip.appendText(`${vscode.l10n.t('Profile')}: ${name}`);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`SecretId: ${current.profile.secretIdHint}`);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`${vscode.l10n.t('Site')}: ${siteLabel(current.site)}`);
    const endpoint = settings.endpoint();
    if (endpoint) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(`${vscode.l10n.t('Endpoint')}: ${endpoint}`);
    }
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Click to switch profile')}`);
    item.tooltip = tooltip;
    item.command = COMMAND.switchProfile;
    item.accessibilityInformation = {
      label: vscode.l10n.t('Tencent Cloud profile {0} on the {1}. Activate to switch profile.', name, siteLabel(current.site)),
    };
    item.show();
  };

  // Until the stored profiles are read, the item stays hidden rather than offering a sign-in that may be wrong.
  if (connection.loaded) update(connection.current);
  const subscription = connection.onDidChange(update);
  return vscode.Disposable.from(item, subscription);
}
