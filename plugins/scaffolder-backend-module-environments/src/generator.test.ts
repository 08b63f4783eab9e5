import { generateEnvironmentFiles } from './generator';

const spec = {
  apiVersion: 'terrace.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'orders-dev', owner: 'group:default/shop' },
  spec: {
    cloud: 'aws',
    region: 'eu-west-1',
    tier: 'dev',
    components: [{ name: 'db', type: 'postgres' }],
  },
} as any;

describe('generateEnvironmentFiles', () => {
  it("places an AWS environment in the portal's account: entity annotation and state bucket", async () => {
    const files = Object.fromEntries(
      (await generateEnvironmentFiles(spec, {
        accountId: '123456789012',
      })) as Map<string, string>,
    );
    expect(files['catalog-info.yaml']).toContain(
      'terrace.dev/account-id: "123456789012"',
    );
    expect(files['terraform/backend.tf']).toContain(
      '"terrace-tfstate-123456789012-eu-west-1"',
    );
  });

  it('without an account, names none', async () => {
    const files = Object.fromEntries(
      (await generateEnvironmentFiles(spec, {})) as Map<string, string>,
    );
    expect(files['catalog-info.yaml']).not.toContain('account-id');
    expect(files['terraform/backend.tf']).toContain(
      '"terrace-tfstate-eu-west-1"',
    );
  });
});
