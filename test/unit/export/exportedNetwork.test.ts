import * as assert from 'node:assert/strict';
import { recreateRequest, regionsOf, whyNotExportable, type ExportedNetwork } from '../../../src/export/exportedNetwork';

const network: ExportedNetwork['network'] = { vpcId: 'vpc-1', subnetId: 'subnet-1', ip: '10.0.0.5', port: 5432 };
const group: ExportedNetwork['group'] = { id: 'pgrogrp-1', name: 'reports', region: 'ap-guangzhou', primaryInstanceId: 'postgres-1' };

describe('export/exportedNetwork', () => {
  it('exports a VPC network with an IPv4 VIP and a port', () => {
    assert.equal(whyNotExportable(network), undefined);
  });

  it('says why a network cannot be exported', () => {
    assert.equal(whyNotExportable({ ...network, vpcId: '0', subnetId: '0' }), 'notVpc');
    assert.equal(whyNotExportable({ ...network, vpcId: '' }), 'notVpc');
    assert.equal(whyNotExportable({ ...network, subnetId: '' }), 'notVpc');
    for (const ip of ['', 'pg.example', ' 10.0.0.5', '10.0.0.256']) assert.equal(whyNotExportable({ ...network, ip }), 'noIpv4Vip', ip);
    for (const port of [0, 65536, 5432.5]) assert.equal(whyNotExportable({ ...network, port }), 'noPort', String(port));
  });

  it('recreates a network with its own VIP', () => {
    assert.deepEqual(recreateRequest({ group, network }), { region: 'ap-guangzhou', groupId: 'pgrogrp-1', vpcId: 'vpc-1', subnetId: 'subnet-1', vip: '10.0.0.5' });
  });

  it('lists each region once, sorted', () => {
    const at = (region: string): ExportedNetwork => ({ group: { ...group, region }, network });
    assert.deepEqual(regionsOf([at('ap-shanghai'), at('ap-beijing'), at('ap-shanghai')]), ['ap-beijing', 'ap-shanghai']);
    assert.deepEqual(regionsOf([]), []);
  });
});
