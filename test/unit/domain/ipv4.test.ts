import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { candidateAddresses, checkVip, isInCidr, parseCidr, parseIpv4, reservedAddresses } from '../../../src/domain/ipv4';

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
const prefix = fc.integer({ min: 0, max: 32 });

/** Independent oracle: an address as 32 binary digits, so CIDR membership is a string prefix test. */
function bits(ip: string): string {
  return ip
    .split('.')
    .map((part) => Number(part).toString(2).padStart(8, '0'))
    .join('');
}

function cidrOf(ip: string, length: number) {
  const cidr = parseCidr(`${ip}/${length}`);
  assert.ok(cidr, `${ip}/${length} should parse`);
  return cidr;
}

describe('domain/ipv4', () => {
  describe('parseIpv4', () => {
    it('accepts every dotted quad and returns it unchanged', () => {
      fc.assert(fc.property(address, (ip) => parseIpv4(ip) === ip));
    });

    it('ignores surrounding whitespace', () => {
      assert.equal(parseIpv4('  10.0.0.7\t'), '10.0.0.7');
    });

    it('rejects what only looks like an address', () => {
      for (const text of ['', '10.0.0', '10.0.0.0.1', '256.0.0.1', '010.0.0.1', '10.0.0.1/32', '0x0a.0.0.1', '1e1.0.0.1', '10.0.0.-1', '::1', '10..0.1']) {
        assert.equal(parseIpv4(text), undefined, JSON.stringify(text));
      }
    });

    it('never throws, whatever is typed', () => {
      fc.assert(fc.property(fc.string(), (text) => {
        const parsed = parseIpv4(text);
        return parsed === undefined || /^\d{1,3}(\.\d{1,3}){3}$/.test(parsed);
      }));
    });
  });

  describe('parseCidr', () => {
    it('clears host bits and computes the ends of the block', () => {
      const cidr = cidrOf('10.0.1.77', 24);
      assert.deepEqual(
        { ...cidr },
        { text: '10.0.1.0/24', network: '10.0.1.0', prefix: 24, broadcast: '10.0.1.255', firstHost: '10.0.1.1', lastHost: '10.0.1.254', size: 256 },
      );
    });

    it('handles high addresses without sign errors', () => {
      assert.equal(cidrOf('200.100.50.25', 16).network, '200.100.0.0');
      assert.equal(cidrOf('255.255.255.255', 0).broadcast, '255.255.255.255');
    });

    it('rejects malformed blocks', () => {
      for (const text of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0/24', 'x/24', '10.0.0.0/']) {
        assert.equal(parseCidr(text), undefined, text);
      }
    });

    it('puts network and broadcast on the block boundaries (property)', () => {
      fc.assert(fc.property(address, prefix, (ip, length) => {
        const cidr = cidrOf(ip, length);
        const hostBits = 32 - length;
        return (
          bits(cidr.network) === bits(ip).slice(0, length) + '0'.repeat(hostBits) &&
          bits(cidr.broadcast) === bits(ip).slice(0, length) + '1'.repeat(hostBits) &&
          cidr.size === 2 ** hostBits
        );
      }));
    });
  });

  describe('isInCidr', () => {
    it('agrees with a bitwise prefix comparison (property)', () => {
      fc.assert(fc.property(address, address, prefix, (base, candidate, length) => {
        const cidr = cidrOf(base, length);
        return isInCidr(candidate, cidr) === (bits(candidate).slice(0, length) === bits(base).slice(0, length));
      }));
    });
  });

  describe('reserved addresses and checkVip', () => {
    const subnet = cidrOf('172.16.0.0', 28);

    it('reserves network, gateway and broadcast', () => {
      assert.deepEqual(reservedAddresses(subnet), ['172.16.0.0', '172.16.0.1', '172.16.0.15']);
    });

    it('names the problem with a typed VIP', () => {
      assert.deepEqual(checkVip('172.16.0.9', subnet), { ok: true, ip: '172.16.0.9' });
      assert.deepEqual(checkVip('172.16.0.999', subnet), { ok: false, problem: 'notIpv4' });
      assert.deepEqual(checkVip('172.16.0.16', subnet), { ok: false, problem: 'outsideSubnet' });
      assert.deepEqual(checkVip('172.16.0.1', subnet), { ok: false, problem: 'reserved' });
      assert.deepEqual(checkVip('172.16.0.15', subnet), { ok: false, problem: 'reserved' });
      assert.deepEqual(checkVip('hello', subnet), { ok: false, problem: 'notIpv4' });
    });

    it('accepts exactly the in-block, non-reserved addresses (property)', () => {
      fc.assert(fc.property(address, address, fc.integer({ min: 8, max: 30 }), (base, candidate, length) => {
        const cidr = cidrOf(base, length);
        const verdict = checkVip(candidate, cidr);
        const inside = bits(candidate).slice(0, length) === bits(base).slice(0, length);
        const hostPart = bits(candidate).slice(length);
        const reserved = /^0+$/.test(hostPart) || /^0*1$/.test(hostPart) || /^1+$/.test(hostPart);
        return verdict.ok === (inside && !reserved);
      }));
    });
  });

  describe('candidateAddresses', () => {
    it('offers the lowest free addresses first', () => {
      const subnet = cidrOf('10.0.0.0', 29);
      assert.deepEqual(candidateAddresses(subnet, new Set(['10.0.0.3']), 3), ['10.0.0.2', '10.0.0.4', '10.0.0.5']);
    });

    it('returns nothing from a full subnet', () => {
      const subnet = cidrOf('10.0.0.0', 30);
      assert.deepEqual(candidateAddresses(subnet, new Set(['10.0.0.2']), 5), []);
    });

    it('offers only free, assignable, distinct addresses of the block (property)', () => {
      fc.assert(fc.property(
        address,
        fc.integer({ min: 16, max: 30 }),
        fc.array(address, { maxLength: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (base, length, takenList, count) => {
          const cidr = cidrOf(base, length);
          const taken = new Set(takenList);
          const offered = candidateAddresses(cidr, taken, count);
          return (
            offered.length <= count &&
            new Set(offered).size === offered.length &&
            offered.every((ip) => !taken.has(ip) && checkVip(ip, cidr).ok)
          );
        },
      ));
    });
  });
});
