import assert from 'node:assert/strict';
import {
  checkProfileName,
  checkSecretField,
  maskSecretId,
  parseStoredCredentials,
  readEnvironmentCredentials,
  serializeCredentials,
} from '../../../src/credentials/profile';

describe('credential profiles', () => {
  describe('profile names', () => {
    it('accepts names made of letters, digits, dot, dash and underscore', () => {
      for (const name of ['default', 'prod-2', 'team_a.ops', '生产']) {
        assert.equal(checkProfileName(name), undefined, name);
      }
    });

    it('refuses empty, too long and oddly spelled names, saying which', () => {
      assert.equal(checkProfileName('   '), 'empty');
      assert.equal(checkProfileName('a'.repeat(65)), 'tooLong');
      assert.equal(checkProfileName('a'.repeat(64)), undefined);
      assert.equal(checkProfileName('my profile'), 'characters');
      assert.equal(checkProfileName('(environment)'), 'characters');
      assert.equal(checkProfileName('a/b'), 'characters');
    });
  });

  describe('secret fields', () => {
    it('refuses an empty value and a value with pasted whitespace inside', () => {
      assert.equal(checkSecretField(''), 'empty');
      assert.equal(checkSecretField('AKID abc'), 'whitespace');
      assert.equal(checkSecretField('AKID\nabc'), 'whitespace');
      assert.equal(checkSecretField('  AKIDabc  '), undefined);
    });
  });

  it('hides the middle of a SecretId, and all of a short one', () => {
    assert.equal(maskSecretId('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE'), 'AKID…MPLE');
    assert.equal(maskSecretId('AKID1234'), '…');
  });

  describe('environment credentials', () => {
    it('needs both the id and the key', () => {
      assert.equal(readEnvironmentCredentials({ TENCENTCLOUD_SECRET_ID: 'id' }), undefined);
      assert.equal(readEnvironmentCredentials({ TENCENTCLOUD_SECRET_KEY: 'key', TENCENTCLOUD_SESSION_TOKEN: 't' }), undefined);
    });

    it('reads the token when there is one, trimmed', () => {
      assert.deepEqual(readEnvironmentCredentials({ TENCENTCLOUD_SECRET_ID: ' id ', TENCENTCLOUD_SECRET_KEY: 'key' }), {
        secretId: 'id',
        secretKey: 'key',
      });
      assert.deepEqual(
        readEnvironmentCredentials({ TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: 'key', TENCENTCLOUD_SESSION_TOKEN: 'tok' }),
        { secretId: 'id', secretKey: 'key', token: 'tok' },
      );
    });
  });

  describe('stored form', () => {
    it('round-trips keys with and without a token', () => {
      for (const credentials of [{ secretId: 'a', secretKey: 'b' }, { secretId: 'a', secretKey: 'b', token: 'c' }]) {
        assert.deepEqual(parseStoredCredentials(serializeCredentials(credentials)), credentials);
      }
    });

    it('reads nothing from a missing or damaged value', () => {
      assert.equal(parseStoredCredentials(undefined), undefined);
      assert.equal(parseStoredCredentials('{not json'), undefined);
      assert.equal(parseStoredCredentials('{"secretId":"a"}'), undefined);
      assert.equal(parseStoredCredentials('null'), undefined);
    });
  });
});
