/** What every emulated action declares: its product, version, parameters, rate limit and behaviour. */
import type { CloudModel } from '../model';
import type { ParamSchema, Params } from '../params';
import type { RegionDefinition } from '../world';

export type Product = 'postgres' | 'vpc';

export const API_VERSION = '2017-03-12';

export interface ActionContext {
  readonly model: CloudModel;
  /** The region of the call (a supported one); undefined only for actions that need none and got none. */
  readonly region: RegionDefinition | undefined;
}

export interface ActionDefinition {
  readonly product: Product;
  readonly name: string;
  readonly version: string;
  /** Whether X-TC-Region is required. */
  readonly regional: boolean;
  /**
   * The region only says which endpoint answers: it must be given, but may be one the world does not model
   * (the real DescribeRegions answers from any region). A region the world marks unsupported is still refused.
   */
  readonly anyRegion?: boolean;
  /** Changes the state (Create/Delete): recorded for lagged listings, and subject to a fault's applyWrite. */
  readonly writes?: boolean;
  /** Documented calls per second; undefined = no documented limit, none enforced. */
  readonly rateLimitPerSecond?: number;
  readonly params: ParamSchema;
  handle(context: ActionContext, params: Params): Record<string, unknown>;
}

/** For handlers of regional actions: the router guarantees the region. */
export function regionOf(context: ActionContext): RegionDefinition {
  if (!context.region) throw new Error('regional action called without a region');
  return context.region;
}

export function matchesAny(values: readonly string[] | undefined, candidate: string): boolean {
  return values === undefined || values.includes(candidate);
}

export function fuzzyMatchesAny(values: readonly string[] | undefined, candidate: string): boolean {
  return values === undefined || values.some((v) => candidate.includes(v));
}

export function sortBy<T>(items: T[], key: (item: T) => string | number, descending: boolean): T[] {
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const order = ka < kb ? -1 : ka > kb ? 1 : 0;
    return descending ? -order : order;
  });
}
