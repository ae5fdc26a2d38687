import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Client as PostgresClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client';
import { Client as VpcClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client';
import { CLOUD_ACTIONS } from '../../../src/cloud/cloudActions';
import { camPolicy } from '../../../src/export/camPolicy';

const root = path.resolve(__dirname, '../../../..');
const CLIENT_SOURCE = 'src/cloud/tencentCloudApi.ts';
const SDK_SOURCE = 'src/cloud/sdk.ts';

/** The API actions of each service, as the SDK's clients name their methods. */
const sdkActions = {
  postgres: new Set(Object.getOwnPropertyNames(PostgresClient.prototype).filter((name) => /^[A-Z]/.test(name))),
  vpc: new Set(Object.getOwnPropertyNames(VpcClient.prototype).filter((name) => /^[A-Z]/.test(name))),
};

/** Every quoted word in the source that is the name of an SDK action, with the service that has it. */
function actionsNamedIn(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(['"`])([A-Z][A-Za-z0-9]*)\1/g)) {
    const name = match[2];
    if (sdkActions.postgres.has(name)) found.add(`postgres:${name}`);
    if (sdkActions.vpc.has(name)) found.add(`vpc:${name}`);
  }
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('cloud/cloudActions', () => {
  it('lists exactly the actions the cloud client calls, each under its own service', () => {
    const source = readFileSync(path.join(root, CLIENT_SOURCE), 'utf8');
    const listed = CLOUD_ACTIONS.map(({ service, action }) => `${service}:${action}`).sort();
    assert.deepEqual(listed, actionsNamedIn(source));
  });

  it('names only real SDK actions, once each', () => {
    for (const { service, action } of CLOUD_ACTIONS) assert.ok(sdkActions[service].has(action), `${service}:${action}`);
    assert.equal(new Set(CLOUD_ACTIONS.map(({ action }) => action)).size, CLOUD_ACTIONS.length);
  });

  it('is complete because no other source file reaches the SDK clients', () => {
    const files = sourceFiles(path.join(root, 'src'));
    const naming = (pattern: RegExp): string[] =>
      files.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((file) => path.relative(root, file)).sort();
    // The SDK's clients are imported by one module (built into the SDK's own bundle) and used by the client alone.
    assert.deepEqual(naming(/services\/(postgres|vpc)\/v\d+\/\w+_client/), [SDK_SOURCE]);
    assert.deepEqual(naming(/\b(PostgresClient|VpcClient)\b/), [SDK_SOURCE, CLIENT_SOURCE].sort());
  });

  it('the scan finds a new call: a source with one more action disagrees with the list', () => {
    const source = readFileSync(path.join(root, CLIENT_SOURCE), 'utf8');
    const withNewCall = `${source}\nthis.read('vpc', region, 'DescribeAddresses', {}, options);\n`;
    assert.ok(actionsNamedIn(withNewCall).includes('vpc:DescribeAddresses'));
    assert.notDeepEqual(CLOUD_ACTIONS.map(({ service, action }) => `${service}:${action}`).sort(), actionsNamedIn(withNewCall));
  });

  it('makes a valid least-privilege policy', () => {
    assert.deepEqual(camPolicy(CLOUD_ACTIONS).statement[0].action, [
      'postgres:CreateDBInstanceNetworkAccess',
      'postgres:CreateReadOnlyGroupNetworkAccess',
      'postgres:DeleteDBInstanceNetworkAccess',
      'postgres:DeleteReadOnlyGroupNetworkAccess',
      'postgres:DescribeDBInstanceSecurityGroups',
      'postgres:DescribeDBInstances',
      'postgres:DescribeReadOnlyGroups',
      'postgres:DescribeRegions',
      'postgres:DescribeTasks',
      'vpc:DescribeSubnets',
      'vpc:DescribeUsedIpAddress',
      'vpc:DescribeVpcs',
    ]);
  });
});
