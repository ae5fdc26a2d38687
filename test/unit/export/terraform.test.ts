import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { mapReadOnlyGroup } from '../../../src/cloud/mappers';
import type { GroupNetwork, ReadOnlyGroup } from '../../../src/domain/model';
import { isTerraformIdentifier } from '../../../src/export/hcl';
import type { TerraformNetwork } from '../../../src/export/terraform';
import { terraformExport } from '../../../src/export/terraform';
import type { BoundSecurityGroups } from '../../../src/export/terraformGroup';
import { READONLY_GROUP_RESOURCE, terraformGroupBlocks } from '../../../src/export/terraformGroup';
import { asJsonSyntaxLiteral } from './hclParser';
import { checkAgainstProvider, snapshot, unescapeLiteral } from './providerSchema';

const generatedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const goldenDir = path.resolve(__dirname, '../../../../test/unit/export/golden');
const schema = snapshot.schemas[READONLY_GROUP_RESOURCE];

const replication = { replayLagEliminate: 1, replayLatencyEliminate: 1, maxReplayLag: 32, maxReplayLatency: 512, minDelayEliminateReserve: 1 };

function group(overrides: Partial<ReadOnlyGroup> = {}): ReadOnlyGroup {
  return {
    id: 'pgrogrp-4t9c6g7k', name: 'reports', region: 'ap-guangzhou', zone: 'ap-guangzhou-3', primaryInstanceId: 'postgres-abc',
    projectId: 0, vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli', status: 'ok', readOnlyInstanceIds: [], networks: [], replication,
    ...overrides,
  };
}

