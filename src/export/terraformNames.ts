import { identifierPart } from './hcl';

/** Long enough to tell groups apart, short enough to read in a plan. */
const NAME_PART_MAX = 40;

/**
 * A readable resource name from the group and what sets its network apart (the VIP, or the subnet of a network
 * not created yet): "reports_10_0_0_5". A name with no ASCII letters or digits (Chinese, empty) falls back to the
 * group id. A leading digit gets a `_` in front, since a Terraform name must start with a letter or `_`.
 */
export function resourceNameBase(groupName: string, groupId: string, distinguisher: string): string {
  const group = identifierPart(groupName, NAME_PART_MAX) || identifierPart(groupId, NAME_PART_MAX) || 'group';
  const tail = identifierPart(distinguisher.replace(/\./g, '_'), NAME_PART_MAX);
  const name = tail ? `${group}_${tail}` : group;
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

/**
 * Names made unique in order: the first keeps its base, later ones get `_2`, `_3`... skipping any name already
 * taken (including a base that happens to look like a suffixed one), so the same input always gives the same names.
 */
export function uniqueNames(bases: readonly string[]): string[] {
  const names = new UniqueNames();
  return bases.map((base) => names.next(base));
}

/**
 * uniqueNames one base at a time, for a writer that names its resources as it writes them: the names are the same,
 * and a whole account's ten thousand are not all made in one stretch before the first resource is written.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  /**
   * The last suffix given to each base: every name from `_2` up to it is taken for good (given, or skipped because
   * it was taken), so the search goes on from there. A base repeated in every region costs one step, not one more
   * step per region.
   */
  private readonly lastSuffix = new Map<string, number>();

  next(base: string): string {
    let name = base;
    let suffix = this.lastSuffix.get(base) ?? 1;
    while (this.taken.has(name)) name = `${base}_${++suffix}`;
    if (suffix > 1) this.lastSuffix.set(base, suffix);
    this.taken.add(name);
    return name;
  }
}
