import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { INSTANCE_NETWORK_RESOURCE, instanceNetworkImportId, instanceNetworkOf, instanceNetworkResourceNameBase, terraformInstanceNetworkBlocks } from '../../../src/export/terraformInstanceNetwork';
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

  it('describes a listed network of a primary by its current VIP, named after the instance and the VIP', async () => {
    const instance = { region: 'ap-guangzhou', id: 'postgres-uk7kcuhe', name: 'sessions-db' };
    const listed = { vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-wugj5k90', ip: '10.0.3.21' };
    const name = instanceNetworkResourceNameBase(instance, listed);
    assert.equal(name, 'sessions-db_10_0_3_21');
    const { resources } = await checkAgainstProvider(terraformInstanceNetworkBlocks(instanceNetworkOf(instance, listed), name), { standalone: false });
    assert.deepEqual(resources.get(`${INSTANCE_NETWORK_RESOURCE}.${name}`), {
      db_instance_id: 'postgres-uk7kcuhe', vpc_id: 'vpc-0p4qrebe', subnet_id: 'subnet-wugj5k90', vip: '10.0.3.21',
    });
  });
});
