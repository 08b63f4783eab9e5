import { environmentSpecFromForm } from '@terrace/plugin-environments-common';
import { estimateSpec } from '../estimateSpec';
import { refreshedCatalog } from './__testUtils__/refreshedCatalog';

/**
 * The Create environment form's live estimate for Azure: the form's values become a spec with the
 * same function the estimate endpoint and the generate action use, and `estimateSpec` prices it
 * with the package's default pricers (as the endpoint does).
 */
const form = {
  name: 'orders-dev',
  owner: 'group:default/orders',
  cloud: 'azure',
  region: 'westeurope',
  tier: 'dev',
  components: [
    { name: 'db', type: 'postgres' },
    { name: 'cache', type: 'redis' },
    { name: 'files', type: 'bucket' },
    { name: 'api', type: 'service', public: true },
    { name: 'batch', type: 'vm-group' },
    { name: 'images', type: 'registry' },
    { name: 'app', type: 'secrets', names: ['api-key'] },
  ],
};

describe('the form estimate of an Azure environment', () => {
  it('with the shipped catalog: valid, and each missing West Europe price is a problem at its field', () => {
    const result = estimateSpec(environmentSpecFromForm(form));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unpricedRegion).toBe(true);
    expect(result.problems.map(p => p.path)).toEqual(
      expect.arrayContaining([
        'spec.components[0].size',
        'spec.components[1].size',
        'spec.components[2].storageGb',
        'spec.components[4].instanceType',
        'spec.components[5]',
      ]),
    );
    expect(result.problems.every(p => /^no .* price/.test(p.message))).toBe(
      true,
    );
  });

  it('with a refreshed catalog (TERRACE_AZURE_PRICES_DIR): priced with the tier default sizes, no problems', async () => {
    const { dir, cleanup } = await refreshedCatalog(['westeurope']);
    process.env.TERRACE_AZURE_PRICES_DIR = dir;
    try {
      let estimate: typeof estimateSpec | undefined;
      jest.isolateModules(() => {
        estimate = jest.requireActual('../estimateSpec').estimateSpec;
      });
      const result = estimate!(environmentSpecFromForm(form));
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const sizes = result.estimate.lines
        .filter(l => /Standard_|Balanced_/.test(l.description))
        .map(l => l.description.split(' ')[0]);
      expect(sizes).toEqual(
        expect.arrayContaining(['Standard_B1ms', 'Standard_B1s']),
      );
      expect(
        result.estimate.lines.some(
          l => l.resource === 'azurerm_managed_redis.cache',
        ),
      ).toBe(true);
      expect(result.estimate.prices.source).toMatch(
        /^Terrace Azure price catalog 2026\.12\.01, westeurope \(EU West\)$/,
      );
      expect(result.estimate.monthly).toBeGreaterThan(0);
    } finally {
      delete process.env.TERRACE_AZURE_PRICES_DIR;
      cleanup();
    }
  });
});
