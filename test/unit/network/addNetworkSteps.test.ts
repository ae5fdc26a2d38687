import * as assert from 'node:assert/strict';
import { ownerId, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import type { AddNetworkContext } from '../../../src/network/add/addNetworkContext';
import { sendChange } from '../../../src/network/change/changeSpec';
import type { AddNetworkDeps } from '../../../src/network/add/addNetworkSteps';
import { addNetworkWizardOptions } from '../../../src/network/add/addNetworkSteps';
import { NetworkCatalog } from '../../../src/network/add/networkCatalog';
import { GoBack, WizardCancelled } from '../../../src/wizard/prompter';
import { formatEnglish } from '../../../src/domain/translate';
import { Wizard } from '../../../src/wizard/wizard';
import type { Answer } from '../support/fakes';
import { choose, cloudError, FakeCloudApi, group, ScriptedPrompter, type } from '../support/fakes';

const back: Answer = () => {
  throw new GoBack();
};
const escape: Answer = () => {
  throw new WizardCancelled();
};

function setUp(answers: Answer[], api = new FakeCloudApi()) {
  const copied: string[] = [];
  const deps: AddNetworkDeps = {
    api,
    catalog: new NetworkCatalog(api),
    t: formatEnglish,
    regions: () => ['ap-guangzhou', 'ap-shanghai'],
    busyOwnerIds: () => new Set(),
    copyToClipboard: async (text) => {
      copied.push(text);
    },
    createNetwork: (owner, change) => sendChange(api, owner, change),
  };
  const prompter = new ScriptedPrompter(answers);
  const wizard = new Wizard(addNetworkWizardOptions(deps), prompter);
  return { api, prompter, wizard, copied };
}

function fromTree(): AddNetworkContext {
  const known = group();
  return { pickGroup: false, region: known.region, owner: readOnlyGroupOwner(known) };
}

describe('wizard/Add Network steps', () => {
  it('from a group: VPC > subnet > automatic VIP > Create sends one request without a VIP', async () => {
    const { api, prompter, wizard } = setUp([choose('vpc-main'), choose('subnet-b'), choose('Assign automatically'), choose('Create')]);
    const context = fromTree();
    await wizard.run(context);
    assert.deepEqual(api.callsOf('createNetwork').map((call) => call.args[0]), [
      { region: 'ap-guangzhou', groupId: 'pgrogrp-1', vpcId: 'vpc-main', subnetId: 'subnet-b', vip: undefined },
    ]);
    assert.equal(context.result?.taskId, 900);
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['1/4', '2/4', '3/4', '4/4']);
    assert.equal(prompter.shown[0].position.title, 'Add Network to reporting');
  });

  it('asks for the VPCs and all subnets of the region at once, before the first choice', async () => {
    const { api, wizard } = setUp([
      (prompt) => {
        assert.deepEqual(api.calls.map((call) => call.method).sort(), ['listSubnets', 'listVpcs']);
        assert.equal(api.callsOf('listSubnets')[0].args[1], undefined, 'every subnet of the region');
        return choose('vpc-main')(prompt);
      },
      choose('subnet-a'),
      escape,
    ]);
    await assert.rejects(wizard.run(fromTree()), WizardCancelled);
    assert.equal(api.callsOf('listVpcs').length, 1);
    assert.equal(api.callsOf('listSubnets').length, 1, 'the subnet step uses the list loaded with the VPCs');
  });

  it('a typed VIP is checked as typed, then refused when in use with its holder named', async () => {
    const api = new FakeCloudApi();
    api.usedIps.push({ ip: '10.0.2.9', vpcId: 'vpc-main', subnetId: 'subnet-b', resourceType: 'cvm', resourceId: 'ins-7' });
    const { prompter, wizard } = setUp(
      [choose('vpc-main'), choose('subnet-b'), choose('Specify an address...'), type('10.0.2'), type('10.0.1.9'), type('10.0.2.255'), type('10.0.2.9'), type('10.0.2.10'), choose('Create')],
      api,
    );
    const context = fromTree();
    await wizard.run(context);
    const input = prompter.shown.find((prompt) => prompt.kind === 'input');
    assert.ok(input);
    assert.deepEqual(input.messages, [
      '"10.0.2" is not an IPv4 address.',
      '10.0.1.9 is outside the subnet 10.0.2.0/24.',
      '10.0.2.255 is reserved in 10.0.2.0/24 (network, gateway or broadcast address).',
      '10.0.2.9 is already used by cvm ins-7. Choose another address.',
    ]);
    assert.equal(input.position.step, 3, 'the address box is part of the VIP step');
    assert.equal(input.request.placeholder, 'e.g. 10.0.2.254', 'the same example as the empty-box message');
    assert.equal((api.callsOf('createNetwork')[0].args[0] as { vip?: string }).vip, '10.0.2.10');
  });

  it('offers free addresses of the subnet, checked with DescribeUsedIpAddress', async () => {
    const api = new FakeCloudApi();
    api.usedIps.push({ ip: '10.0.1.2', vpcId: 'vpc-main', subnetId: 'subnet-a', resourceType: 'cvm', resourceId: 'ins-1' });
    const { prompter, wizard } = setUp([choose('vpc-main'), choose('subnet-a'), choose('10.0.1.3'), choose('Create')], api);
    await wizard.run(fromTree());
    const vipPick = prompter.shown[2];
    assert.ok(vipPick.kind === 'pick');
    assert.deepEqual(vipPick.late.map((item) => item.label), ['10.0.1.3', '10.0.1.5', '10.0.1.6', '10.0.1.7', '10.0.1.8']);
    assert.equal((api.callsOf('createNetwork')[0].args[0] as { vip?: string }).vip, '10.0.1.3');
    assert.equal(prompter.shown.filter((prompt) => prompt.kind === 'input').length, 0, 'a suggested address needs no typing');
  });

  it('Back keeps the choices and the typed text', async () => {
    const { prompter, wizard, api } = setUp([
      choose('vpc-main'),
      choose('subnet-b'),
      choose('Specify an address...'),
      (prompt) => {
        assert.ok(prompt.kind === 'input');
        prompt.request.validate?.('10.0.2.1');
        throw new GoBack();
      },
      back,
      (prompt) => {
        assert.ok(prompt.kind === 'pick');
        assert.equal(prompt.request.placeholder, 'Subnet of main for the new network');
        const active = prompt.items.filter((item) => prompt.request.isActive?.(item.value));
        assert.deepEqual(active.map((item) => item.label), ['b'], 'the subnet chosen before is highlighted');
        return choose('subnet-b')(prompt);
      },
      choose('Specify an address...'),
      (prompt) => {
        assert.ok(prompt.kind === 'input');
        assert.equal(prompt.request.value, '10.0.2.1', 'the text typed before is kept');
        return '10.0.2.20';
      },
      choose('Create'),
    ]);
    await wizard.run(fromTree());
    assert.equal(prompter.shown.length, 9);
    assert.equal((api.callsOf('createNetwork')[0].args[0] as { vip?: string }).vip, '10.0.2.20');
  });

  it('Escape at any step sends nothing', async () => {
    for (let stepsAnswered = 0; stepsAnswered < 4; stepsAnswered++) {
      const answers = [choose('vpc-main'), choose('subnet-a'), choose('Assign automatically')].slice(0, stepsAnswered);
      const { api, wizard } = setUp([...answers, escape]);
      await assert.rejects(wizard.run(fromTree()), WizardCancelled);
      assert.equal(api.callsOf('createNetwork').length, 0);
    }
  });

  it('full subnets and VPCs without subnets are shown but cannot be chosen', async () => {
    const { prompter, wizard } = setUp([choose('vpc-empty'), choose('vpc-main'), choose('subnet-full'), choose('subnet-a'), escape]);
    await assert.rejects(wizard.run(fromTree()), WizardCancelled);
    assert.deepEqual(prompter.shown[0].messages, ['This VPC has no subnets.']);
    assert.deepEqual(prompter.shown[1].messages, ['This subnet has no free IP address.']);
  });

  it('Copy as tccli command copies and keeps the confirm step open', async () => {
    const { api, wizard, copied, prompter } = setUp([choose('vpc-main'), choose('subnet-a'), choose('10.0.1.5'), choose('Copy as tccli command'), choose('Create')]);
    await wizard.run(fromTree());
    assert.deepEqual(copied, [
      "tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-1' --VpcId='vpc-main' --SubnetId='subnet-a' --IsAssignVip='True' --Vip='10.0.1.5'",
    ]);
    assert.deepEqual(prompter.shown[3].messages, ['Copied the tccli command to the clipboard.']);
    assert.equal(api.callsOf('createNetwork').length, 1);
  });

  it('offers no Terraform for the planned network: no released provider has a resource that adds one to a group', async () => {
    const { wizard, prompter } = setUp([choose('vpc-main'), choose('subnet-a'), choose('Assign automatically'), choose('Create')]);
    await wizard.run(fromTree());
    const confirm = prompter.shown[3];
    assert.equal(confirm.kind, 'pick');
    const labels = confirm.kind === 'pick' ? confirm.items.map((item) => item.label) : [];
    assert.ok(labels.includes('Copy as tccli command'), labels.join(', '));
    assert.ok(!labels.some((label) => /terraform/i.test(label)), labels.join(', '));
  });

  it('a failed create ends the wizard with the API error, sent once', async () => {
    const api = new FakeCloudApi();
    api.createError = cloudError('OperationDenied.ROGroupStatusError');
    const { wizard } = setUp([choose('vpc-main'), choose('subnet-a'), choose('Assign automatically'), choose('Create')], api);
    await assert.rejects(wizard.run(fromTree()), (error: Error) => error === api.createError);
    assert.equal(api.callsOf('createNetwork').length, 1);
  });

  it('from the palette: the primary instance itself is offered first, and gets the network with its own action', async () => {
    const api = new FakeCloudApi();
    const { prompter, wizard } = setUp(
      [choose('ap-guangzhou'), choose('postgres-1'), choose('orders'), choose('vpc-main'), choose('subnet-a'), choose('Assign automatically'), choose('Create')],
      api,
    );
    const context: AddNetworkContext = { pickGroup: true };
    await wizard.run(context);
    const ownerPick = prompter.shown[2];
    assert.deepEqual(ownerPick.kind === 'pick' ? ownerPick.items.map((item) => item.label) : [], ['orders', 'reporting']);
    assert.equal(prompter.shown[3].position.title, 'Add Network to orders');
    assert.deepEqual(api.callsOf('createInstanceNetwork').map((call) => call.args[0]), [
      { region: 'ap-guangzhou', instanceId: 'postgres-1', vpcId: 'vpc-main', subnetId: 'subnet-a', vip: undefined },
    ]);
    assert.equal(api.callsOf('createNetwork').length, 0);
  });

  it('from the palette: region > instance > group, counting 7 steps, groups that cannot take a network refused', async () => {
    const api = new FakeCloudApi();
    api.groups.set('pgrogrp-full', group({ id: 'pgrogrp-full', name: 'full', networks: [group().networks[0], { ...group().networks[0], ip: '10.0.1.8' }] }));
    const { prompter, wizard } = setUp(
      [choose('ap-guangzhou'), choose('postgres-1'), choose('full'), choose('reporting'), choose('vpc-main'), choose('subnet-a'), choose('Assign automatically'), choose('Create')],
      api,
    );
    const context: AddNetworkContext = { pickGroup: true };
    await wizard.run(context);
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7']);
    assert.deepEqual(prompter.shown[2].messages, ['full already has 2 networks, the most it can have: remove one before adding another.']);
    assert.equal(context.owner && ownerId(context.owner), 'pgrogrp-1');
    assert.equal(prompter.shown[3].position.title, 'Add Network to reporting');
  });

  it('reopened after a failure, it starts at Create with the previous choices', async () => {
    const { api, prompter, wizard } = setUp([back, back, choose('Assign automatically'), choose('Create')]);
    const context: AddNetworkContext = { ...fromTree(), vpc: { id: 'vpc-main', name: 'main', cidr: '10.0.0.0/16', isDefault: true } };
    context.subnet = (await api.listSubnets('ap-guangzhou')).find((subnet) => subnet.id === 'subnet-a');
    context.vipMode = 'specify';
    context.vip = '10.0.1.30';
    await wizard.run(context, 'confirm');
    assert.deepEqual(prompter.shown.map((prompt) => `${prompt.position.step}/${prompt.position.totalSteps}`), ['4/4', '3/4', '3/4', '4/4']);
    assert.equal(prompter.shown[1].kind, 'input', 'Back from Create returns to the typed address');
    assert.equal((api.callsOf('createNetwork')[0].args[0] as { vip?: string }).vip, undefined);
  });
});
