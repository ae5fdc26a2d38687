import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createLazyTencentCloudApi } from '../../src/cloud/lazyCloudApi';
import { demoWorldPath, startEmulator, type RunningEmulator } from '../emulator';
import { callsOf, DEMO_CREDENTIALS, RecordingLogger } from './clientHarness';

const REGION = 'ap-guangzhou';

/**
 * In a fresh Node process (this one has loaded the SDK already): builds a lazy client against the emulator, and
 * reports whether the SDK's modules were loaded before and after its first call.
 */
async function sdkLoadingInFreshProcess(endpoint: string): Promise<{ beforeCall: boolean; afterCall: boolean; regions: number }> {
  const lazyModule = path.resolve(__dirname, '..', '..', 'src', 'cloud', 'lazyCloudApi.js');
  const script = `
    const sdkLoaded = () => Object.keys(require.cache).some((file) => file.includes('tencentcloud-sdk-nodejs'));
    const { createLazyTencentCloudApi } = require(${JSON.stringify(lazyModule)});
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const credentials = ${JSON.stringify(DEMO_CREDENTIALS)};
    const api = createLazyTencentCloudApi({ site: 'intl', endpoint: ${JSON.stringify(endpoint)}, logger: quiet, timeoutMs: 3000,
      credentials: { getCredentials: async () => credentials } });
    const beforeCall = sdkLoaded();
    api.listRegions().then((regions) => {
      process.stdout.write(JSON.stringify({ beforeCall, afterCall: sdkLoaded(), regions: regions.length }));
      api.dispose();
    }, (error) => { console.error(error); process.exit(1); });
  `;
  // Not execFileSync: the emulator answering the child runs in this process.
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
  return JSON.parse(stdout) as { beforeCall: boolean; afterCall: boolean; regions: number };
}

describe('cloud client loaded on first use', function () {
  this.timeout(15000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(() => emulator.control.apply({ op: 'reset' }));

  it('does not load the SDK until the first call, then answers as the client does', async () => {
    const outcome = await sdkLoadingInFreshProcess(emulator.url);
    assert.equal(outcome.beforeCall, false, 'building the client must not load the SDK');
    assert.equal(outcome.afterCall, true);
    assert.equal(outcome.regions, emulator.control.world().regions.length);
  });

  it('forwards every call with its arguments, and loads the client once', async () => {
    const api = createLazyTencentCloudApi({ site: 'intl', endpoint: emulator.url, logger: new RecordingLogger(), timeoutMs: 3000, credentials: { getCredentials: async () => DEMO_CREDENTIALS } });
    try {
      const [regions, page] = await Promise.all([api.listRegions(), api.listPrimaryInstances(REGION, { offset: 0, limit: 5 })]);
      assert.ok(regions.some((region) => region.id === REGION));
      assert.ok(page.instances.length > 0);
      assert.equal((await api.listTasks(REGION, { since: Date.now() - 60_000, offset: 0, limit: 10 })).totalCount, 0);
      assert.equal(await api.describeTask(REGION, 424242), undefined);
      assert.equal(callsOf(emulator, 'DescribeDBInstances').length, 1);
      assert.equal(callsOf(emulator, 'DescribeTasks').length, 2);
    } finally {
      api.dispose();
    }
  });
});
