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
  it('places an AWS environment in the chosen account: entity annotation and state bucket', async () => {
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

  it('generates a region the price catalog does not hold yet, without cost.json, saying why (F04)', async () => {
    const gulf = { ...spec, spec: { ...spec.spec, region: 'me-central-1' } };
    const files = Object.fromEntries(
      (await generateEnvironmentFiles(gulf, {})) as Map<string, string>,
    );
    expect(files['terraform/terraform.tfvars']).toContain(
      'region = "me-central-1"',
    );
    expect(files['cost.json']).toBeUndefined();
    expect(files['README.md']).toContain(
      'No estimate was produced for this environment: spec.region: "me-central-1" has no aws price catalog yet',
    );
  });
});
