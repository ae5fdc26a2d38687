import * as assert from 'node:assert/strict';
import {
  CREATE_GROUP_NETWORK_ERROR_CODES,
  CREATE_INSTANCE_NETWORK_ERROR_CODES,
  DELETE_GROUP_NETWORK_ERROR_CODES,
  DELETE_INSTANCE_NETWORK_ERROR_CODES,
  describeNetworkError,
} from '../../../src/network/change/networkErrors';
import { formatEnglish as t } from '../../../src/domain/translate';
import { cloudError } from '../support/fakes';

const subject = { ownerKind: 'readOnlyGroup' as const, ownerName: 'reporting', vpcId: 'vpc-main', subnetId: 'subnet-a' };
const instance = { ...subject, ownerKind: 'primaryInstance' as const, ownerName: 'orders' };

describe('wizard/network error messages', () => {
  it('has a message for every code CreateReadOnlyGroupNetworkAccess documents, quoting the code', () => {
    for (const code of CREATE_GROUP_NETWORK_ERROR_CODES) {
      const report = describeNetworkError(cloudError(code), 'addNetwork', subject, t);
      assert.ok(report, `no message for ${code}`);
      assert.ok(report.message.endsWith(`(${code})`), report.message);
      assert.ok(report.actions.includes('showLog') && report.actions.includes('copyRequestId'), code);
    }
  });

  it('has a message for every code DeleteReadOnlyGroupNetworkAccess documents', () => {
    for (const code of DELETE_GROUP_NETWORK_ERROR_CODES) {
      assert.ok(describeNetworkError(cloudError(code), 'removeNetwork', subject, t), `no message for ${code}`);
    }
  });

  it('has a message for every code CreateDBInstanceNetworkAccess and DeleteDBInstanceNetworkAccess document, naming the instance', () => {
    for (const [kind, codes] of [['addNetwork', CREATE_INSTANCE_NETWORK_ERROR_CODES], ['removeNetwork', DELETE_INSTANCE_NETWORK_ERROR_CODES]] as const) {
      for (const code of codes) {
        const report = describeNetworkError(cloudError(code), kind, instance, t);
        assert.ok(report, `no message for ${code}`);
        assert.ok(report.message.endsWith(`(${code})`), report.message);
        assert.ok(!/read-only group/.test(report.message), `${code} speaks of a group: ${report.message}`);
      }
    }
    assert.match(describeNetworkError(cloudError('ResourceNotFound.InstanceNotFoundError'), 'addNetwork', instance, t)?.message ?? '', /^The instance orders no longer exists/);
    assert.match(describeNetworkError(cloudError('OperationDenied.InstanceStatusLimitOpError'), 'removeNetwork', instance, t)?.message ?? '', /until its status is Running/);
    assert.match(describeNetworkError(cloudError('OperationDenied.CamDeniedError'), 'addNetwork', instance, t)?.message ?? '', /CreateDBInstanceNetworkAccess/);
  });

  it('says different things for the two meanings of the network-count limit', () => {
    const create = describeNetworkError(cloudError('FailedOperation.NetworkNumLimitError'), 'addNetwork', subject, t);
    const remove = describeNetworkError(cloudError('FailedOperation.NetworkNumLimitError'), 'removeNetwork', subject, t);
    assert.match(create?.message ?? '', /already has 2 networks/);
    assert.match(remove?.message ?? '', /must keep at least one network/);
    assert.deepEqual(create?.actions.slice(0, 1), ['refreshOwner']);
  });

  it('offers Retry only for passing failures, and the choices again for a wrong subnet', () => {
    const actionsOf = (code: string) => describeNetworkError(cloudError(code), 'addNetwork', subject, t)?.actions ?? [];
    assert.ok(actionsOf('FailedOperation.FlowCreateError').includes('retry'));
    assert.ok(actionsOf('InternalError.InternalHttpServerError').includes('retry'));
    assert.ok(!actionsOf('OperationDenied.CamDeniedError').includes('retry'));
    assert.deepEqual(actionsOf('OperationDenied.CamDeniedError').slice(0, 1), ['copyCamPolicy'], 'a denied key gets the policy to hand over');
    assert.ok(!actionsOf('FailedOperation.FlowCreateError').includes('copyCamPolicy'));
    assert.ok(!actionsOf('FailedOperation.NetworkNumLimitError').includes('retry'));
    assert.deepEqual(actionsOf('FailedOperation.GetSubnetError').slice(0, 2), ['retry', 'editChoices']);
    assert.match(describeNetworkError(cloudError('FailedOperation.GetSubnetError'), 'addNetwork', subject, t)?.message ?? '', /subnet-a/);
  });

  it('leaves generic codes to the generic description', () => {
    assert.equal(describeNetworkError(cloudError('AuthFailure.SignatureExpire', { kind: 'auth' }), 'addNetwork', subject, t), undefined);
    assert.equal(describeNetworkError(cloudError('RequestLimitExceeded', { kind: 'throttled' }), 'addNetwork', subject, t), undefined);
  });

  it('offers no Copy Request ID when there is none', () => {
    const report = describeNetworkError(cloudError('FlowError', { requestId: undefined }), 'addNetwork', subject, t);
    assert.ok(report && !report.actions.includes('copyRequestId'));
  });
});
