/**
 * Builds a long text in chunks that give the event loop back in between. A whole account's export is thousands of
 * resources: written in one go it holds the extension host (and every other extension in it) for a second or more.
 */

/** How many parts are written between two turns of the event loop (a part is a resource block or a script line). */
export const PARTS_PER_CHUNK = 200;

export interface ChunkOptions {
  /** Stops between two chunks, rejecting with the signal's reason. */
  readonly signal?: AbortSignal;
  /** How many parts are written so far, after each chunk. */
  readonly onProgress?: (parts: number) => void;
}

/**
 * The parts joined by the separator, exactly as `[...parts].join(separator)` gives them, taken PARTS_PER_CHUNK at a
 * time with a turn of the event loop in between: the parts are made as they are taken, so the work is spread too.
 */
/** Resolves on a later turn of the event loop, after the I/O and timers already due. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export async function joinInChunks(parts: Iterable<string>, separator: string, options: ChunkOptions = {}): Promise<string> {
  // Each chunk is joined on its own and appended: appending makes a rope rather than copying the text so far, so
  // the end costs no single copy of megabytes (one whole join of a 13 MB export held the loop for tens of ms).
  let text = '';
  let started = false;
  let chunk: string[] = [];
  let written = 0;
  const append = (): void => {
    if (chunk.length === 0) return;
    const joined = chunk.join(separator);
    text = started ? text + separator + joined : joined;
    started = true;
    chunk = [];
  };
  for (const part of parts) {
    chunk.push(part);
    written++;
    if (chunk.length === PARTS_PER_CHUNK) {
      append();
      options.onProgress?.(written);
      await nextTurn();
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('Cancelled');
    }
  }
  append();
  return text;
}
