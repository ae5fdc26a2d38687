import type * as vscode from 'vscode';
import type { CloudApi } from '../cloud/cloudApi';
import type { Site } from '../domain/model';

/**
 * What the explorer needs from the rest of the extension, as small interfaces: extension.ts passes the credentials'
 * connection and the settings, which satisfy them as they are, so the explorer imports neither.
 */

/** The account the tree shows: the active profile's client and the site it talks to. */
export interface ExplorerAccount {
  readonly api: CloudApi;
  readonly site: Site;
}

export interface ExplorerConnection {
  /** Resolves once it is known whether there is an account (the stored profiles are read slowly). */
  readonly ready: Promise<void>;
  /** Undefined when signed out (or not known yet, before `ready`). */
  readonly current: ExplorerAccount | undefined;
  /** Fires when the profile, the site or a connection setting changed: what was loaded is stale. */
  readonly onDidChange: vscode.Event<ExplorerAccount | undefined>;
}

/** The settings the explorer reads and writes. */
export interface ExplorerSettings {
  /** The regions the tree shows, in order. */
  regions(): readonly string[];
  /** How many primary instances one page ("Load more") brings. */
  pageSize(): number;
  setRegions(regions: readonly string[]): Promise<void>;
  /** Fires with the keys that changed. */
  onDidChange(listener: (changed: ReadonlySet<string>) => void): vscode.Disposable;
}
