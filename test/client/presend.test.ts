import assert from 'node:assert/strict';
import { demoWorldPath, startEmulator, type RunningEmulator } from '../emulator';
import { callsOf, cloudErrorOf, makeApi } from './clientHarness';

describe('cloud client: a request that never left', function () {
  this.timeout(10000);
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
  });
  afterEach(async () => emulator.stop());

  it('a write refused before sending (a SecretId with a line break) is not ambiguous, and the SecretId is in no log line or message', async () => {
    const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\nAKIDsecondlineOfTheIdXYZ';
    const { api, logger, credentials } = makeApi(emulator, { retry: { maxAttempts: 1 } });
    credentials.current = { secretId, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' };
    try {
      const error = await cloudErrorOf(
        api.createNetwork({ region: 'ap-guangzhou', groupId: 'pgrogrp-ehv9k8jn', vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6' }),
      );
      assert.equal(callsOf(emulator, 'CreateReadOnlyGroupNetworkAccess').length, 0, 'nothing reached the API');
      assert.equal(error.ambiguous, false, `not ambiguous: ${error.message}`);
      for (const text of [error.message, ...logger.lines]) {
        assert.doesNotMatch(text, /z8krbsJ5yKBZQpn74WFkmLPx3|secondlineOfTheId/, text);
      }
    } finally {
      api.dispose();
    }
  });
});
