import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayDial } from '../../../src/reachability/mayDial';

describe('reachability/mayDial', () => {
  it('lets only loopback through when the endpoint is an emulator', () => {
    assert.deepEqual(mayDial('127.0.0.1', true), { ok: true, ip: '127.0.0.1' });
    assert.deepEqual(mayDial('127.255.255.254', true), { ok: true, ip: '127.255.255.254' });
    for (const host of ['10.0.0.5', '128.0.0.1', '126.255.255.255', '0.0.0.0', '192.168.1.1']) {
      assert.deepEqual(mayDial(host, true), { ok: false, reason: 'notLoopback' }, host);
    }
  });

  it('lets any IPv4 VIP through against the real API', () => {
    assert.deepEqual(mayDial('10.0.0.5', false), { ok: true, ip: '10.0.0.5' });
  });

  it('never dials a name or anything but a plain IPv4 literal', () => {
    for (const host of ['localhost', '', ' 127.0.0.1', '127.1', '0x7f.0.0.1', '::1', '127.0.0.1.nip.io', '0127.0.0.1']) {
      for (const emulator of [true, false]) assert.deepEqual(mayDial(host, emulator), { ok: false, reason: 'notIpv4' }, host);
    }
  });

  it('allows an emulator address exactly when its first octet is 127', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => mayDial(ip, true).ok === (ip.split('.')[0] === '127')));
  });
});
