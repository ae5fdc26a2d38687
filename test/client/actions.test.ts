import assert from 'node:assert/strict';
import type { DisposableCloudApi } from '../../src/cloud/tencentCloudApi';
import type { PrimaryInstance } from '../../src/domain/model';
import { demoWorldPath, startEmulator, type RunningEmulator } from '../emulator';
import { callsOf, waitFor, makeApi, type RecordingLogger } from './clientHarness';

const REGION = 'ap-guangzhou';

describe('cloud client against the emulator: every action', function () {
  this.timeout(15000);
  let emulator: RunningEmulator;
  let api: DisposableCloudApi;
  let logger: RecordingLogger;

  before(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(() => {
    emulator.control.apply({ op: 'reset' });
    ({ api, logger } = makeApi(emulator));
  });
  afterEach(() => api.dispose());

  it('lists regions with their availability', async () => {
    const regions = await api.listRegions();
    const byId = new Map(regions.map((r) => [r.id, r]));
    assert.deepEqual(
      regions.map((r) => r.id).sort(),
      emulator.control.world().regions.map((r) => r.region).sort(),
    );
    assert.equal(byId.get(REGION)?.available, true);
    assert.equal(byId.get('ap-mumbai')?.available, false);
    assert.ok((byId.get(REGION)?.name ?? '').length > 0);
    // The API requires a Region even here: the default home region, or the configured one.
    assert.deepEqual(callsOf(emulator, 'DescribeRegions').map((entry) => entry.region), ['ap-guangzhou']);
    const elsewhere = makeApi(emulator, { homeRegion: 'ap-singapore' }).api;
    await elsewhere.listRegions();
    elsewhere.dispose();
    assert.equal(callsOf(emulator, 'DescribeRegions').at(-1)?.region, 'ap-singapore');
  });

  it('pages through primary instances only, advancing by the raw page size', async () => {
    const world = emulator.control.world().regions.find((r) => r.region === REGION);
    const expected = (world?.primaryInstances ?? []).map((p) => p.dbInstanceId).sort();
    assert.ok(expected.length > 5, 'the demo world has more primaries than one page of 5');
    const seen: PrimaryInstance[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    let totalCount = 0;
    while (offset !== undefined && pages < 50) {
      const page = await api.listPrimaryInstances(REGION, { offset, limit: 5 }, {});
      seen.push(...page.instances);
      totalCount = page.totalCount;
      offset = page.nextOffset;
      pages++;
    }
    assert.deepEqual(seen.map((p) => p.id).sort(), expected);
    assert.ok(totalCount > expected.length, 'the API counts read-only instances too');
    assert.equal(pages, Math.ceil(totalCount / 5));
    assert.ok(seen.every((p) => p.region === REGION && p.status !== '' && p.version !== ''));
  });

  it('lists the read-only groups of a primary, with their networks', async () => {
    const groups = await api.listReadOnlyGroups(REGION, 'postgres-go1nxg3q');
    assert.deepEqual(groups.map((g) => g.id).sort(), ['pgrogrp-5zyz187t', 'pgrogrp-ehv9k8jn']);
    const two = groups.find((g) => g.id === 'pgrogrp-5zyz187t');
    assert.equal(two?.primaryInstanceId, 'postgres-go1nxg3q');
    assert.equal(two?.status, 'ok');
    assert.deepEqual(two?.networks.map((n) => n.ip).sort(), ['10.0.2.102', '172.16.1.20']);
    assert.ok(two?.networks.every((n) => n.port > 0 && n.vpcId.startsWith('vpc-')));
    assert.deepEqual(await api.listReadOnlyGroups(REGION, 'postgres-doesnotexist'), []);
  });

  it('reads one group back by id, or undefined once it is unknown', async () => {
    const group = await api.getReadOnlyGroup(REGION, 'postgres-1moscm05', 'pgrogrp-p7zfh06j');
    assert.equal(group?.status, 'modifying');
    assert.equal(group?.networks.length, 2);
    assert.equal(await api.getReadOnlyGroup(REGION, 'postgres-1moscm05', 'pgrogrp-nothere'), undefined);
    const call = callsOf(emulator, 'DescribeReadOnlyGroups');
    assert.equal(call.length, 2);
  });

  it('lists VPCs and subnets (all, or of one VPC)', async () => {
    const vpcs = await api.listVpcs(REGION);
    assert.deepEqual(vpcs.map((v) => v.id).sort(), ['vpc-0p4qrebe', 'vpc-9jtwov7c', 'vpc-cw7r7exj']);
    assert.ok(vpcs.every((v) => v.cidr.includes('/')));
    const ofOne = await api.listSubnets(REGION, 'vpc-0p4qrebe');
    assert.equal(ofOne.length, 5);
    assert.ok(ofOne.every((s) => s.vpcId === 'vpc-0p4qrebe' && s.totalIpCount > 0 && s.availableIpCount <= s.totalIpCount));
    const all = await api.listSubnets(REGION);
    assert.equal(all.length, 8);
  });

  it('finds used addresses, batching by 100', async () => {
    const ips = Array.from({ length: 254 }, (_, i) => `10.0.2.${i + 1}`);
    emulator.control.apply({ op: 'clearRequests' });
    const used = await api.findUsedIps(REGION, 'vpc-0p4qrebe', 'subnet-4hgz4cr2', ips);
    const usedIps = used.map((u) => u.ip);
    for (const ip of ['10.0.2.101', '10.0.2.102', '10.0.2.111', '10.0.2.131', '10.0.2.151']) {
      assert.ok(usedIps.includes(ip), `${ip} is held by a group network`);
    }
    assert.ok(used.every((u) => u.subnetId === 'subnet-4hgz4cr2' && u.resourceId !== ''));
    assert.equal(callsOf(emulator, 'DescribeUsedIpAddress').length, 3);
    assert.deepEqual(await api.findUsedIps(REGION, 'vpc-0p4qrebe', 'subnet-4hgz4cr2', ['10.0.2.200']), []);
    assert.deepEqual(await api.findUsedIps(REGION, 'vpc-0p4qrebe', 'subnet-4hgz4cr2', []), []);
  });

  it('creates a network, follows its task to Success, then deletes it', async () => {
    emulator.control.apply({ op: 'setTaskDuration', durationMs: 400 });
    const created = await api.createNetwork({ region: REGION, groupId: 'pgrogrp-ehv9k8jn', vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6' });
    assert.ok(created.taskId > 0);
    assert.ok(created.requestId !== '');
    const running = await api.describeTask(REGION, created.taskId);
    assert.equal(running?.taskId, created.taskId);
    assert.ok(running && ['Running', 'Success'].includes(running.state));
    const done = await waitFor(async () => {
      const task = await api.describeTask(REGION, created.taskId);
      return task?.state === 'Success' ? task : undefined;
    }, 5000, 100);
    assert.equal(done.progress, 100);
    assert.notEqual(done.endTime, '');

    const group = await waitFor(async () => {
      const g = await api.getReadOnlyGroup(REGION, 'postgres-go1nxg3q', 'pgrogrp-ehv9k8jn');
      return g?.status === 'ok' && g.networks.length === 2 ? g : undefined;
    }, 5000, 100);
    const added = group.networks.find((n) => n.subnetId === 'subnet-unuu55q6');
    assert.equal(added?.status, 'opened');

    const removed = await api.deleteNetwork({ region: REGION, groupId: group.id, vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6', vip: added?.ip ?? '' });
    assert.ok(removed.taskId > created.taskId);
    await waitFor(async () => ((await api.describeTask(REGION, removed.taskId))?.state === 'Success' ? true : undefined), 5000, 100);
  });

  it('creates with a chosen VIP', async () => {
    const created = await api.createNetwork({ region: REGION, groupId: 'pgrogrp-2k11ol54', vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-0qy9gxh8', vip: '10.0.1.77' });
    const group = await api.getReadOnlyGroup(REGION, 'postgres-nbeybsgh', 'pgrogrp-2k11ol54');
    assert.ok(created.taskId > 0);
    assert.deepEqual(group?.networks.map((n) => n.ip), ['10.0.1.77']);
  });

  it('asks for answers in Chinese when configured', async () => {
    const { api: chinese } = makeApi(emulator, { language: 'zh-CN', site: 'china' });
    try {
      const regions = await chinese.listRegions();
      assert.ok(regions.some((r) => r.id === REGION));
    } finally {
      chinese.dispose();
    }
  });

  it("lists the region's tasks started since a moment, newest first, one page at a time", async () => {
    const since = Date.now() - 60_000;
    const first = await api.createNetwork({ region: REGION, groupId: 'pgrogrp-ehv9k8jn', vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6' });
    const second = await api.createNetwork({ region: REGION, groupId: 'pgrogrp-2k11ol54', vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-0qy9gxh8' });
    const firstPage = await api.listTasks(REGION, { since, offset: 0, limit: 1 });
    assert.equal(firstPage.totalCount, 2);
    assert.deepEqual(firstPage.tasks.map((task) => task.taskId), [second.taskId]);
    const secondPage = await api.listTasks(REGION, { since, offset: 1, limit: 1 });
    assert.deepEqual(secondPage.tasks.map((task) => task.taskId), [first.taskId]);
    assert.ok(secondPage.tasks.every((task) => ['Running', 'Success'].includes(task.state)));
    const later = await api.listTasks(REGION, { since: Date.now() + 10 * 60_000, offset: 0, limit: 100 });
    assert.deepEqual(later, { tasks: [], totalCount: 0 }, 'tasks started before MinStartTime are left out');
    assert.equal(callsOf(emulator, 'DescribeTasks').length, 3);
  });

  it('answers undefined for a task the API does not know', async () => {
    assert.equal(await api.describeTask(REGION, 999_999), undefined);
  });

  it('logs every call once with action, region, duration, request id and attempt', async () => {
    await api.listVpcs(REGION);
    const lines = logger.lines.filter((l) => l.includes('DescribeVpcs'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^info DescribeVpcs region=ap-guangzhou attempt=1\/3 duration=\d+ms requestId=[0-9a-f-]{36} ok$/);
    const logged = callsOf(emulator, 'DescribeVpcs')[0];
    assert.ok(lines[0].includes(logged.requestId), 'the logged request id is the one the API answered');
  });
});