function network(overrides: Partial<GroupNetwork> = {}): GroupNetwork {
  return { vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli', ip: '10.0.0.5', port: 5432, status: 'opened', netType: 'private', address: '', ...overrides } as GroupNetwork;
}

function networksOf(g: ReadOnlyGroup, ...networks: GroupNetwork[]): TerraformNetwork[] {
  return networks.map((n) => ({ group: g, network: n }));
}

const known = (...ids: string[]): BoundSecurityGroups => ({ kind: 'known', ids });

/** Compares with a file under golden/; UPDATE_GOLDEN=1 rewrites it after a deliberate change. */
function assertGolden(file: string, actual: string): void {
  const target = path.join(goldenDir, file);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(target, actual);
  assert.ok(existsSync(target), `missing golden file ${file}`);
  assert.equal(actual, readFileSync(target, 'utf8'));
}

describe('export/terraform against the provider as released', () => {
  it('checks a snapshot of the released provider, which has no resource for a group\'s other network', () => {
    assert.match(snapshot.tag, /^v\d+\.\d+\.\d+$/);
    assert.ok(snapshot.resources.includes(READONLY_GROUP_RESOURCE));
    assert.ok(snapshot.resources.includes('tencentcloud_postgresql_instance_network_access'));
    assert.ok(!snapshot.resources.some((name) => /readonly_group_network/.test(name)), 'the snapshot lists a group network resource');
  });

  it('writes a primary\'s private networks as instance network resources with their import blocks, after the groups', async () => {
    const g = group();
    const instance = { id: 'postgres-uk7kcuhe', name: 'sessions-db', region: 'ap-shanghai' };
    const text = terraformExport({
      networks: networksOf(g, network()),
      instanceNetworks: [
        { instance, network: network({ vpcId: 'vpc-s1', subnetId: 'subnet-s1', ip: '10.0.3.21' }) },
        { instance, network: network({ vpcId: 'vpc-s2', subnetId: 'subnet-s2', ip: '172.16.2.21' }) },
      ],
      securityGroups: new Map([[g.id, known()]]),
      scope: 'region',
      generatedAt,
    });
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: true });
    assert.deepEqual([...resources.keys()].sort(), [
      'tencentcloud_postgresql_instance_network_access.sessions-db_10_0_3_21',
      'tencentcloud_postgresql_instance_network_access.sessions-db_172_16_2_21',
      `${READONLY_GROUP_RESOURCE}.reports`,
    ]);
    assert.ok(text.indexOf(READONLY_GROUP_RESOURCE) < text.indexOf('tencentcloud_postgresql_instance_network_access'), 'the groups come first');
    assert.deepEqual(resources.get('tencentcloud_postgresql_instance_network_access.sessions-db_172_16_2_21'), {
      provider: '${tencentcloud.ap_shanghai}', db_instance_id: 'postgres-uk7kcuhe', vpc_id: 'vpc-s2', subnet_id: 'subnet-s2', vip: '172.16.2.21',
    });
    assert.deepEqual(parsed.import?.map((entry) => entry.id), ['pgrogrp-4t9c6g7k', 'postgres-uk7kcuhe#vpc-s1#subnet-s1#10.0.3.21', 'postgres-uk7kcuhe#vpc-s2#subnet-s2#172.16.2.21']);
    assert.match(text, /^# Regions: ap-guangzhou, ap-shanghai$/m);
    assert.match(text, /^# Primary instances' own networks: 2$/m);
  });

  it('writes a group as the provider\'s resource with its import block, and its other network as a tccli command', async () => {
    const g = group({ projectId: 1002 });
    const text = terraformExport({
      networks: networksOf(g, network(), network({ vpcId: 'vpc-other001', subnetId: 'subnet-other01', ip: '172.16.0.9' })),
      securityGroups: new Map([[g.id, known('sg-5275dorp', 'sg-0q7mbdzh')]]),
      scope: 'read-only group reports',
      generatedAt,
    });
    assertGolden('group-with-other-network.tf', text);
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: true });
    assert.deepEqual([...resources.keys()], [`${READONLY_GROUP_RESOURCE}.reports`]);
    assert.deepEqual(resources.get(`${READONLY_GROUP_RESOURCE}.reports`), {
      provider: '${tencentcloud.ap_guangzhou}',
      master_db_instance_id: 'postgres-abc',
      name: 'reports',
      project_id: 1002,
      vpc_id: 'vpc-gaestjaf',
      subnet_id: 'subnet-4s9dejli',
      replay_lag_eliminate: 1,
      replay_latency_eliminate: 1,
      max_replay_lag: 32,
      max_replay_latency: 512,
      min_delay_eliminate_reserve: 1,
      security_groups_ids: ['sg-5275dorp', 'sg-0q7mbdzh'],
    });
    assert.deepEqual(parsed.import, [{ provider: '${tencentcloud.ap_guangzhou}', to: `\${${READONLY_GROUP_RESOURCE}.reports}`, id: 'pgrogrp-4t9c6g7k' }]);
    assert.match(text, /^# No released tencentcloud provider has a resource for a read-only group's other network/m);
    assert.match(text, /^# {3}tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-4t9c6g7k' --VpcId='vpc-other001' --SubnetId='subnet-other01' --IsAssignVip='True' --Vip='172.16.0.9'$/m);
  });

  // The provider's Read (resource_tc_postgresql_readonly_group.go) sets each attribute from the DescribeReadOnlyGroups
  // answer (readFrom in the snapshot) and security_groups_ids from DescribeDBInstanceSecurityGroups, only when there
  // are some. An imported group plans no change when the configuration holds exactly what Read puts in the state.
  describe('plans no change after the import', () => {
    const answer = {
      ReadOnlyGroupId: 'pgrogrp-4t9c6g7k', ReadOnlyGroupName: '报表 "eu"', ProjectId: 1002, MasterDBInstanceId: 'postgres-abc',
      MinDelayEliminateReserve: 2, MaxReplayLatency: 1024, ReplayLatencyEliminate: 0, MaxReplayLag: 64, ReplayLagEliminate: 1,
      VpcId: 'vpc-gaestjaf', SubnetId: 'subnet-4s9dejli', Region: 'ap-guangzhou', Zone: 'ap-guangzhou-3', Status: 'ok',
      DBInstanceNetInfo: [{ Ip: '10.0.0.5', Port: 5432, VpcId: 'vpc-gaestjaf', SubnetId: 'subnet-4s9dejli', NetType: 'private', Status: 'opened' }],
    };
    const mapped = mapReadOnlyGroup(answer);

    async function configOf(bound: BoundSecurityGroups): Promise<Record<string, unknown>> {
      const text = terraformExport({ networks: networksOf(mapped, mapped.networks[0]), securityGroups: new Map([[mapped.id, bound]]), scope: 's', generatedAt });
      const { resources } = await checkAgainstProvider(text, { standalone: true });
      const [body] = resources.values();
      return body;
    }

    it('sets every attribute Read fills from the answer, with the answer\'s value, and nothing Read leaves empty', async () => {
      const body = await configOf(known('sg-5275dorp'));
      for (const [attribute, field] of Object.entries(schema.readFrom)) {
        const value = typeof body[attribute] === 'string' ? unescapeLiteral(String(body[attribute])) : body[attribute];
        assert.deepEqual(value, (answer as Record<string, unknown>)[field], `${attribute} <- ${field}`);
      }
      for (const attribute of Object.keys(body).filter((key) => !['provider', 'lifecycle'].includes(key))) {
        assert.ok(schema.readSets.includes(attribute), `${attribute} is not set by Read: it would plan a change`);
      }
      assert.deepEqual(body.security_groups_ids, ['sg-5275dorp']);
      assert.equal(body.lifecycle, undefined);
    });

    it('leaves security_groups_ids out when none is bound, as Read does', async () => {
      const body = await configOf(known());
      assert.ok(!('security_groups_ids' in body));
      assert.equal(body.lifecycle, undefined);
    });

    it('ignores security groups it could not read, rather than plan to unbind them', async () => {
      const body = await configOf({ kind: 'unknown', reason: 'AuthFailure.UnauthorizedOperation' });
      assert.ok(!('security_groups_ids' in body));
      assert.deepEqual(body.lifecycle, [{ ignore_changes: ['${security_groups_ids}'] }]);
    });
  });

  it('stands alone: required_providers, and one aliased provider per region with its region set', async () => {
    const a = group({ id: 'pgrogrp-1', name: 'a' });
    const b = group({ id: 'pgrogrp-2', name: 'b', region: 'ap-shanghai' });
    const text = terraformExport({
      networks: [...networksOf(a, network()), ...networksOf(b, network({ ip: '10.1.0.5' }))],
      securityGroups: new Map([[a.id, known()], [b.id, known('sg-1')]]),
      scope: 'all',
      generatedAt,
    });
    assertGolden('two-regions.tf', text);
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: true });
    assert.deepEqual(parsed.provider, { tencentcloud: [{ alias: 'ap_guangzhou', region: 'ap-guangzhou' }, { alias: 'ap_shanghai', region: 'ap-shanghai' }] });
    assert.equal(resources.get(`${READONLY_GROUP_RESOURCE}.b`)?.provider, '${tencentcloud.ap_shanghai}');
    const single = terraformExport({ networks: networksOf(a, network()), securityGroups: new Map(), scope: 'a', generatedAt });
    assert.deepEqual((await checkAgainstProvider(single, { standalone: true })).parsed.provider, { tencentcloud: [{ alias: 'ap_guangzhou', region: 'ap-guangzhou' }] });
  });

  it('writes one resource per group, whatever the number of its networks, named validly and uniquely', async () => {
    const groups = [group({ id: 'pgrogrp-cn000001', name: '报表组' }), group({ id: 'pgrogrp-quote001', name: 'Reports "EU"' }), group({ id: 'pgrogrp-collide1', name: 'reports eu' }), group({ id: 'pgrogrp-digit001', name: '1st' })];
    const text = terraformExport({ networks: groups.flatMap((g) => networksOf(g, network(), network({ ip: '10.0.0.6' }))), securityGroups: new Map(), scope: 'tricky names', generatedAt });
    assertGolden('tricky-names.tf', text);
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: true });
    assert.equal(resources.size, 4);
    // Import blocks stay in file order (the parser sorts the resource map): the groups in the order given.
    assert.deepEqual(parsed.import?.map((entry) => entry.to.split('.')[1].replace('}', '')), ['pgrogrp-cn000001', 'reports_eu', 'reports_eu_2', '_1st']);
  });

  it('keeps hostile values literal, and comments on one line', async () => {
    const g = group({ name: 'a\nresource "x" "y" {}', id: 'pgrogrp-"${var.x}"\\' });
    const text = terraformExport({ networks: networksOf(g, network()), securityGroups: new Map([[g.id, known('sg-${x}')]]), scope: 'line\nbreak', generatedAt });
    assertGolden('hostile-values.tf', text);
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: true });
    const [body] = resources.values();
    assert.equal(body.name, asJsonSyntaxLiteral('a\nresource "x" "y" {}'));
    assert.equal(parsed.import?.[0].id, asJsonSyntaxLiteral('pgrogrp-"${var.x}"\\'));
    assert.deepEqual(body.security_groups_ids, [asJsonSyntaxLiteral('sg-${x}')]);
  });

  it('says why a group is not written when the answer lacked what the resource requires, and writes no resource', async () => {
    const g = group({ replication: undefined });
    const text = terraformExport({ networks: networksOf(g, network()), securityGroups: new Map(), scope: 's', generatedAt });
    const { resources } = await checkAgainstProvider(text, { standalone: true });
    assert.equal(resources.size, 0);
    assert.match(text, /^# Read-only group reports \(pgrogrp-4t9c6g7k\) is not written as a resource: the API did not list its replication settings/m);
  });

  it('a copied group snippet is a valid resource with its import block', async () => {
    const text = terraformGroupBlocks(group(), known('sg-1'), 'reports');
    const { parsed, resources } = await checkAgainstProvider(text, { standalone: false });
    assert.equal(resources.size, 1);
    assert.equal(parsed.import?.[0].id, 'pgrogrp-4t9c6g7k');
  });

  it('passes the provider\'s schema for any groups, names, ids, settings and networks', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const id = fc.stringMatching(/^[a-z0-9-]{1,16}$/);
    const arbitraryGroup = fc.record({
      id, name: fc.oneof(text, fc.constantFrom('报表', '', '1', 'a b')), region: fc.constantFrom('ap-guangzhou', 'ap-shanghai', 'na-ashburn'),
      primaryInstanceId: id, projectId: fc.nat(), vpcId: id, subnetId: id,
      replication: fc.option(fc.record({ replayLagEliminate: fc.nat(1), replayLatencyEliminate: fc.nat(1), maxReplayLag: fc.nat(), maxReplayLatency: fc.nat(), minDelayEliminateReserve: fc.nat() }), { nil: undefined }),
    });
    const bound = fc.oneof(fc.array(id, { maxLength: 3 }).map((ids) => known(...ids)), fc.constant<BoundSecurityGroups>({ kind: 'unknown', reason: 'x' }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(arbitraryGroup, bound, fc.array(fc.record({ vpcId: id, subnetId: id, ip: fc.ipV4() }), { minLength: 1, maxLength: 2 })), { maxLength: 4 }), async (entries) => {
        const unique = [...new Map(entries.map((entry) => [entry[0].id, entry])).values()];
        const networks = unique.flatMap(([g, , ns]) => networksOf(group(g), ...ns.map((n) => network(n))));
        const text2 = terraformExport({ networks, securityGroups: new Map(unique.map(([g, b]) => [g.id, b])), scope: 'p', generatedAt });
        const { resources } = await checkAgainstProvider(text2, { standalone: true });
        for (const address of resources.keys()) assert.ok(isTerraformIdentifier(address.split('.')[1]), address);
        // A group is written when the answer held its replication settings and it is in a VPC ("" and "0" mean none).
        const inVpc = (id: string): boolean => id !== '' && id !== '0';
        assert.equal(resources.size, unique.filter(([g]) => g.replication !== undefined && inVpc(g.vpcId) && inVpc(g.subnetId)).length);
      }),
      { numRuns: 40 },
    );
  });
});
