import type { Site } from './model';

/**
 * The console page of a primary instance (its read-only groups are a tab of it). The console's deep-link format is
 * not a documented API: when it changes, the console falls back to its instance list, which is still the right place.
 */
export function instanceConsoleUrl(site: Site, region: string, instanceId: string): string {
  const host = site === 'china' ? 'https://console.cloud.tencent.com' : 'https://console.tencentcloud.com';
  const query = new URLSearchParams({ region, instanceId });
  return `${host}/postgres/instance/detail?${query.toString()}`;
}
