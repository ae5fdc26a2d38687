import * as assert from 'node:assert/strict';
import { placeOf, whereOf } from '../../../src/cloud/connectionPlace';

describe('cloud: where a connection sends its calls, as tasks record it', () => {
  it('reads back the site and endpoint it wrote, Tencent Cloud itself included', () => {
    for (const [site, endpoint] of [['intl', undefined], ['china', undefined], ['intl', 'http://127.0.0.1:9000'], ['china', 'https://postgres.example']] as const) {
      assert.deepEqual(placeOf(whereOf(site, endpoint)), { site, endpoint });
    }
    assert.equal(whereOf('intl', undefined), 'intl tencentcloudapi.com', 'the text records of earlier versions carry');
  });

  it('reads no place from a text it did not write', () => {
    for (const text of ['', 'intl', 'mars tencentcloudapi.com', 'intl a b', 'intl ']) assert.equal(placeOf(text), undefined, JSON.stringify(text));
  });
});
