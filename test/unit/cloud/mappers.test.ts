import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  asBoolean,
  asNumber,
  asString,
  findTask,
  formatApiTime,
  isPrimaryInstance,
  mapPrimaryInstance,
  mapReadOnlyGroup,
  mapReadOnlyGroups,
  mapRegions,
  mapSubnet,
  mapTaskPage,
  mapTaskStatus,
  mapUsedIp,
  mapVpc,
  taskIdOf,
} from '../../../src/cloud/mappers';

describe('mappers', () => {
  it('maps a group\'s replication settings when all five are listed, and leaves them out otherwise', () => {
    const listed = { ReadOnlyGroupId: 'pgrogrp-1', ReplayLagEliminate: 1, ReplayLatencyEliminate: 0, MaxReplayLag: 64, MaxReplayLatency: '1024', MinDelayEliminateReserve: 2 };
    assert.deepEqual(mapReadOnlyGroup(listed).replication, { replayLagEliminate: 1, replayLatencyEliminate: 0, maxReplayLag: 64, maxReplayLatency: 1024, minDelayEliminateReserve: 2 });
    assert.ok(!('replication' in mapReadOnlyGroup({ ...listed, MaxReplayLag: null })));
  });

  it('maps a complete read-only group with its networks', () => {
    const group = mapReadOnlyGroup({
      ReadOnlyGroupId: 'pgrogrp-1',
      ReadOnlyGroupName: 'reports',
      ProjectId: 3,
      MasterDBInstanceId: 'postgres-1',
      VpcId: 'vpc-1',
      SubnetId: 'subnet-1',
      Region: 'ap-guangzhou',
      Zone: 'ap-guangzhou-3',
      Status: 'ok',
      ReadOnlyDBInstanceList: [{ DBInstanceId: 'pgro-1' }, { DBInstanceId: 'pgro-2' }],
      DBInstanceNetInfo: [
        { Address: '', Ip: '10.0.0.5', Port: 5432, NetType: 'private', Status: 'opened', VpcId: 'vpc-1', SubnetId: 'subnet-1', ProtocolType: 'postgresql' },
      ],
      NetworkAccessList: null,
    });
    assert.deepEqual(group, {
      id: 'pgrogrp-1',
      name: 'reports',
      region: 'ap-guangzhou',
      zone: 'ap-guangzhou-3',
      primaryInstanceId: 'postgres-1',
      projectId: 3,
      vpcId: 'vpc-1',
      subnetId: 'subnet-1',
      status: 'ok',
      readOnlyInstanceIds: ['pgro-1', 'pgro-2'],
      networks: [
        { vpcId: 'vpc-1', subnetId: 'subnet-1', ip: '10.0.0.5', port: 5432, address: '', netType: 'private', status: 'opened', protocolType: 'postgresql' },
      ],
    });
  });

  it('tolerates nulls, missing fields and unknown statuses in a group', () => {
    const group = mapReadOnlyGroup({ ReadOnlyGroupId: 'pgrogrp-2', Status: 'migrating-somewhere', ReadOnlyDBInstanceList: null, DBInstanceNetInfo: [null, {}, 7, { Ip: '10.0.0.9', Port: '5433' }] });
    assert.equal(group.status, 'migrating-somewhere');
    assert.deepEqual(group.readOnlyInstanceIds, []);
    assert.equal(group.networks.length, 1, 'empty and non-object entries are dropped');
    assert.equal(group.networks[0].port, 5433);
    assert.equal(group.name, '');
    assert.equal(group.projectId, 0);
  });

  it('drops groups without an id and survives a missing list', () => {
    assert.deepEqual(mapReadOnlyGroups({ ReadOnlyGroupList: null }), []);
    assert.deepEqual(mapReadOnlyGroups(undefined), []);
    assert.equal(mapReadOnlyGroups({ ReadOnlyGroupList: [{}, { ReadOnlyGroupId: 'g' }] }).length, 1);
  });

  it('maps regions, honouring availability and international support', () => {
    const response = {
      RegionSet: [
        { Region: 'ap-guangzhou', RegionName: 'South China (Guangzhou)', RegionState: 'AVAILABLE', SupportInternational: 1 },
        { Region: 'ap-nanjing', RegionName: 'East China (Nanjing)', RegionState: 'UNAVAILABLE', SupportInternational: 1 },
        { Region: 'ap-shanghai-fsi', RegionName: '', RegionState: 'AVAILABLE', SupportInternational: 0 },
        { RegionName: 'no id' },
      ],
    };
    assert.deepEqual(mapRegions(response), [
      { id: 'ap-guangzhou', name: 'South China (Guangzhou)', available: true },
      { id: 'ap-nanjing', name: 'East China (Nanjing)', available: false },
      // SupportInternational 0 is what the documented example answers for Guangzhou too: not a reason to hide it.
      { id: 'ap-shanghai-fsi', name: 'ap-shanghai-fsi', available: true },
    ]);
    assert.deepEqual(mapRegions({ RegionSet: null }), []);
  });

  it('recognises primaries and maps them', () => {
    assert.equal(isPrimaryInstance({ DBInstanceType: 'primary' }), true);
    assert.equal(isPrimaryInstance({ DBInstanceType: 'readonly' }), false);
    assert.equal(isPrimaryInstance(null), false);
    const instance = mapPrimaryInstance({ DBInstanceId: 'postgres-1', DBInstanceName: 'main', DBVersion: '15.4', ReadOnlyInstanceNum: null });
    assert.equal(instance.version, '15.4');
    assert.equal(instance.readOnlyInstanceCount, 0);
    assert.equal(instance.vpcId, '');
    assert.deepEqual(instance.networks, []);
  });

  it("maps a primary's own networks: private ones and an opened public address; a never-opened public entry is dropped", () => {
    const instance = mapPrimaryInstance({
      DBInstanceId: 'postgres-1',
      DBInstanceNetInfo: [
        { Address: '', Ip: '10.0.2.10', Port: 5432, NetType: 'private', Status: 'opened', VpcId: 'vpc-1', SubnetId: 'subnet-1', ProtocolType: 'postgresql' },
        { Address: '', Ip: '172.16.1.4', Port: 5432, NetType: 'private', Status: 'opening', VpcId: 'vpc-2', SubnetId: 'subnet-2' },
        { Address: 'postgres-1.sql.tencentcdb.com', Ip: '', Port: 25432, NetType: 'public', Status: 'opened', VpcId: '', SubnetId: '' },
        { Address: '', Ip: '', Port: 0, NetType: 'public', Status: 'closed', VpcId: '', SubnetId: '' },
        null,
      ],
    });
    assert.deepEqual(instance.networks.map((n) => [n.ip || n.address, n.netType, n.status, n.port]), [
      ['10.0.2.10', 'private', 'opened', 5432],
      ['172.16.1.4', 'private', 'opening', 5432],
      ['postgres-1.sql.tencentcdb.com', 'public', 'opened', 25432],
    ]);
  });

  it('maps VPCs, subnets and used addresses', () => {
    assert.deepEqual(mapVpc({ VpcId: 'vpc-1', VpcName: 'Default', CidrBlock: '10.0.0.0/16', IsDefault: true }), { id: 'vpc-1', name: 'Default', cidr: '10.0.0.0/16', isDefault: true });
    const subnet = mapSubnet({ SubnetId: 'subnet-1', VpcId: 'vpc-1', AvailableIpAddressCount: '12', TotalIpAddressCount: 253, IsDefault: 'FALSE' });
    assert.equal(subnet.availableIpCount, 12);
    assert.equal(subnet.totalIpCount, 253);
    assert.equal(subnet.isDefault, false);
    assert.deepEqual(mapUsedIp({ IpAddress: '10.0.0.4', VpcId: 'vpc-1', SubnetId: 'subnet-1', ResourceType: 'CVM', ResourceId: 'ins-1' }), {
      ip: '10.0.0.4', vpcId: 'vpc-1', subnetId: 'subnet-1', resourceType: 'CVM', resourceId: 'ins-1',
    });
  });

  it('maps a task and finds it by id; undefined for an empty set', () => {
    const response = {
      TotalCount: 1,
      TaskSet: [{ TaskId: 912, TaskType: 'CreateNetwork', DBInstanceId: 'pgrogrp-1', Status: 'Running', Progress: 140, StartTime: '2024-01-01 00:00:00', EndTime: '', TaskDetail: { CurrentStep: 'opening', Message: '' } }],
    };
    const task = findTask(response, 912);
    assert.equal(task?.state, 'Running');
    assert.equal(task?.progress, 100, 'progress is clamped to 0..100');
    assert.equal(task?.currentStep, 'opening');
    assert.equal(findTask({ TaskSet: [] }, 912), undefined);
    assert.equal(findTask({ TaskSet: null, TotalCount: 0 }, 912), undefined);
    assert.equal(findTask(response, 913), undefined);
    assert.equal(mapTaskStatus({ TaskDetail: null }).currentStep, '');
  });

  it('maps a task whose TaskDetail is {} or whose AllSteps is any string, JSON or not', () => {
    const base = { TaskId: 7, Status: 'Running', Progress: 40 };
    const empty = mapTaskStatus({ ...base, TaskDetail: {} });
    assert.deepEqual([empty.taskId, empty.state, empty.progress, empty.currentStep, empty.message], [7, 'Running', 40, '', '']);
    const documented = JSON.stringify([{ StepId: 1, StepName: 'Pre-check', StepProcess: 100, StepMessage: 'ok' }, { StepId: 2, StepName: 'Apply' }]);
    for (const allSteps of [documented, '{not json', '', '{}', 42, null]) {
      const task = mapTaskStatus({ ...base, TaskDetail: { CurrentStep: 'Apply', AllSteps: allSteps } });
      assert.equal(task.currentStep, 'Apply');
      assert.equal(task.progress, 40);
    }
  });

  it('maps a page of listed tasks, dropping entries without an id', () => {
    const page = mapTaskPage(
      {
        TotalCount: 130,
        TaskSet: [
          { TaskId: 912, Status: 'Success', Progress: 100, StartTime: '2024-01-01 00:00:00', EndTime: '2024-01-01 00:00:09' },
          { TaskId: null, Status: 'Running' },
          { TaskId: 911, Status: 'Running', Progress: 30, TaskDetail: { CurrentStep: 'opening' } },
        ],
      },
      100,
    );
    assert.deepEqual(page.tasks.map((task) => [task.taskId, task.state, task.progress]), [[912, 'Success', 100], [911, 'Running', 30]]);
    assert.equal(page.totalCount, 130);
    assert.deepEqual(mapTaskPage({ TaskSet: null }, 40), { tasks: [], totalCount: 40 }, 'without TotalCount, nothing beyond this page');
  });

  it('writes times as the API reads them: Beijing time, whole seconds', () => {
    assert.equal(formatApiTime(Date.UTC(2024, 0, 31, 15, 59, 59, 900)), '2024-01-31 23:59:59');
    assert.equal(formatApiTime(Date.UTC(2024, 0, 31, 16, 0, 0)), '2024-02-01 00:00:00');
  });

  it('reads the task id of a write, falling back to FlowId', () => {
    assert.equal(taskIdOf({ FlowId: 912, TaskId: 912 }), 912);
    assert.equal(taskIdOf({ FlowId: 77 }), 77);
    assert.equal(taskIdOf({}), 0);
  });

  it('coerces scalars predictably', () => {
    assert.equal(asString(null), '');
    assert.equal(asString(12), '12');
    assert.equal(asNumber('x', 5), 5);
    assert.equal(asNumber(' '), 0);
    assert.equal(asNumber(Number.NaN, 3), 3);
    assert.equal(asBoolean('TRUE'), true);
    assert.equal(asBoolean(0), false);
  });

  it('never throws on arbitrary JSON and always yields well-typed fields (property)', () => {
    const json = fc.jsonValue();
    const looseRecord = (keys: string[]) => fc.record(Object.fromEntries(keys.map((k) => [k, json])), { requiredKeys: [] });
    const group = looseRecord(['ReadOnlyGroupId', 'ReadOnlyGroupName', 'ProjectId', 'Status', 'ReadOnlyDBInstanceList', 'DBInstanceNetInfo', 'Region']);
    fc.assert(
      fc.property(fc.oneof(json, group), fc.oneof(json, fc.record({ ReadOnlyGroupList: fc.oneof(json, fc.array(group)) })), (rawGroup, response) => {
        const mapped = mapReadOnlyGroup(rawGroup);
        assert.equal(typeof mapped.id, 'string');
        assert.ok(Number.isFinite(mapped.projectId));
        assert.ok(Array.isArray(mapped.networks) && Array.isArray(mapped.readOnlyInstanceIds));
        for (const net of mapped.networks) assert.ok(Number.isFinite(net.port) && typeof net.ip === 'string');
        assert.ok(Array.isArray(mapReadOnlyGroups(response)));
        mapRegions(response);
        mapSubnet(rawGroup);
        mapVpc(rawGroup);
        const task = mapTaskStatus(rawGroup);
        assert.ok(task.progress >= 0 && task.progress <= 100);
      }),
      { numRuns: 300 },
    );
  });
});
