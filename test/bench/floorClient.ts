/**
 * The floor for the client's CPU per call: TC3-HMAC-SHA256 signed by hand and one request over a keep-alive
 * `http.Agent`, the answer parsed with JSON.parse, nothing else (no retries, no limiter, no logging, no mapping
 * beyond the two fields the loader reads). It exists only to be measured against: the extension never uses it.
 */
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import { keepAliveAgentOptions } from '../../src/cloud/endpoints';
import type { PrimaryInstance, PrimaryInstancePage, ReadOnlyGroup } from '../../src/domain/model';
import type { RegionLoaderApi } from '../../src/explorer/regionLoader';


export interface FloorClient extends RegionLoaderApi {
  dispose(): void;
}

const VERSION = '2017-03-12';
const RO_GROUPS_PAGE_SIZE = 99;

/** Shared by every floor client, and kept as the real client's agent is (src/cloud/endpoints.ts: sharedAgent). */
const agent = new http.Agent(keepAliveAgentOptions);

export function createFloorClient(url: string, secretId: string, secretKey: string): FloorClient {
  const target = new URL(url);

  // The emulator signs with the first label of the host, as the SDK does for an address override.
  const service = target.hostname.split('.')[0];

  const call = (action: string, region: string, body: unknown): Promise<Record<string, unknown>> => {
    const payload = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${target.hostname}\n\ncontent-type;host\n${sha256Hex(payload)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonical)}`;
    const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
    const kService = createHmac('sha256', kDate).update(service).digest();
    const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
    const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'X-TC-Action': action,
            'X-TC-Version': VERSION,
            'X-TC-Region': region,
            'X-TC-Timestamp': String(timestamp),
            Authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${date}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Response: Record<string, unknown> & { Error?: { Code: string } } };
              if (parsed.Response.Error) reject(new Error(parsed.Response.Error.Code));
              else resolve(parsed.Response);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  };

  return {
    async listPrimaryInstances(region, page): Promise<PrimaryInstancePage> {
      const response = await call('DescribeDBInstances', region, { Offset: page.offset, Limit: page.limit });
      const raw = (response.DBInstanceSet ?? []) as { DBInstanceId: string; DBInstanceType: string }[];
      const total = Number(response.TotalCount);
      const next = page.offset + raw.length;
      const primaries = raw.flatMap((entry, index) => (entry.DBInstanceType === 'primary' ? [{ entry, position: page.offset + index }] : []));
      return {
        instances: primaries.map(({ entry }) => floorInstance(entry.DBInstanceId, region)),
        positions: primaries.map(({ position }) => position),
        totalCount: total,
        nextOffset: raw.length > 0 && next < total ? next : undefined,
      };
    },
    async listReadOnlyGroups(region, primaryInstanceId): Promise<ReadOnlyGroup[]> {
      const groups: ReadOnlyGroup[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const response = await call('DescribeReadOnlyGroups', region, {
          Filters: [{ Name: 'db-master-instance-id', Values: [primaryInstanceId] }],
          PageSize: RO_GROUPS_PAGE_SIZE,
          PageNumber: pageNumber,
        });
        const list = (response.ReadOnlyGroupList ?? []) as { ReadOnlyGroupId: string }[];
        for (const raw of list) groups.push({ id: raw.ReadOnlyGroupId } as ReadOnlyGroup);
        if (list.length < RO_GROUPS_PAGE_SIZE) return groups;
      }
    },
    dispose: () => undefined,
  };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function floorInstance(id: string, region: string): PrimaryInstance {
  return { id, name: '', region, zone: '', status: '', vpcId: '', subnetId: '', version: '', readOnlyInstanceCount: 0, networks: [] };
}
