// Property tests of malformed but valid-JSON API answers: nulls where lists are promised, empty strings, numbers
// as strings, unknown statuses, missing fields. The mappers must never throw, and what they produce must render
// in the tree (labels, descriptions, context values, tooltips) without throwing or breaking the markup.
import * as assert from 'node:assert/strict';
import type { NetworkOwner } from '../../../src/domain/networkOwner';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { whyNetworkCannotBeRemoved, whyNoNetworkCanBeAdded } from '../../../src/ui/changeAvailability';
import fc from 'fast-check';
import {
  findTask,
  mapPrimaryInstance,
  mapReadOnlyGroups,
  mapRegions,
  mapSubnet,
  mapUsedIp,
  mapVpc,
  requestIdOf,
  taskIdOf,
} from '../../../src/cloud/mappers';
import type { ReadOnlyGroup } from '../../../src/domain/model';
import {
  groupAccessibilityLabel,
  groupContextValue,
  groupDescription,
  groupLabel,
  groupTooltip,
  networkAccessibilityLabel,
  networkAddress,
  networkContextValue,
  networkDescription,
  networkTooltip,
  primaryDescription,
  primaryLabel,
  primaryTooltip,
} from '../../../src/explorer/presentation';
import { formatEnglish as t } from '../../../src/domain/translate';

const RUNS = { numRuns: 300 };

/** What real answers put in a field: the right type, or null, "", a number as a string, an object, garbage. */
const fieldValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(null, '', 0, -1, 1.5, 'null', 'undefined', '0', true, false, [], {}) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('|', '`', '*', '[', ']', '(', ')', '<', '>', '\n', '\r', '#', '\\', 'a', ' '), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

function recordOf(fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  // Each field present with any value, or missing altogether.
  return fc.record(Object.fromEntries(fields.map((field) => [field, fieldValue])), { requiredKeys: [] });
}

const netInfo = fc.oneof(recordOf(['Address', 'Ip', 'Port', 'NetType', 'Status', 'VpcId', 'SubnetId', 'ProtocolType']), fieldValue);
const readOnlyGroup = fc.oneof(
  fc
    .tuple(
      recordOf(['ReadOnlyGroupName', 'ProjectId', 'MasterDBInstanceId', 'VpcId', 'SubnetId', 'Region', 'Zone', 'Status', 'NetworkAccessList']),
      fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fieldValue),
      fc.oneof(fc.array(netInfo, { maxLength: 4 }), fieldValue),
      fc.oneof(fc.array(fc.oneof(recordOf(['DBInstanceId', 'DBInstanceName']), fieldValue), { maxLength: 3 }), fieldValue),
    )
    .map(([rest, id, nets, instances]) => ({ ...rest, ReadOnlyGroupId: id, DBInstanceNetInfo: nets, ReadOnlyDBInstanceList: instances })),
  fieldValue,
);
const response = <T>(listField: string, item: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.record({ [listField]: fc.oneof(fc.array(item, { maxLength: 5 }), fieldValue), RequestId: fieldValue, TotalCount: fieldValue }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );

/**
 * The cells of a GFM table row: split on pipes not escaped with a backslash, code spans included (a pipe inside a
 * code span still ends the cell, as the GFM spec says).
 */
function rowCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && i + 1 < line.length) {
      current += line[i] + line[i + 1];
      i++;
    } else if (line[i] === '|') {
      cells.push(current);
      current = '';
    } else {
      current += line[i];
    }
  }
  cells.push(current);
  return cells.slice(1, -1);
}

/** The text of a cell outside its code spans, with backslash escapes taken out. */
function outsideCode(cell: string): string {
  let text = '';
  for (let i = 0; i < cell.length; i++) {
    if (cell[i] === '\\' && i + 1 < cell.length) {
      i++;
    } else if (cell[i] === '`') {
      const end = cell.indexOf('`', i + 1);
      if (end < 0) return text + cell.slice(i);
      i = end;
    } else {
      text += cell[i];
    }
  }
  return text;
}

