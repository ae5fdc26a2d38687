import type { CloudApi } from '../cloud/cloudApi';
import type { Translate } from '../domain/translate';
import type { Prompter } from '../wizard/prompter';
import type { NetworkChanges } from './change/networkChanges';
import type { NetworkUi } from './ports';

/** What the Add Network and Remove Network commands work with, built once in the feature's activation. */
export interface NetworkCommandDeps {
  /** The active profile's client, for the wizard's lists and checks (writes go through `changes`). */
  readonly api: CloudApi;
  readonly prompter: Prompter;
  readonly ui: NetworkUi;
  readonly t: Translate;
  /** The regions the explorer shows: offered when Add Network starts from the palette. */
  readonly regions: () => readonly string[];
  /** The one change operation: Add and Remove send through it. */
  readonly changes: NetworkChanges;
}
