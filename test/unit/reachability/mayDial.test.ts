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

  it('lets only private VPC addresses through against the real API', () => {
    for (const host of ['10.0.0.5', '172.16.0.1', '172.31.255.254', '192.168.1.1']) assert.deepEqual(mayDial(host, false), { ok: true, ip: host }, host);
    for (const host of ['0.0.0.0', '127.0.0.1', '127.8.9.10', '169.254.169.254', '255.255.255.255', '172.32.0.1', '8.8.8.8', '100.64.0.1', '224.0.0.1']) {
      assert.deepEqual(mayDial(host, false), { ok: false, reason: 'notPrivate' }, host);
    }
  });

  it('dials against the real API exactly the addresses of 10/8, 172.16/12 and 192.168/16', () => {
    const inPrivateRange = (ip: string): boolean => {
      const [a, b] = ip.split('.').map(Number);
      return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
    };
    fc.assert(fc.property(fc.ipV4(), (ip) => mayDial(ip, false).ok === inPrivateRange(ip)));
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
