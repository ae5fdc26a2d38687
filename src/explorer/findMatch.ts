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

/** How often, at most, Find draws its results again while its walk brings batches. */
export const FIND_RENDER_INTERVAL_MS = 150;

/** How many results Find shows at most. */
export const FIND_RESULT_LIMIT = 200;

/**
 * The entries that match every word of the query, best first (then by region, instance, group and address, so the
 * order is stable as more regions come in). An empty query matches nothing: the pick then shows a hint.
 * @internal Everything at once: the running match (RunningFind) is held to it in the tests.
 */
export function findMatches<T extends FindEntry>(query: string, entries: Iterable<T>, limit = FIND_RESULT_LIMIT): FindResult<T>[] {
  return ranked(queryWords(query), entries).slice(0, limit).map(({ entry, score }) => ({ entry, score }));
}

/** A match with its sort key, computed once rather than on every comparison. */
interface Ranked<T extends FindEntry> extends FindResult<T> {
  readonly order: readonly string[];
}

/** Every entry that matches the words, best first (a stable sort: equal ones keep the order they came in). */
function ranked<T extends FindEntry>(words: readonly string[], entries: Iterable<T>): Ranked<T>[] {
  if (words.length === 0) return [];
  const results: Ranked<T>[] = [];
  for (const entry of entries) {
    const score = entryScore(words, entry);
    if (score !== undefined) results.push({ entry, score, order: sortKey(entry) });
  }
  return results.sort(compareRanked);
}

function compareRanked<T extends FindEntry>(a: Ranked<T>, b: Ranked<T>): number {
  return a.score - b.score || compareKeys(a.order, b.order);
}

/**
 * Find's result while its walk brings entries in: each call matches only the entries added since the last one (and
 * merges them into the running result), unless the query changed; the result is the one findMatches gives on
 * everything added so far. Matching the whole account on every redraw of a big account's walk is quadratic, and its
 * long stretches freeze the extension host.
 */
export class RunningFind<T extends FindEntry> {
  private readonly entries = new Map<string, T>();
  private pending: T[] = [];
  /** An entry added again under a key already known: the running result may hold the one it replaces. */
  private replaced = false;
  private query: string | undefined;
  private words: string[] = [];
  private matches: Ranked<T>[] = [];

  get size(): number {
    return this.entries.size;
  }

  add(entry: T): void {
    if (this.entries.has(entry.key)) this.replaced = true;
    this.entries.set(entry.key, entry);
    this.pending.push(entry);
  }

  results(query: string, limit = FIND_RESULT_LIMIT): FindResult<T>[] {
    if (query !== this.query) {
      this.query = query;
      this.words = queryWords(query);
      this.matches = ranked(this.words, this.entries.values());
    } else if (this.pending.length > 0) {
      // Replaced entries come out of the running result; their new version is among the pending ones.
      const kept = this.replaced ? this.matches.filter((match) => this.entries.get(match.entry.key) === match.entry) : this.matches;
      const fresh = ranked(this.words, this.pending.filter((entry) => this.entries.get(entry.key) === entry));
      this.matches = merge(kept, dropRepeats(fresh));
    }
    this.pending = [];
    this.replaced = false;
    return this.matches.slice(0, limit).map(({ entry, score }) => ({ entry, score }));
  }
}

/** An entry added twice in one batch is matched once. */
function dropRepeats<T extends FindEntry>(results: Ranked<T>[]): Ranked<T>[] {
  const seen = new Set<string>();
  return results.filter((result) => !seen.has(result.entry.key) && seen.add(result.entry.key));
}

/** Two ranked lists as one; on a tie the earlier list's entry first, as a stable sort of both would put it. */
function merge<T extends FindEntry>(older: readonly Ranked<T>[], newer: readonly Ranked<T>[]): Ranked<T>[] {
  if (newer.length === 0) return older.slice();
  const out: Ranked<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < older.length && j < newer.length) out.push(compareRanked(newer[j], older[i]) < 0 ? newer[j++] : older[i++]);
  while (i < older.length) out.push(older[i++]);
  while (j < newer.length) out.push(newer[j++]);
  return out;
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
