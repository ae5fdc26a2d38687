import assert from 'node:assert/strict';
import { maskSecretIdsIn } from '../../src/domain/secretIdMask';
import { maskingLog } from '../../src/ui/maskingLog';

describe('log lines: SecretId-shaped text is masked in every line', () => {
  it('masks each SecretId-shaped run, also the pieces of one split by a line break', () => {
    assert.equal(maskSecretIdsIn('id AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE ok'), 'id AKID…MPLE ok');
    assert.equal(maskSecretIdsIn('AKIDabcdefgh\nAKIDijklmnop'), 'AKID…efgh\nAKID…mnop');
    assert.equal(maskSecretIdsIn('no key here'), 'no key here');
  });

  it('the channel masks every writer, Errors included, and passes the rest through', () => {
    const lines: string[] = [];
    const channel = {
      name: 'test',
      info: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(message),
      error: (message: string | Error) => lines.push(String(message)),
      appendLine: (message: string) => lines.push(message),
    };
    const log = maskingLog(channel);
    log.info('Sign-in AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE');
    log.warn('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE');
    log.error(new Error('header AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE refused'));
    log.appendLine('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE');
    assert.equal(log.name, 'test');
    assert.equal(lines.length, 4);
    for (const line of lines) assert.doesNotMatch(line, /z8krbsJ5yKBZQpn74WFkmLPx3/, line);
  });
});
