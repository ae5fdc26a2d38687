import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { ExportedNetwork } from '../../../src/export/exportedNetwork';
import { isTerraformIdentifier } from '../../../src/export/hcl';
import { TERRAFORM_RESOURCE_TYPE, terraformExport, terraformImportId, terraformPlannedNetwork } from '../../../src/export/terraform';
import { asJsonSyntaxLiteral, parseHcl } from './hclParser';

const TYPE = TERRAFORM_RESOURCE_TYPE;
const generatedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const goldenDir = path.resolve(__dirname, '../../../../test/unit/export/golden');
/** What an imported resource carries so the import does not plan a replacement (see terraform.ts). */
const IGNORE_IS_ASSIGN_VIP = [{ ignore_changes: ['${is_assign_vip}'] }];

interface ParsedTf {
  resource?: Record<string, Record<string, Record<string, unknown>[]>>;
  import?: { to: string; id: string; provider?: string }[];
  provider?: Record<string, Record<string, unknown>[]>;
}

function item(groupName: string, groupId: string, ip: string, overrides: Partial<ExportedNetwork['group']> = {}): ExportedNetwork {
  return {
    group: { id: groupId, name: groupName, region: 'ap-guangzhou', primaryInstanceId: 'postgres-abc', ...overrides },
    network: { vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli', ip, port: 5432 },
  };
}

async function parse(text: string): Promise<ParsedTf> {
  return (await parseHcl(text)) as ParsedTf;
}

/** The resources of the one type, by name, each with its single body. */
function resources(parsed: ParsedTf): Record<string, Record<string, unknown>> {
  assert.deepEqual(Object.keys(parsed.resource ?? {}), [TYPE]);
  const byName = parsed.resource?.[TYPE] ?? {};
  return Object.fromEntries(Object.entries(byName).map(([name, bodies]) => {
    assert.equal(bodies.length, 1, name);
    return [name, bodies[0]];
  }));
}

/** Resource names in file order: hcl2json sorts the resource map, but keeps import blocks as a list, in order. */
function importedNames(parsed: ParsedTf): string[] {
  const prefix = `\${${TYPE}.`;
  return (parsed.import ?? []).map((entry) => {
    assert.ok(entry.to.startsWith(prefix) && entry.to.endsWith('}'), entry.to);
    return entry.to.slice(prefix.length, -1);
  });
}

/** Compares with a file under golden/; UPDATE_GOLDEN=1 rewrites it after a deliberate change. */
function assertGolden(file: string, actual: string): void {
  const target = path.join(goldenDir, file);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(target, actual);
  assert.ok(existsSync(target), `missing golden file ${file}`);
  assert.equal(actual, readFileSync(target, 'utf8'));
}

describe('export/terraform', () => {
  it('writes the import id as db_instance_id#readonly_group_id#vpc_id#vip#port', () => {
    assert.equal(terraformImportId(item('reports', 'pgrogrp-4t9c6g7k', '10.0.0.5')), 'postgres-abc#pgrogrp-4t9c6g7k#vpc-gaestjaf#10.0.0.5#5432');
  });

  it('exports an existing network as a resource keeping its VIP, and an import block', async () => {
    const text = terraformExport({ networks: [item('reports', 'pgrogrp-4t9c6g7k', '10.0.0.5')], scope: 'ap-guangzhou', generatedAt });
    const parsed = await parse(text);
    assert.deepEqual(resources(parsed), {
      reports_10_0_0_5: {
        db_instance_id: 'postgres-abc',
        readonly_group_id: 'pgrogrp-4t9c6g7k',
        vpc_id: 'vpc-gaestjaf',
        subnet_id: 'subnet-4s9dejli',
        is_assign_vip: true,
        vip: '10.0.0.5',
        lifecycle: IGNORE_IS_ASSIGN_VIP,
      },
    });
    assert.deepEqual(parsed.import, [{ to: `\${${TYPE}.reports_10_0_0_5}`, id: 'postgres-abc#pgrogrp-4t9c6g7k#vpc-gaestjaf#10.0.0.5#5432' }]);
    assert.equal(parsed.provider, undefined);
    assert.deepEqual(text.split('\n').slice(0, 5), [
      '# TencentDB for PostgreSQL read-only group networks, for the tencentcloud provider (Terraform 1.5+ import blocks).',
      '# Regions: ap-guangzhou',
      '# Scope: ap-guangzhou',
      '# Generated at: 2026-01-02T03:04:05.000Z',
      '# Networks: 1',
    ]);
  });

  it('names tricky groups validly, uniquely and the same way every time', async () => {
    const networks = [
      item('报表组', 'pgrogrp-cn000001', '10.0.0.5'),
      item('', 'pgrogrp-empty001', '10.0.0.6'),
      item('Reports "EU"', 'pgrogrp-quote001', '10.0.0.7'),
      item('reports eu', 'pgrogrp-collide1', '10.0.0.7'),
      item('reports_eu_10_0_0_7_2', 'pgrogrp-collide2', ''),
      item('1st group', 'pgrogrp-digit001', '10.0.0.8'),
      item('组', '', ''),
    ];
    const text = terraformExport({ networks, scope: 'tricky names', generatedAt });
    assertGolden('tricky-names.tf', text);
    const parsed = await parse(text);
    const names = importedNames(parsed);
    assert.deepEqual(Object.keys(resources(parsed)).sort(), [...names].sort());
    assert.deepEqual(names, [
      'pgrogrp-cn000001_10_0_0_5',
      'pgrogrp-empty001_10_0_0_6',
      'reports_eu_10_0_0_7',
      'reports_eu_10_0_0_7_2',
      'reports_eu_10_0_0_7_2_2',
      '_1st_group_10_0_0_8',
      'group',
    ]);
    assert.equal(terraformExport({ networks, scope: 'tricky names', generatedAt }), text);
  });

  it('keeps hostile values literal, and comments on one line', async () => {
    const hostile = item('a\nresource "x" "y" {}', 'pgrogrp-"${var.x}"\\', '10.0.0.5');
    const text = terraformExport({ networks: [hostile], scope: 'line\nbreak', generatedAt });
    assertGolden('hostile-values.tf', text);
    const parsed = await parse(text);
    const [body] = Object.values(resources(parsed));
    assert.equal(body.readonly_group_id, asJsonSyntaxLiteral('pgrogrp-"${var.x}"\\'));
    assert.equal(parsed.import?.[0].id, asJsonSyntaxLiteral('postgres-abc#pgrogrp-"${var.x}"\\#vpc-gaestjaf#10.0.0.5#5432'));
  });

  it('gives each region its own aliased provider when the export spans several', async () => {
    const networks = [item('a', 'pgrogrp-1', '10.0.0.5'), item('b', 'pgrogrp-2', '10.1.0.5', { region: 'ap-shanghai' })];
    const text = terraformExport({ networks, scope: 'all', generatedAt });
    assertGolden('two-regions.tf', text);
    const parsed = await parse(text);
    assert.deepEqual(parsed.provider, {
      tencentcloud: [
        { alias: 'ap_guangzhou', region: 'ap-guangzhou' },
        { alias: 'ap_shanghai', region: 'ap-shanghai' },
      ],
    });
    const bodies = resources(parsed);
    assert.equal(bodies.a_10_0_0_5.provider, '${tencentcloud.ap_guangzhou}');
    assert.equal(bodies.b_10_1_0_5.provider, '${tencentcloud.ap_shanghai}');
    assert.deepEqual(parsed.import?.map((entry) => entry.provider), ['${tencentcloud.ap_guangzhou}', '${tencentcloud.ap_shanghai}']);
    assert.match(text, /^# Regions: ap-guangzhou, ap-shanghai$/m);
  });

  it('exports nothing but the header for no networks', async () => {
    const parsed = await parse(terraformExport({ networks: [], scope: 'none', generatedAt }));
    assert.deepEqual(parsed, {});
  });

  describe('a planned network', () => {
    const request = { region: 'ap-guangzhou', groupId: 'pgrogrp-4t9c6g7k', vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli' };

    it('asks for an automatic VIP with is_assign_vip = false and no vip, and has no import block', async () => {
      const parsed = await parse(terraformPlannedNetwork({ request, primaryInstanceId: 'postgres-abc', groupName: 'reports' }));
      assert.deepEqual(parsed.import, undefined);
      assert.deepEqual(resources(parsed), {
        'reports_subnet-4s9dejli': {
          db_instance_id: 'postgres-abc',
          readonly_group_id: 'pgrogrp-4t9c6g7k',
          vpc_id: 'vpc-gaestjaf',
          subnet_id: 'subnet-4s9dejli',
          is_assign_vip: false,
        },
      });
    });

    it('passes a typed VIP with is_assign_vip = true', async () => {
      const text = terraformPlannedNetwork({ request: { ...request, vip: '10.0.0.9' }, primaryInstanceId: 'postgres-abc', groupName: '报表' });
      assertGolden('planned-typed-vip.tf', text);
      const parsed = await parse(text);
      assert.deepEqual(resources(parsed), {
        'pgrogrp-4t9c6g7k_10_0_0_9': {
          db_instance_id: 'postgres-abc',
          readonly_group_id: 'pgrogrp-4t9c6g7k',
          vpc_id: 'vpc-gaestjaf',
          subnet_id: 'subnet-4s9dejli',
          is_assign_vip: true,
          vip: '10.0.0.9',
        },
      });
    });
  });

  it('parses, with valid unique names and every value intact, for any group names, ids and VIPs', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const region = fc.constantFrom('ap-guangzhou', 'ap-shanghai', 'na-ashburn');
    const network = fc.record({
      group: fc.record({ id: text, name: fc.oneof(text, fc.constantFrom('报表', '', '1', 'a b', 'A-B')), region, primaryInstanceId: text }),
      network: fc.record({ vpcId: text, subnetId: text, ip: fc.oneof(fc.ipV4(), text), port: fc.integer({ min: 1, max: 65535 }) }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(network, { maxLength: 6 }), async (networks) => {
        const parsed = await parse(terraformExport({ networks, scope: 'p', generatedAt }));
        const bodies = networks.length === 0 ? {} : resources(parsed);
        const names = importedNames(parsed);
        assert.equal(names.length, networks.length);
        assert.deepEqual(Object.keys(bodies).sort(), [...names].sort());
        for (const name of names) assert.ok(isTerraformIdentifier(name), name);
        networks.forEach(({ group, network: n }, index) => {
          const body = bodies[names[index]];
          assert.equal(body.readonly_group_id, asJsonSyntaxLiteral(group.id));
          assert.equal(body.db_instance_id, asJsonSyntaxLiteral(group.primaryInstanceId));
          assert.equal(body.vpc_id, asJsonSyntaxLiteral(n.vpcId));
          assert.equal(body.subnet_id, asJsonSyntaxLiteral(n.subnetId));
          assert.equal(body.vip, asJsonSyntaxLiteral(n.ip));
          assert.equal(body.is_assign_vip, true);
          assert.deepEqual(body.lifecycle, IGNORE_IS_ASSIGN_VIP);
        });
      }),
      { numRuns: 60 },
    );
  });
});
