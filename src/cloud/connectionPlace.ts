import type { Site } from '../domain/model';

/** The text a connection's place is recorded as (`Connection.where`, a task's `connection`). */
const TENCENT_CLOUD = 'tencentcloudapi.com';

/** Where a connection sends its calls: its site and the endpoint override, or Tencent Cloud's own endpoints. */
export function whereOf(site: Site, endpoint: string | undefined): string {
  return `${site} ${endpoint ?? TENCENT_CLOUD}`;
}

/** The site and endpoint override `whereOf` wrote; undefined for any other text. */
export function placeOf(where: string): { readonly site: Site; readonly endpoint: string | undefined } | undefined {
  const [site, endpoint, ...rest] = where.split(' ');
  if (rest.length > 0 || endpoint === undefined || endpoint === '' || (site !== 'intl' && site !== 'china')) return undefined;
  return { site, endpoint: endpoint === TENCENT_CLOUD ? undefined : endpoint };
}
