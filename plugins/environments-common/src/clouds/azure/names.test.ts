import { validateEnvironment } from '../../spec/validate';
import {
  AZURE_NAME_RULES,
  azureAlarmName,
  azureEnvironmentNames,
  azureNamePlan,
  azureNameViolations,
  type AzureNameKind,
} from './names';

function spec(
  name: string,
  components: unknown[],
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name, owner: 'group:default/platform' },
    spec: {
      cloud: 'azure',
      region: 'westeurope',
      tier: 'dev',
      components,
      ...extra,
    },
  };
}

function problems(raw: unknown): string[] {
  const result = validateEnvironment(raw, { today: '2026-12-01' });
  return result.ok ? [] : result.problems.map(p => `${p.path}: ${p.message}`);
}

describe('Azure naming rules in validation', () => {
  it('accepts a stack whose every Azure name fits, and plans global names with the deterministic suffix', () => {
    expect(
      problems(
        spec('shop-dev', [
          { name: 'db', type: 'postgres' },
          { name: 'files', type: 'bucket' },
          { name: 'app', type: 'secrets', names: ['jwt-secret'] },
        ]),
      ),
    ).toEqual([]);
    const names = azureEnvironmentNames('shop-dev');
    expect(names.storageAccount).toMatch(/^stshopdev[0-9a-f]{6}$/);
    expect(names.keyVault).toMatch(/^kv-shop-dev-[0-9a-f]{6}$/);
    // Same environment, same names: a re-created environment asks for the same global names.
    expect(azureEnvironmentNames('shop-dev')).toEqual(names);
  });

  it('keeps the storage account and key vault within 24 characters for the longest environment name', () => {
    const longest = `a${'b'.repeat(30)}c`;
    const names = azureEnvironmentNames(longest);
    expect(
      azureNameViolations('azurerm_storage_account.name', names.storageAccount),
    ).toEqual([]);
    expect(
      azureNameViolations('azurerm_key_vault.name', names.keyVault),
    ).toEqual([]);
    expect(names.storageAccount).toHaveLength(24);
    expect(names.keyVault.length).toBeLessThanOrEqual(24);
  });

  it('refuses an environment name with two hyphens in a row at metadata.name (key vault names refuse them)', () => {
    expect(
      problems(spec('shop--dev', [{ name: 'files', type: 'bucket' }])),
    ).toEqual([
      expect.stringMatching(
        /^metadata\.name: makes Azure names that Azure refuses: key vault name "kv-shop--dev-[0-9a-f]{6}" must not contain two hyphens in a row$/,
      ),
    ]);
  });

  it("refuses, in prod, a component whose private endpoint would take the Key Vault's or the storage account's; in dev those endpoints do not exist", () => {
    const components = [
      { name: 'key-vault', type: 'redis' },
      { name: 'storage', type: 'mongodb', size: 'M10' },
      { name: 'files', type: 'bucket' },
    ];
    expect(problems(spec('shop-prod', components, { tier: 'prod' }))).toEqual([
      'spec.components[0].name: makes Azure names that Azure refuses: private endpoint name "pe-shop-prod-key-vault" is already the name of an environment-wide resource; names must be unique',
      'spec.components[1].name: makes Azure names that Azure refuses: private endpoint name "pe-shop-prod-storage" is already the name of an environment-wide resource; names must be unique',
    ]);
    expect(problems(spec('shop-dev', components))).toEqual([]);
  });

  it('refuses a bucket whose blob container name would be shorter than 3 characters, at the component name', () => {
    expect(
      problems(spec('shop-dev', [{ name: 'ui', type: 'bucket' }])),
    ).toEqual([
      'spec.components[0].name: makes Azure names that Azure refuses: blob container name "ui" must be 3-63 characters long (it is 2)',
    ]);
  });

  it('refuses a secret name Key Vault cannot hold, at the secret', () => {
    expect(
      problems(
        spec('shop-dev', [
          { name: 'app', type: 'secrets', names: ['jwt_secret'] },
        ]),
      ),
    ).toEqual([
      'spec.components[0].names[0]: makes Azure names that Azure refuses: key vault secret name "app-jwt_secret" must be made of letters, digits and hyphens',
    ]);
  });

  it('refuses two components whose Key Vault secrets come out the same, at the later component', () => {
    expect(
      problems(
        spec('shop-dev', [
          { name: 'app', type: 'secrets', names: ['db-key'] },
          { name: 'app-db', type: 'secrets', names: ['key'] },
        ]),
      ),
    ).toEqual([
      'spec.components[1].name: makes Azure names that Azure refuses: key vault secret name "app-db-key" is already taken in the same key vault by spec.components[0]; names must be unique',
    ]);
  });

  it('refuses zone-redundant HA on a Burstable PostgreSQL size, at highAvailability', () => {
    expect(
      problems(
        spec('shop-dev', [
          {
            name: 'db',
            type: 'postgres',
            size: 'Standard_B2s',
            highAvailability: true,
          },
        ]),
      ),
    ).toEqual([
      'spec.components[0].highAvailability: zone-redundant high availability needs a General Purpose or Memory Optimized size; "Standard_B2s" is Burstable (use e.g. Standard_D2ds_v5)',
    ]);
  });

  it('refuses MongoDB Atlas in an Azure region Atlas does not run in', () => {
    expect(
      problems({
        ...spec('shop-dev', [{ name: 'docs', type: 'mongodb' }]),
        spec: {
          cloud: 'azure',
          region: 'chilecentral',
          tier: 'dev',
          components: [{ name: 'docs', type: 'mongodb' }],
        },
      }),
    ).toEqual([
      'spec.components[0].type: MongoDB Atlas does not run in Azure chilecentral; choose a region Atlas lists (e.g. westeurope, eastus2)',
    ]);
  });

  it('writes alarm names in the one Azure form, which the metric alert rule accepts', () => {
    const name = azureAlarmName('shop-staging/db/cpu-high');
    expect(name).toBe('shop-staging.db.cpu-high');
    expect(
      azureNameViolations('azurerm_monitor_metric_alert.name', name),
    ).toEqual([]);
    expect(
      azureNameViolations(
        'azurerm_monitor_metric_alert.name',
        'shop-staging/db/cpu-high',
      ),
    ).toEqual([
      'be made of any characters but * # & + : < > ? @ % { } \\ / and control characters',
    ]);
  });

  it('plans the private endpoint of Atlas only for a mongodb that goes over Private Link (prod)', () => {
    const endpoints = (privateLink: boolean) =>
      azureNamePlan(
        'shop-prod',
        [{ name: 'docs', type: 'mongodb', privateLink }],
        {},
        { tier: 'prod' },
      ).filter(
        p =>
          p.kind === 'azurerm_private_endpoint.name' &&
          p.component !== undefined,
      );
    expect(endpoints(true)).toEqual([
      {
        kind: 'azurerm_private_endpoint.name',
        name: 'pe-shop-prod-docs',
        component: 0,
      },
    ]);
    expect(endpoints(false)).toEqual([]);
  });

  it('plans only names that have a rule row, for every component type it names', () => {
    const plan = azureNamePlan('shop-dev', [
      { name: 'db', type: 'postgres' },
      { name: 'cache', type: 'redis', authToken: true },
      { name: 'files', type: 'bucket' },
      { name: 'docs', type: 'mongodb' },
      { name: 'app', type: 'secrets', names: ['a-key'] },
    ]);
    for (const p of plan) {
      expect(Object.keys(AZURE_NAME_RULES)).toContain(p.kind as AzureNameKind);
      expect({
        name: p.name,
        broken: azureNameViolations(p.kind, p.name),
      }).toEqual({
        name: p.name,
        broken: [],
      });
    }
    expect(new Set(plan.map(p => p.kind)).size).toBeGreaterThan(15);
  });
});
