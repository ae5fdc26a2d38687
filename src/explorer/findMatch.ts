/**
 * Find Group or Network: what a typed text matches and in which order the results come. Free of VS Code, so it is
 * unit-tested on its own; the quick pick only shows what this returns.
 */

/** One thing the user can find, with the texts a query is matched against. */
export interface FindEntry {
  readonly kind: 'primary' | 'group' | 'network';
  /** Unique among the entries (the tree's id of the node). */
  readonly key: string;
  readonly region: string;
  readonly primaryId: string;
  readonly primaryName: string;
  readonly groupId?: string;
  readonly groupName?: string;
  /** A network's VIP and port. */
  readonly vip?: string;
  readonly port?: number;
}

export interface FindResult<T extends FindEntry> {
  readonly entry: T;
  /** Lower is better. */
  readonly score: number;
}

/** How well one text matches one word of the query: exact, then prefix, then anywhere. */
const EXACT = 0;
const PREFIX = 1;
const INSIDE = 3;
/** Names weigh less than ids and addresses: typing an id should put its own item first. */
const NAME_PENALTY = 1;
/** A primary found through its own id ranks before the groups found through their parent's id. */
const PARENT_PENALTY = 4;

/** The query's words, lower-cased; `10.0.1.5:5432` is split so the VIP and the port match on their own. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s,;]+|(?<=\d):(?=\d)/)
    .filter((word) => word !== '');
}

/**
 * The entries that match every word of the query, best first (then by region, instance, group and address, so the
 * order is stable as more regions come in). An empty query matches nothing: the pick then shows a hint.
 */
/**
 * How often, at most, Find matches and draws its results again while its walk brings batches: matching everything
 * found so far on each of a big account's thousand batches would be quadratic in the account.
 */
export const FIND_RENDER_INTERVAL_MS = 150;

export function findMatches<T extends FindEntry>(query: string, entries: Iterable<T>, limit = 200): FindResult<T>[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const results: FindResult<T>[] = [];
  for (const entry of entries) {
    const score = entryScore(words, entry);
    if (score !== undefined) results.push({ entry, score });
  }
  results.sort((a, b) => a.score - b.score || compareKeys(sortKey(a.entry), sortKey(b.entry)));
  return results.slice(0, limit);
}

function entryScore(words: readonly string[], entry: FindEntry): number | undefined {
  let total = 0;
  for (const word of words) {
    const best = wordScore(word, entry);
    if (best === undefined) return undefined;
    total += best;
  }
  return total;
}

function wordScore(word: string, entry: FindEntry): number | undefined {
  const own = ownTexts(entry);
  const candidates: (number | undefined)[] = [
    ...own.ids.map((text) => textScore(word, text)),
    ...own.names.map((text) => plus(textScore(word, text), NAME_PENALTY)),
    ...own.parents.map((text) => plus(textScore(word, text), PARENT_PENALTY)),
  ];
  const scores = candidates.filter((score): score is number => score !== undefined);
  return scores.length > 0 ? Math.min(...scores) : undefined;
}

/** The entry's own ids (and address), its own names, and what it inherits from its parents. */
function ownTexts(entry: FindEntry): { ids: string[]; names: string[]; parents: string[] } {
  switch (entry.kind) {
    case 'primary':
      return { ids: [entry.primaryId], names: [entry.primaryName], parents: [entry.region] };
    case 'group':
      return {
        ids: [entry.groupId ?? ''],
        names: [entry.groupName ?? ''],
        parents: [entry.primaryId, entry.primaryName, entry.region],
      };
    case 'network':
      return {
        ids: [entry.vip ?? '', entry.port === undefined ? '' : String(entry.port)],
        names: [],
        parents: [entry.groupId ?? '', entry.groupName ?? '', entry.primaryId, entry.primaryName, entry.region],
      };
  }
}

function textScore(word: string, text: string): number | undefined {
  const value = text.toLowerCase();
  if (value === '') return undefined;
  if (value === word) return EXACT;
  if (value.startsWith(word)) return PREFIX;
  if (value.includes(word)) return INSIDE;
  return undefined;
}

function plus(score: number | undefined, penalty: number): number | undefined {
  return score === undefined ? undefined : score + penalty;
}

function sortKey(entry: FindEntry): string[] {
  const kindOrder = { primary: 0, group: 1, network: 2 }[entry.kind];
  return [entry.region, entry.primaryId, entry.groupId ?? '', String(kindOrder), entry.vip ?? '', String(entry.port ?? '')];
}

/** Part by part, by code unit: the same order everywhere (a locale's collation may skip punctuation). */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
