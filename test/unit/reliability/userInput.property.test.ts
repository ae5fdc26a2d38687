// Property tests of everything a person types or configures: profile names, key fields, VIPs, CIDR blocks,
// endpoint overrides and region ids. No input may crash a check, and whatever a check accepts must be safe
// to send (to storage keys, HTTP headers, the API).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLoopbackHost, parseEndpointOverride } from '../../../src/cloud/endpointOverride';
import { checkProfileName, checkSecretField, MAX_PROFILE_NAME_LENGTH, maskSecretId } from '../../../src/credentials/profile';
import { checkVip, parseCidr, parseIpv4, reservedAddresses } from '../../../src/domain/ipv4';
import { isValidRegionId, validRegionIds } from '../../../src/domain/regionId';
import { vipProblem } from '../../../src/network/add/addNetworkItems';

const t = (message: string, ...args: Array<string | number | boolean>): string =>
  message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)]));

const RUNS = { numRuns: 300 };

/** Text a person could paste: any unicode, control characters, surrounding blanks. */
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u200b', 'a', '1', '.', '-', '_', '/', ':', '%'), maxLength: 30 }),
);

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));

function toNumber(ip: string): number {
  return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}
function fromNumber(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

describe('User input, property-based', () => {
  describe('profile names', () => {
    it('never throw, and an accepted name is trimmed, short, and free of blanks, controls and separators', () => {
      fc.assert(
        fc.property(anyText, (name) => {
          const problem = checkProfileName(name);
          if (problem !== undefined) return;
          const trimmed = name.trim();
          assert.ok(trimmed.length >= 1 && trimmed.length <= MAX_PROFILE_NAME_LENGTH);
          assert.doesNotMatch(trimmed, /[\s\p{C}/\\:"'`<>|*?{}[\]()]/u, `accepted ${JSON.stringify(name)}`);
        }),
        RUNS,
      );
    });

    it('accepts every name made of letters, digits, ".", "-" and "_" within the length limit', () => {
      const nameChar = fc.constantFrom(...'abcXYZ019._-', '名', 'é', 'ж');
      fc.assert(
        fc.property(fc.string({ unit: nameChar, minLength: 1, maxLength: MAX_PROFILE_NAME_LENGTH }), (name) => {
          assert.equal(checkProfileName(name), undefined);
          assert.equal(checkProfileName(`  ${name}\t`), undefined, 'blanks around a name are ignored');
        }),
        RUNS,
      );
    });
  });

  describe('SecretId and SecretKey fields', () => {
    it('refuse any value with a blank inside, accept any single token', () => {
      fc.assert(
        fc.property(anyText, (value) => {
          const problem = checkSecretField(value);
          const trimmed = value.trim();
          if (trimmed === '') assert.equal(problem, 'empty');
          else if (/\s/.test(trimmed)) assert.equal(problem, 'whitespace');
          else assert.equal(problem, undefined);
        }),
        RUNS,
      );
    });

    it('the SecretId hint never shows more than 8 characters of the id', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 0, maxLength: 64 }), (secretId) => {
          const hint = maskSecretId(secretId);
          const shown = hint.replace('…', '');
          assert.ok(shown.length <= 8);
          if (secretId.length > 8) assert.equal(hint, `${secretId.slice(0, 4)}…${secretId.slice(-4)}`);
        }),
        RUNS,
      );
    });
  });

  describe('VIP and CIDR validation', () => {
    const cidrArbitrary = fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([ip, prefix]) => `${ip}/${prefix}`);

    it('parseIpv4 and parseCidr never throw, and what they accept is canonical', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, ipv4, cidrArbitrary), (text) => {
          const ip = parseIpv4(text);
          if (ip !== undefined) {
            assert.match(ip, /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
            assert.equal(parseIpv4(ip), ip, 'canonical form is stable');
          }
          const cidr = parseCidr(text);
          if (cidr !== undefined) {
            assert.equal(parseCidr(cidr.text)?.text, cidr.text);
            assert.equal(cidr.size, 2 ** (32 - cidr.prefix));
          }
        }),
        RUNS,
      );
    });

    it('a VIP passes the check exactly when it is inside the subnet and not its network, gateway or broadcast address', () => {
      fc.assert(
        fc.property(cidrArbitrary, ipv4, fc.boolean(), (cidrText, candidate, pickInside) => {
          const cidr = parseCidr(cidrText);
          assert.ok(cidr);
          const network = toNumber(cidr.network);
          // Half the time, an address inside the block (the ends included): the interesting cases.
          const address = pickInside ? fromNumber(network + (toNumber(candidate) % cidr.size)) : candidate;
          const value = toNumber(address);
          const inside = value >= network && value < network + cidr.size;
          const reserved = cidr.prefix <= 30 && (value === network || value === network + 1 || value === network + cidr.size - 1);
          const verdict = checkVip(address, cidr);
          assert.equal(verdict.ok, inside && !reserved, `${address} in ${cidr.text}`);
          if (!verdict.ok) {
            assert.equal(verdict.problem, inside ? 'reserved' : 'outsideSubnet');
          }
          assert.equal(vipProblem(address, cidrText, t) === undefined, verdict.ok);
          assert.equal(reservedAddresses(cidr).includes(address), reserved);
        }),
        RUNS,
      );
    });

    it('vipProblem never throws on any text or subnet, and lets through only a parsable address', () => {
      fc.assert(
        fc.property(anyText, fc.oneof(cidrArbitrary, anyText), (text, subnet) => {
          const problem = vipProblem(text, subnet, t);
          if (problem === undefined && parseCidr(subnet) !== undefined) {
            assert.ok(parseIpv4(text) !== undefined, `${JSON.stringify(text)} passed for ${subnet}`);
          }
          if (problem !== undefined) assert.ok(problem.length > 0);
        }),
        RUNS,
      );
    });
  });

  describe('endpoint override', () => {
    const host = fc.oneof(
      ipv4,
      fc.constantFrom('localhost', '[::1]', 'LOCALHOST', '[::ffff:127.0.0.1]', 'api.example.com', '[2001:db8::1]', 'postgres.tencentcloudapi.com'),
      fc.domain(),
    );
    const url = fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'HTTP', 'file', 'javascript'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), fc.constantFrom('', '/', '/path', '?q=1', '#x'))
      .map(([scheme, name, port, tail]) => `${scheme}://${name}${port === undefined ? '' : `:${port}`}${tail}`);

    it('accepts only https://, or http:// to a loopback host, with nothing but scheme, host and port', () => {
      fc.assert(
        fc.property(fc.oneof(url, anyText, fc.webUrl()), (text) => {
          let parsed: ReturnType<typeof parseEndpointOverride> | undefined;
          try {
            parsed = parseEndpointOverride(text);
          } catch (error) {
            assert.ok(error instanceof Error, 'refusals are Errors');
            return;
          }
          assert.ok(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.loopback), `accepted ${text}`);
          assert.equal(parsed.loopback, isLoopbackHost(parsed.host));
          const reparsed = new URL(text);
          assert.ok(reparsed.pathname === '/' || reparsed.pathname === '');
          assert.equal(reparsed.search + reparsed.hash, '');
        }),
        RUNS,
      );
    });

    it('refuses plain http:// to any address outside 127.0.0.0/8', () => {
      fc.assert(
        fc.property(ipv4.filter((ip) => !ip.startsWith('127.')), (ip) => {
          assert.throws(() => parseEndpointOverride(`http://${ip}:8080`), /only allowed for loopback/);
        }),
        RUNS,
      );
    });
  });

  describe('region ids', () => {
    it('an accepted region id is lower-case ASCII, safe in an HTTP header, and matches the settings schema', () => {
      const schema = /^[a-z]{2}-[a-z0-9-]+$/;
      fc.assert(
        fc.property(fc.oneof(anyText, fc.stringMatching(/^[a-z]{2}-[a-z0-9-]{1,20}$/)), (region) => {
          if (!isValidRegionId(region)) return;
          assert.match(region, schema);
          assert.match(region, /^[\x21-\x7e]+$/, 'header-safe');
          assert.ok(region.length <= 64);
        }),
        RUNS,
      );
    });

    it('validRegionIds keeps the valid ids, trimmed, once each, in order, and drops everything else', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.anything(), anyText, fc.constantFrom('ap-guangzhou', ' ap-shanghai ', 'na-siliconvalley')), { maxLength: 12 }), (value) => {
          const kept = validRegionIds(value);
          assert.equal(new Set(kept).size, kept.length);
          for (const region of kept) assert.ok(isValidRegionId(region));
          const expected = value
            .filter((item): item is string => typeof item === 'string')
            .map((item) => item.trim())
            .filter((item) => isValidRegionId(item));
          assert.deepEqual(kept, [...new Set(expected)]);
        }),
        RUNS,
      );
      assert.deepEqual(validRegionIds('ap-guangzhou'), [], 'not an array');
    });

    it('the documented regions are all valid', () => {
      for (const region of ['ap-bangkok', 'ap-shanghai-fsi', 'eu-frankfurt', 'na-siliconvalley', 'sa-saopaulo']) {
        assert.ok(isValidRegionId(region), region);
      }
    });
  });
});
