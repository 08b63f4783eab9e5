import { NotConfiguredError } from '../errors';
import { describeAwsError } from './errors';

const where = { accountId: '123456789012', region: 'eu-west-1' };

function sdkError(name: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(`${name} message`), {
    name,
    $metadata: { httpStatusCode, attempts },
  });
}

describe('describeAwsError', () => {
  it('names the refused IAM action', () => {
    expect(
      describeAwsError(
        sdkError('AccessDeniedException', 400),
        'ce:GetCostAndUsage',
        where,
      ).message,
    ).toBe(
      'AWS denied ce:GetCostAndUsage (account 123456789012, region eu-west-1): allow the IAM action ce:GetCostAndUsage for the role Terrace uses',
    );
    expect(
      describeAwsError(sdkError('Unknown', 403), 'tag:GetResources', where)
        .message,
    ).toMatch(/^AWS denied tag:GetResources/);
  });

  it('says throttling persisted after the retries', () => {
    expect(
      describeAwsError(
        sdkError('ThrottlingException', 400, 4),
        'cloudwatch:DescribeAlarms',
        where,
      ).message,
    ).toBe(
      'AWS throttled cloudwatch:DescribeAlarms (account 123456789012, region eu-west-1) after 4 attempts; it is retried on the next refresh',
    );
  });

  it('keeps the first line of other errors, without a stack', () => {
    const message = describeAwsError(
      sdkError('InternalFailure', 500),
      'rds:DescribeDBInstances',
      where,
    ).message;
    expect(message).toBe(
      'rds:DescribeDBInstances failed (account 123456789012, region eu-west-1): InternalFailure: InternalFailure message',
    );
  });

  it('passes a not-configured error through', () => {
    const error = new NotConfiguredError('No AWS credentials for account 1');
    expect(describeAwsError(error, 'x:Y', where)).toBe(error);
  });
});
