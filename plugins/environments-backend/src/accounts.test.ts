/**
 * GET /v1/accounts in a started backend: the accounts the Create environment form offers, per
 * cloud, from the app config the portal runs with.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { environmentsPlugin } from './plugin';

const user = {
  Authorization: mockCredentials.user.header('user:default/alice'),
};

async function backendWith(data: object) {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      mockServices.rootConfig.factory({ data }),
      // a request without a token is anonymous, as in a real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

describe('GET /api/environments/v1/accounts', () => {
  it('lists both configured AWS accounts with their titles, and none of their credentials', async () => {
    const server = await backendWith({
      aws: {
        accounts: [
          {
            accountId: '111111111111',
            roleName: 'terrace-reader',
            externalId: 'external-id-value',
          },
          {
            accountId: '222222222222',
            accessKeyId: 'AKIAEXAMPLEKEY',
            secretAccessKey: 'secret-key-value',
          },
        ],
      },
      terrace: {
        accounts: {
          aws: [{ accountId: '111111111111', title: 'Shop staging' }],
        },
      },
    });
    const res = await request(server)
      .get('/api/environments/v1/accounts')
      .set(user);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      cloud: 'aws',
      term: 'account',
      accounts: [
        { id: '111111111111', title: 'Shop staging' },
        { id: '222222222222' },
      ],
    });
    expect(res.text).not.toMatch(
      /terrace-reader|external-id-value|AKIAEXAMPLEKEY|secret-key-value/,
    );
  });

  it('answers an empty list with the reason and the key to set when none is configured', async () => {
    const server = await backendWith({});
    const res = await request(server)
      .get('/api/environments/v1/accounts')
      .set(user);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => [c.cloud, c.accounts])).toEqual([
      ['aws', []],
      ['azure', []],
      ['gcp', []],
    ]);
    expect(res.body.items[0].reason).toContain(
      'No AWS account is configured for new environments: list them under aws.accounts in app-config.yaml',
    );
  });

  it('refuses a caller without credentials', async () => {
    const server = await backendWith({
      aws: { accounts: [{ accountId: '111111111111' }] },
    });
    const res = await request(server).get('/api/environments/v1/accounts');
    expect(res.status).toBe(401);
  });

  it('does not start with an account id that is not 12 digits, naming the key', async () => {
    await expect(
      backendWith({ aws: { accounts: [{ accountId: 'shop-prod' }] } }),
    ).rejects.toThrow(
      'aws.accounts[0].accountId: "shop-prod" is not a 12-digit AWS account id',
    );
  });
});
