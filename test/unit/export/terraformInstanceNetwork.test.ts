import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { INSTANCE_NETWORK_RESOURCE, instanceNetworkImportId, terraformInstanceNetworkBlocks } from '../../../src/export/terraformInstanceNetwork';
import { checkAgainstProvider } from './providerSchema';

const network = { region: 'ap-guangzhou', dbInstanceId: 'postgres-ai46555b', vpcId: 'vpc-i5yyodl9', subnetId: 'subnet-d4umunpy', vip: '10.0.10.11' };

describe('export/terraformInstanceNetwork', () => {
  it('writes the primary\'s network as the provider\'s resource, adopted by the id its importer splits', async () => {
    const { parsed, resources } = await checkAgainstProvider(terraformInstanceNetworkBlocks(network, 'orders'), { standalone: false });
    assert.deepEqual(resources.get(`${INSTANCE_NETWORK_RESOURCE}.orders`), {
      db_instance_id: 'postgres-ai46555b', vpc_id: 'vpc-i5yyodl9', subnet_id: 'subnet-d4umunpy', vip: '10.0.10.11',
    });
    assert.equal(parsed.import?.[0].id, 'postgres-ai46555b#vpc-i5yyodl9#subnet-d4umunpy#10.0.10.11');
  });

  it('refuses an id part the importer would split', () => {
    assert.throws(() => instanceNetworkImportId({ ...network, vpcId: 'vpc#1' }));
    assert.throws(() => instanceNetworkImportId({ ...network, vip: '' }));
  });

  it('passes the provider\'s schema for any ids', async () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,16}$/);
    await fc.assert(fc.asyncProperty(id, id, id, fc.ipV4(), async (dbInstanceId, vpcId, subnetId, vip) => {
      await checkAgainstProvider(terraformInstanceNetworkBlocks({ region: 'ap-guangzhou', dbInstanceId, vpcId, subnetId, vip }, 'n', 'ap_guangzhou'), { standalone: false });
    }), { numRuns: 30 });
  });
});