/** A table of two-cell rows, optionally followed by one blank line and a plain note (why a menu item is missing). */
function assertWellFormedTable(markdown: string): void {
  const [tablePart, note, ...rest] = markdown.split('\n\n');
  assert.equal(rest.length, 0, `at most one note after the table: ${JSON.stringify(markdown)}`);
  if (note !== undefined) {
    assert.doesNotMatch(note, /[\r\n]/, `a note of one line: ${JSON.stringify(note)}`);
    assert.doesNotMatch(note.replace(/\\./g, ''), /[[\]<>*_`!|]/, `unescaped markup in the note ${JSON.stringify(note)}`);
  }
  const lines = tablePart.split('\n');
  assert.ok(lines.length >= 3, 'a table');
  for (const line of lines) {
    assert.doesNotMatch(line, /\r/, `no carriage return inside a row: ${JSON.stringify(line)}`);
    const cells = rowCells(line);
    assert.equal(cells.length, 2, `a row of exactly two cells: ${JSON.stringify(line)}`);
    // Outside code spans every character that could open a link, an image, HTML or emphasis is escaped.
    for (const cell of cells) assert.doesNotMatch(outsideCode(cell), /[[\]<>*_`!]/, `unescaped markup in ${JSON.stringify(line)}`);
  }
}

function assertOneLine(text: string, what: string): void {
  assert.equal(typeof text, 'string', what);
  // Objects from the answer never leak into the text as "[object Object]".
  assert.doesNotMatch(text, /\[object Object\]/, `${what}: ${JSON.stringify(text)}`);
}

function renderGroup(group: ReadOnlyGroup): void {
  assertOneLine(groupLabel(group), 'group label');
  assertOneLine(groupDescription(group, t), 'group description');
  assertOneLine(groupAccessibilityLabel(group, t, 'Adding network…'), 'group accessibility label');
  assert.match(groupContextValue(group), /^roGroup( \w+)*$/);
  assertWellFormedTable(groupTooltip(group, t, { vpcName: () => 'a|b`c[d](e)', subnetName: () => undefined }));
  renderOwnerNetworks(readOnlyGroupOwner(group));
}

/** An owner's networks as the tree shows them, and the words for why Add or Remove is not offered: one line each. */
function renderOwnerNetworks(owner: NetworkOwner): void {
  const networks = owner.kind === 'readOnlyGroup' ? owner.group.networks : owner.instance.networks;
  for (const network of networks) {
    assertOneLine(networkAddress(network), 'network address');
    assertOneLine(networkDescription(network, t), 'network description');
    assertOneLine(networkAccessibilityLabel(network, t), 'network accessibility label');
    assert.match(networkContextValue(owner, network), /^network( \w+)*$/);
    assertWellFormedTable(networkTooltip(owner, network, t));
    const whyNotRemoved = whyNetworkCannotBeRemoved(owner, network, false, t);
    if (whyNotRemoved !== undefined) assertOneLine(whyNotRemoved, 'why a network cannot be removed');
  }
  const whyNotAdded = whyNoNetworkCanBeAdded(owner, false, t);
  if (whyNotAdded !== undefined) assertOneLine(whyNotAdded, 'why no network can be added');
}

