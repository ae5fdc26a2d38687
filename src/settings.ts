import * as vscode from 'vscode';
import { parseEndpointOverride } from './cloud/endpointOverride';
import type { Site } from './domain/model';
import { validRegionIds } from './domain/regionId';
import { SETTINGS_SECTION, userSetting } from './ui/userSetting';

export { SETTINGS_SECTION };

export const DEFAULT_REGIONS: readonly string[] = ['ap-guangzhou', 'ap-shanghai', 'ap-beijing'];
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The keys this module knows; a change to one of them may call for a rebuild. */
const SETTING_KEYS = ['regions', 'site', 'endpoint', 'requestTimeoutSeconds', 'pageSize'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Typed, validated reads of the extension's settings. Every read is fresh: no caching, no stale values. */
export const settings = {
  regions(): string[] {
    const value = userSetting('regions');
    if (!Array.isArray(value)) {
      return [...DEFAULT_REGIONS];
    }
    // Each id becomes a request header: a malformed one is dropped, never sent.
    return validRegionIds(value);
  },

  site(): Site {
    return userSetting('site') === 'china' ? 'china' : 'intl';
  },

  /**
   * The API endpoint override, read from the user's (application) settings only: a workspace must never be able to
   * send the user's keys elsewhere. Undefined when unset or not allowed (see `checkEndpoint`).
   */
  endpoint(): string | undefined {
    const checked = checkedEndpointSetting();
    return checked?.ok ? checked.endpoint : undefined;
  },

  /** Why the endpoint the user set is refused (for a warning), or undefined when it is unset or fine. */
  endpointProblem(): string | undefined {
    const checked = checkedEndpointSetting();
    return checked && !checked.ok ? checked.reason : undefined;
  },

  requestTimeoutMs(): number {
    const seconds = userSetting('requestTimeoutSeconds');
    const valid = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
    return Math.round((valid ? Math.min(seconds, 600) : DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000);
  },

  /** How many primary instances one "Load more" brings. */
  pageSize(): number {
    const value = userSetting('pageSize');
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return DEFAULT_PAGE_SIZE;
    }
    return Math.min(value, MAX_PAGE_SIZE);
  },

  async setRegions(regions: readonly string[]): Promise<void> {
    await configuration().update('regions', [...regions], vscode.ConfigurationTarget.Global);
  },

  /** Fires with the keys (of this section) that changed. */
  onDidChange(listener: (changed: ReadonlySet<SettingKey>) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      const changed = new Set(SETTING_KEYS.filter((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`)));
      if (changed.size > 0) {
        listener(changed);
      }
    });
  },
};

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

/** The endpoint of the user (application) settings, checked; undefined when unset. */
function checkedEndpointSetting(): EndpointCheck | undefined {
  const raw = userSetting('endpoint');
  if (typeof raw !== 'string' || raw.trim() === '') {
    return undefined;
  }
  return checkEndpoint(raw.trim());
}

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; reason: string };

/**
 * An endpoint is either https:// (any host) or http:// on a loopback address (a local emulator):
 * plain HTTP to another machine would expose the signed requests on the wire. The cloud layer enforces the
 * same rule; checking here lets the UI say it in the user's language instead of failing every call.
 */
export function checkEndpoint(endpoint: string): EndpointCheck {
  try {
    parseEndpointOverride(endpoint);
    return { ok: true, endpoint };
  } catch {
    return {
      ok: false,
      reason: vscode.l10n.t(
        'The setting tencentdbPostgres.endpoint ("{0}") is refused, so nothing is sent to Tencent Cloud: give a URL with only scheme, host and port, using https://, or http:// only on 127.0.0.1, ::1 or localhost; or remove the setting to use the Tencent Cloud endpoints.',
        endpoint,
      ),
    };
  }
}
