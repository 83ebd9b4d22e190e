import { Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { findingsOf, flagged, newStack } from '../../support';

describe('LogGroupEncryption', () => {
  it('passes a customer-managed key and flags the CDK default (L2)', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Encrypted', { encryptionKey: new kms.Key(stack, 'K') });
    new logs.LogGroup(stack, 'Default');
    const found = findingsOf(stack, 'LogGroupEncryption');
    expect(found.map((f) => f.resourcePath)).toEqual(['Test/Default/Resource']);
    expect(found[0].message).toContain('KmsKeyId is not set');
  });

  it('passes key references and flags a NoValue branch (L1)', () => {
    const stack = newStack();
    new logs.CfnLogGroup(stack, 'Imported', { kmsKeyId: Fn.importValue('LogKey') });
    new logs.CfnLogGroup(stack, 'DevPlain', {
      kmsKeyId: Fn.conditionIf('IsProd', Fn.importValue('LogKey'), Fn.ref('AWS::NoValue')).toString(),
    });
    expect(flagged(stack, 'LogGroupEncryption')).toEqual(['DevPlain']);
  });
});
