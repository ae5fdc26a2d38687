import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectionTexts } from '../../../src/export/connectionString';

describe('export/connectionString', () => {
  it('gives a URI with the default database and a psql command, saying what the user adds', () => {
    assert.deepEqual(connectionTexts('10.0.0.5', 5432), {
      uri: 'postgresql://10.0.0.5:5432/postgres',
      uriLeavesOut: ['user'],
      psql: 'psql -h 10.0.0.5 -p 5432',
      psqlLeavesOut: ['user', 'database'],
    });
  });

  it('gives nothing for an address that is neither an IPv4 VIP nor a host name, or a port out of range', () => {
    for (const [vip, port] of [['', 5432], ['db', 5432], ['10.0.0.5; rm -rf /', 5432], ['010.0.0.5', 5432], ['::1', 5432], ['10.0.0.5', 0], ['10.0.0.5', 65536], ['10.0.0.5', 54.5]] as const) {
      assert.equal(connectionTexts(vip, port), undefined, `${vip}:${port}`);
    }
  });

  it('puts the exact address and port in both forms for any IPv4 VIP', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        const texts = connectionTexts(ip, port);
        assert.ok(texts);
        const url = new URL(texts.uri);
        assert.deepEqual([url.protocol, url.hostname, url.port, url.pathname, url.username], ['postgresql:', ip, String(port), '/postgres', '']);
        assert.deepEqual(texts.psql.split(' '), ['psql', '-h', ip, '-p', String(port)]);
      }),
    );
  });

  it('connects to a public address by its host name, and takes no malformed address or shell text for one', () => {
    const texts = connectionTexts('Payments-DB.pg.example.com', 5432);
    assert.equal(texts?.uri, 'postgresql://payments-db.pg.example.com:5432/postgres');
    assert.equal(texts?.psql, 'psql -h payments-db.pg.example.com -p 5432');
    for (const address of ['10.0.0.256', 'localhost', 'a.com;rm -rf', '-x.example.com', 'a..com', 'pg.example.com ']) {
      assert.equal(connectionTexts(address, 5432), undefined, address);
    }
  });
});
