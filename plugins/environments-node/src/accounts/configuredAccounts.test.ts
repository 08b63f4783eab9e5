import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ConfiguredAccounts } from './configuredAccounts';

const accounts = (data: object) =>
  ConfiguredAccounts.fromConfig(new ConfigReader(data));

const TWO = {
  aws: {
    accounts: [
      {
        accountId: '111111111111',
        roleName: 'terrace-reader',
        externalId: 'secret-id',
      },
      { accountId: '222222222222', accessKeyId: 'AKIA', secretAccessKey: 'x' },
    ],
  },
  terrace: {
    accounts: {
      aws: [{ accountId: '222222222222', title: 'Shop production' }],
    },
  },
};

describe('ConfiguredAccounts', () => {
  it('lists the AWS accounts of aws.accounts with their titles, and nothing of their credentials', () => {
    expect(accounts(TWO).list('aws')).toEqual({
      cloud: 'aws',
      term: 'account',
      accounts: [
        { id: '111111111111' },
        { id: '222222222222', title: 'Shop production' },
      ],
    });
  });

  it('says why a cloud has none and what to configure', () => {
    const all = accounts({}).all();
    expect(all.map(c => [c.cloud, c.term, c.accounts])).toEqual([
      ['aws', 'account', []],
      ['azure', 'subscription', []],
      ['gcp', 'project', []],
    ]);
    expect(all[0].reason).toMatch(
      /^No AWS account is configured for new environments: list them under aws\.accounts in app-config\.yaml/,
    );
    expect(all[1].reason).toBe(
      'Terrace does not place Azure environments in a configured subscription yet: they are created without the terrace.dev/account-id annotation',
    );
  });

  it('names the config key of a wrong account id or a title for an account aws.accounts lacks', () => {
    expect(() =>
      accounts({ aws: { accounts: [{ accountId: '1234' }] } }),
    ).toThrow(
      'aws.accounts[0].accountId: "1234" is not a 12-digit AWS account id',
    );
    expect(() =>
      accounts({
        ...TWO,
        terrace: { accounts: { aws: [{ accountId: '333333333333' }] } },
      }),
    ).toThrow(
      'terrace.accounts.aws[0].accountId: "333333333333" is not listed under aws.accounts',
    );
  });

  it('accepts only a configured account, and asks to choose when there are several', () => {
    const two = accounts(TWO);
    expect(two.choose('aws', '222222222222')).toBe('222222222222');
    expect(() => two.choose('aws', '333333333333')).toThrow(InputError);
    expect(() => two.choose('aws', '333333333333')).toThrow(
      'accountId: "333333333333" is not among the AWS accounts configured for new environments; choose one of 111111111111, Shop production (222222222222)',
    );
    expect(() => two.choose('aws', undefined)).toThrow(
      'accountId: the portal has 2 AWS accounts for new environments (111111111111, Shop production (222222222222)); choose one',
    );
    expect(() => two.choose('aws', '')).toThrow(/choose one$/);
  });

  it('takes the only account when none is given, and none when none is configured', () => {
    const one = accounts({
      aws: { accounts: [{ accountId: '123456789012' }] },
    });
    expect(one.choose('aws', undefined)).toBe('123456789012');
    expect(one.choose('aws', '')).toBe('123456789012');
    expect(accounts({}).choose('aws', undefined)).toBeUndefined();
    expect(() => accounts({}).choose('aws', '123456789012')).toThrow(
      /^accountId: "123456789012" is not configured for new environments\. No AWS account is configured/,
    );
  });
});
