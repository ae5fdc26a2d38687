import * as vscode from 'vscode';
import type { Site } from '../domain/model';
import { ENVIRONMENT_PROFILE_ID } from './profile';

/** How a profile is named in the UI: the environment profile has no name of its own. */
export function profileDisplayName(id: string): string {
  return id === ENVIRONMENT_PROFILE_ID ? vscode.l10n.t('Environment variables') : id;
}

export function siteLabel(site: Site): string {
  return site === 'china' ? vscode.l10n.t('China site') : vscode.l10n.t('International site');
}

export function siteShortLabel(site: Site): string {
  return site === 'china' ? vscode.l10n.t('China') : vscode.l10n.t('Intl');
}
