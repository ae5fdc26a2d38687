/**
 * The words package.json's `when` clauses read, typed in one place: the context keys the extension sets, and the
 * words of a tree item's context value (its kind first, then its flags, e.g. "roGroup ok canAddNetwork"). A menu
 * matches them with regular expressions such as `viewItem =~ /^roGroup\b.*\bcanAddNetwork\b/`;
 * test/unit/ui/contextValues.test.ts reads every `when` clause of the manifest and checks each word it uses is here.
 */

export const CONTEXT_KEY = {
  /** A profile is active (or environment credentials are set). */
  signedIn: 'tencentdbPostgres.signedIn',
  /** The stored profiles have been read: until then the view shows no sign-in prompt. */
  profilesLoaded: 'tencentdbPostgres.profilesLoaded',
} as const;

/** The first word of an item's context value: what kind of row it is. */
export type ItemKind = 'region' | 'primaryInstance' | 'roGroup' | 'network' | 'loadMore' | 'error' | 'message';

/** The flags after the kind. */
export type ItemFlag =
  /** A group that is OK, an instance that is running: its networks may change. */
  | 'ok'
  | 'running'
  | 'canAddNetwork'
  /** Holds the most networks it can. */
  | 'full'
  /** Changing now. */
  | 'busy'
  /** A network Remove Network may remove. */
  | 'removable'
  /** A network inside a VPC: what Check Reachability and Copy as Terraform act on. */
  | 'vpc'
  /** A primary's public address: only the copy commands apply. */
  | 'publicAddress';

/** @internal Every kind and flag, for the test that holds the manifest's when clauses to them. */
export const ITEM_KINDS: readonly ItemKind[] = ['region', 'primaryInstance', 'roGroup', 'network', 'loadMore', 'error', 'message'];
/** @internal */
export const ITEM_FLAGS: readonly ItemFlag[] = ['ok', 'running', 'canAddNetwork', 'full', 'busy', 'removable', 'vpc', 'publicAddress'];

/** An item's context value: its kind, then the flags that hold. */
export function contextValue(kind: ItemKind, flags: readonly ItemFlag[] = []): string {
  return [kind, ...flags].join(' ');
}
