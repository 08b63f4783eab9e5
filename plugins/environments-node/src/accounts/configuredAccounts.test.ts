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
    expect(all[1].reason).toMatch(
      /^No Azure subscription is configured for new environments: list them under environments\.azure\.subscriptions/,
    );
    expect(all[2].reason).toMatch(
      /^No Google Cloud project is configured for new environments: list them under environments\.gcp\.projects/,
    );
  });

  it('lists the Azure subscriptions and Google Cloud projects the status readers read, with their titles', () => {
    const both = accounts({
      environments: {
        azure: {
          subscriptions: [
            {
              subscriptionId: '5f1c2a7e-3b4d-4c6e-9f80-1a2b3c4d5e6f',
              title: 'Integration',
            },
          ],
        },
        gcp: {
          projects: [
            { projectId: 'shop-prod-4821', title: 'Shop production' },
            { projectId: 'shop-dev-1177' },
          ],
        },
      },
    });
    expect(both.list('azure').accounts).toEqual([
      { id: '5f1c2a7e-3b4d-4c6e-9f80-1a2b3c4d5e6f', title: 'Integration' },
    ]);
    expect(both.list('gcp')).toEqual({
      cloud: 'gcp',
      term: 'project',
      accounts: [
        { id: 'shop-prod-4821', title: 'Shop production' },
        { id: 'shop-dev-1177' },
      ],
    });
    expect(both.choose('azure', undefined)).toBe(
      '5f1c2a7e-3b4d-4c6e-9f80-1a2b3c4d5e6f',
    );
    expect(() => both.choose('gcp', undefined)).toThrow(
      'accountId: the portal has 2 Google Cloud projects for new environments (Shop production (shop-prod-4821), shop-dev-1177); choose one',
    );
  });

  it('names the key of a project id or subscription id the cloud would refuse', () => {
    expect(() =>
      accounts({ environments: { gcp: { projects: [{ projectId: 'Shop_Prod' }] } } }),
    ).toThrow(
      'environments.gcp.projects[0].projectId: "Shop_Prod" is not a Google Cloud project id',
    );
    expect(() =>
      accounts({
        environments: { azure: { subscriptions: [{ subscriptionId: 'shop' }] } },
      }),
    ).toThrow(
      'environments.azure.subscriptions[0].subscriptionId: "shop" is not an Azure subscription id',
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