describe('Malformed API answers, property-based', () => {
  it('DescribeReadOnlyGroups: any answer maps without throwing, to groups with ids and typed fields, that render', () => {
    fc.assert(
      fc.property(response('ReadOnlyGroupList', readOnlyGroup), (answer) => {
        const groups = mapReadOnlyGroups(answer);
        for (const group of groups) {
          assert.ok(group.id !== '', 'groups without an id are dropped');
          assert.ok(Number.isFinite(group.projectId));
          for (const value of [group.name, group.status, group.region, group.zone, group.vpcId, group.subnetId]) assert.equal(typeof value, 'string');
          assert.ok(Array.isArray(group.networks) && Array.isArray(group.readOnlyInstanceIds));
          for (const network of group.networks) {
            assert.ok(Number.isFinite(network.port));
            assert.ok(network.ip !== '' || network.vpcId !== '' || network.address !== '', 'empty networks are dropped');
          }
          renderGroup(group);
        }
      }),
      RUNS,
    );
  });

  it('DescribeDBInstances, DescribeRegions, DescribeVpcs, DescribeSubnets, DescribeUsedIpAddress: any instance maps and renders', () => {
    const instance = fc
      .tuple(
        recordOf(['DBInstanceId', 'DBInstanceName', 'Region', 'Zone', 'DBInstanceStatus', 'VpcId', 'SubnetId', 'DBVersion', 'DBMajorVersion', 'ReadOnlyInstanceNum', 'DBInstanceType']),
        fc.oneof(fc.array(netInfo, { maxLength: 4 }), fieldValue),
      )
      .map(([rest, nets]) => ({ ...rest, DBInstanceNetInfo: nets }));
    fc.assert(
      fc.property(fc.oneof(instance, fieldValue), fc.jsonValue({ maxDepth: 3 }), (raw, anyAnswer) => {
        const primary = mapPrimaryInstance(raw);
        assert.ok(Number.isFinite(primary.readOnlyInstanceCount));
        assert.ok(Array.isArray(primary.networks));
        for (const network of primary.networks) {
          assert.ok(Number.isFinite(network.port));
          for (const value of [network.ip, network.vpcId, network.subnetId, network.address, network.netType, network.status]) assert.equal(typeof value, 'string');
          assert.ok(network.ip !== '' || network.vpcId !== '' || network.address !== '', 'empty networks are dropped');
        }
        assertOneLine(primaryLabel(primary), 'primary label');
        assertOneLine(primaryDescription(primary, t, 0), 'primary description');
        assertWellFormedTable(primaryTooltip(primary, t));
        renderOwnerNetworks(primaryInstanceOwner(primary));
        for (const region of mapRegions(anyAnswer)) assert.ok(region.id !== '' && typeof region.available === 'boolean');
        for (const mapped of [mapVpc(raw), mapSubnet(raw), mapUsedIp(raw)]) {
          for (const value of Object.values(mapped)) assert.ok(['string', 'number', 'boolean'].includes(typeof value));
        }
        assert.equal(typeof requestIdOf(anyAnswer), 'string');
        assert.ok(Number.isFinite(taskIdOf(anyAnswer)));
      }),
      RUNS,
    );
  });

  it('DescribeTasks: any answer gives the task asked for or none, with a progress within 0..100', () => {
    const task = recordOf(['TaskId', 'TaskType', 'DBInstanceId', 'Status', 'Progress', 'StartTime', 'EndTime', 'TaskDetail']);
    fc.assert(
      fc.property(response('TaskSet', fc.oneof(task, fieldValue)), fc.integer({ min: 0, max: 1_000_000 }), (answer, taskId) => {
        const found = findTask(answer, taskId);
        if (found === undefined) return;
        assert.equal(found.taskId, taskId);
        assert.ok(found.progress >= 0 && found.progress <= 100);
        assert.equal(typeof found.state, 'string');
      }),
      RUNS,
    );
  });

  it('renders the shapes real answers are known to take', () => {
    const groups = mapReadOnlyGroups({
      ReadOnlyGroupList: [
        { ReadOnlyGroupId: 'pgrogrp-1', ReadOnlyGroupName: null, Status: 'upgrading', DBInstanceNetInfo: null, NetworkAccessList: null },
        { ReadOnlyGroupId: 'pgrogrp-2', ReadOnlyGroupName: '', Status: '', DBInstanceNetInfo: [null, {}, { Ip: '10.0.0.5', Port: '5432', Status: 'weird' }] },
        { ReadOnlyGroupId: 'pgrogrp-3', ReadOnlyGroupName: 'name | with `ticks` and [link](command:x)', Status: 'ok', DBInstanceNetInfo: [{ Ip: '10.0.0.6', Port: null, VpcId: 'vpc|1', Status: 'opened' }] },
      ],
    });
    assert.deepEqual(groups.map((group) => group.id), ['pgrogrp-1', 'pgrogrp-2', 'pgrogrp-3']);
    assert.equal(groups[0].networks.length, 0);
    assert.equal(groupDescription(groups[0], t), 'upgrading · 0/2 networks');
    assert.equal(groups[1].networks.length, 1);
    assert.equal(groups[1].networks[0].port, 5432);
    assert.equal(groupLabel(groups[1]), 'pgrogrp-2');
    groups.forEach(renderGroup);
  });
});
