/**
 * A region id such as "ap-guangzhou" or "ap-shanghai-fsi": the shape the settings schema promises. The id goes
 * into the X-TC-Region header of every request, so anything else (a typo with a space, a pasted line break,
 * non-ASCII text from a hand-edited settings.json) is dropped here rather than sent.
 */
const REGION_ID = /^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_REGION_ID_LENGTH = 64;

export function isValidRegionId(value: string): boolean {
  return value.length <= MAX_REGION_ID_LENGTH && REGION_ID.test(value);
}

/** The valid region ids of a setting's value, trimmed, each once, in the order given. */
export function validRegionIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = value.filter((item): item is string => typeof item === 'string').map((item) => item.trim());
  return [...new Set(ids.filter(isValidRegionId))];
}
