import type { OwnerRef } from '../domain/networkOwner';

/**
 * What the rest of the extension may ask of the explorer tree about one owner of networks (a read-only group or a
 * primary instance). The tree implements it; the network commands and the task tracker depend on this port only.
 */
export interface OwnerView {
  /** Reads the owner back from the API and redraws it with its networks. */
  refreshOwner(owner: OwnerRef): Promise<void>;
  /** Shows a transient activity on the owner (e.g. "Adding network…") until cleared with undefined. */
  setOwnerActivity(ownerId: string, activity: string | undefined): void;
  /** Expands the tree down to the owner and selects it. */
  revealOwner(owner: OwnerRef): Promise<void>;
}
