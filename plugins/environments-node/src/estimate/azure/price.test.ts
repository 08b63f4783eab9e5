import type { Estimate } from '@terrace/plugin-environments-common';
import {
  buildAzureTerraform,
  generateAzureTerraform,
} from '../../generate/azure';
import { azureCases, resolveCase } from '../../generate/__testUtils__/fixtures';
import { estimateEnvironment } from '../estimate';
import { estimateSpec } from '../estimateSpec';
import { roundToCent } from '../lines';
import type { AzurePriceCatalog } from './catalog';
import { createAzurePricer } from '.';
import { refreshedCatalog } from './__testUtils__/refreshedCatalog';

const cases = Object.fromEntries(azureCases().map(c => [c.name, c]));

describe('the Azure pricer over a complete (refreshed) catalog', () => {
  let catalog: AzurePriceCatalog;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ catalog, cleanup } = await refreshedCatalog([
      'westeurope',
      'northeurope',
    ]));
  });
  afterAll(() => cleanup());
  const pricers = () => ({ azure: createAzurePricer(() => catalog) });

  function estimate(name: string): Estimate {
    const result = estimateSpec(cases[name].spec, { pricers: pricers() });
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
    return result.estimate;
  }

  /** `type.name` of every resource block of the generated root module. */
  async function addresses(name: string): Promise<Set<string>> {
    const files = await generateAzureTerraform(resolveCase(cases[name]));
    const text = Object.values(files).join('\n');
    return new Set(
      [...text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map(
        m => `${m[1]}.${m[2]}`,
      ),
    );
  }

  it.each(Object.keys(cases))(
    '%s: estimates with no problems; every line is quantity × unit price and names a resource the emitter creates',
    async name => {
      const e = estimate(name);
      expect(e.currency).toBe('USD');
      expect(e.prices.catalogVersion).toBe('2026.12.01');
      const made = await addresses(name);
      for (const line of e.lines) {
        expect(line.unitPrice).toBeGreaterThan(0);
        expect(line.monthly).toBe(roundToCent(line.quantity * line.unitPrice));
        // A wildcard (`azurerm_monitor_metric_alert.db_*`) names every resource of that prefix.
        const prefix = line.resource.replace(/\*$/, '');
        expect([
          line.resource,
          [...made].some(a =>
            line.resource.endsWith('*') ? a.startsWith(prefix) : a === prefix,
          ),
        ]).toEqual([line.resource, true]);
      }
      expect(e.monthly).toBe(
        roundToCent(e.lines.reduce((s, l) => s + l.monthly, 0)),
      );
      // Plausible for these stacks at these (test) rates: tens to a few thousand dollars.
      expect(e.monthly).toBeGreaterThan(50);
      expect(e.monthly).toBeLessThan(5000);
    },
  );

  const find = (e: Estimate, resource: string, description: RegExp) => {
    const hits = e.lines.filter(
      l => l.resource === resource && description.test(l.description),
    );
    expect(hits).toHaveLength(1);
    return hits[0];
  };

  it('prices the integration platform part by part, as the emitter builds it', async () => {
    const e = estimate('integration-platform-azure');
    const usage = resolveCase(cases['integration-platform-azure']).usage;
    // Atlas on Azure from its own table, one 3-node cluster.
    expect(
      find(
        e,
        'mongodbatlas_advanced_cluster.events',
        /M10 .* on Azure \(EUROPE_WEST\)/,
      ),
    ).toMatchObject({ quantity: 730, unitPrice: 0.1, monthly: 73 });
    // Managed Redis with a replica runs high availability: two nodes, each billed.
    expect(
      buildAzureTerraform(resolveCase(cases['integration-platform-azure'])).get(
        'redis-cache.tf',
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          labels: ['azurerm_managed_redis', 'cache'],
          body: expect.arrayContaining([
            {
              kind: 'attribute',
              name: 'high_availability_enabled',
              value: true,
            },
          ]),
        }),
      ]),
    );
    expect(
      find(
        e,
        'azurerm_managed_redis.cache',
        /Balanced_B1, 2 nodes \(high availability\)/,
      ),
    ).toMatchObject({
      quantity: 1460,
      unit: 'node-hours',
      unitPrice: 0.035,
      monthly: 51.1,
    });
    // Staging blob storage is zone-redundant, Hot tier, per bucket.
    for (const b of ['inbound', 'archive', 'assets']) {
      expect(
        find(e, `azurerm_storage_container.${b}`, /Hot tier, ZRS/),
      ).toMatchObject({ unit: 'GB-months', unitPrice: 0.0245 });
    }
    // Front Door Standard: the base fee, and transfer and requests at the region's zone rates.
    expect(
      find(e, 'azurerm_cdn_frontdoor_profile.web', /base fee/),
    ).toMatchObject({ quantity: 1, unitPrice: 35, monthly: 35 });
    expect(
      find(e, 'azurerm_cdn_frontdoor_profile.web', /transfer out .*Zone 1/),
    ).toMatchObject({
      quantity: usage.cdnTransferGb,
      unitPrice: 0.0825,
      monthly: roundToCent(usage.cdnTransferGb * 0.0825),
    });
    // Requests in millions, priced per 10K.
    expect(
      find(e, 'azurerm_cdn_frontdoor_profile.web', /requests, Zone 1/),
    ).toMatchObject({
      quantity: usage.cdnRequestsMillions * 100,
      unit: '10K requests',
      unitPrice: 0.009,
    });
    // One NAT gateway with its public IP, and the Redis private endpoint.
    expect(
      find(e, 'azurerm_nat_gateway.main', /NAT gateway, 1 gateway/),
    ).toMatchObject({ quantity: 730, unitPrice: 0.045, monthly: 32.85 });
    expect(find(e, 'azurerm_nat_gateway.main', /data processed/)).toMatchObject(
      { quantity: usage.natProcessedGb, unitPrice: 0.045 },
    );
    expect(find(e, 'azurerm_public_ip.nat', /NAT gateways/)).toMatchObject({
      quantity: 730,
      unitPrice: 0.005,
      monthly: 3.65,
    });
    expect(
      find(e, 'azurerm_private_endpoint.cache', /Private endpoint/),
    ).toMatchObject({
      component: 'cache',
      quantity: 730,
      unitPrice: 0.01,
      monthly: 7.3,
    });
    expect(
      find(e, 'azurerm_log_analytics_workspace.main', /ingestion/),
    ).toMatchObject({
      quantity: usage.logIngestGb,
      unitPrice: 2.99,
      monthly: roundToCent(usage.logIngestGb * 2.99),
    });
    // Every Key Vault secret the emitter writes (the two slots of `app`, the Atlas user's
    // password, ...) read 730 times a month, priced per 10K operations.
    const files = await generateAzureTerraform(
      resolveCase(cases['integration-platform-azure']),
    );
    const secrets = Object.values(files)
      .join('\n')
      .match(/^resource "azurerm_key_vault_secret"/gm)!.length;
    expect(secrets).toBeGreaterThanOrEqual(3);
    expect(
      find(
        e,
        'azurerm_key_vault.main',
        new RegExp(`${secrets} secrets × 730 reads`),
      ),
    ).toMatchObject({
      quantity: (secrets * 730) / 10_000,
      unit: '10K operations',
      unitPrice: 0.03,
    });
    expect(
      e.lines.some(l =>
        l.resource.startsWith('azurerm_monitor_metric_alert.cache_'),
      ),
    ).toBe(true);
  });

  it('prod: HA standby priced as a second node, geo-redundant backups, a read replica, Premium registry, GZRS, VMs and their load balancer', () => {
    const e = estimate('azure-variation-prod');
    const server = 'azurerm_postgresql_flexible_server.db';
    expect(find(e, server, /compute, primary/)).toMatchObject({
      quantity: 730,
      unitPrice: 0.198,
      monthly: 144.54,
    });
    expect(
      find(e, server, /HA standby compute \(billed as a second node\)/),
    ).toMatchObject({ quantity: 730, unitPrice: 0.198, monthly: 144.54 });
    // 64 GB is provisioned as 64 GiB; the standby has its own copy.
    expect(find(e, server, /^Flexible server storage, 64 GiB/)).toMatchObject({
      quantity: 64,
      unitPrice: 0.127,
      monthly: 8.13,
    });
    expect(find(e, server, /standby storage, 64 GiB/)).toMatchObject({
      quantity: 64,
      monthly: 8.13,
    });
    expect(find(e, server, /Geo-redundant backup storage/)).toMatchObject({
      quantity: 64,
      unitPrice: 0.2,
      monthly: 12.8,
    });
    expect(
      find(
        e,
        'azurerm_postgresql_flexible_server.db_replica',
        /read replica compute, 1 replica/,
      ),
    ).toMatchObject({ quantity: 730, monthly: 144.54 });
    expect(
      find(e, 'azurerm_container_registry.images', /Premium/),
    ).toMatchObject({
      quantity: 30.4167,
      unit: 'days',
      unitPrice: 1.6666,
      monthly: 50.69,
    });
    expect(find(e, 'azurerm_storage_container.assets', /GZRS/)).toMatchObject({
      unitPrice: 0.0441,
    });
    expect(
      find(
        e,
        'azurerm_linux_virtual_machine_scale_set.workers',
        /Standard_D2s_v5 Linux/,
      ),
    ).toMatchObject({ unitPrice: 0.107 });
    expect(
      find(e, 'azurerm_lb.workers', /Standard load balancer/),
    ).toMatchObject({ quantity: 730, unitPrice: 0.025, monthly: 18.25 });
    // Three NAT gateways, each with its address.
    expect(find(e, 'azurerm_nat_gateway.main', /3 gateways/)).toMatchObject({
      quantity: 2190,
      monthly: 98.55,
    });
    // Prod reaches Key Vault, blob storage and Atlas (Private Link) through private endpoints too.
    const endpoints = e.lines
      .filter(l => l.resource.startsWith('azurerm_private_endpoint.'))
      .map(l => l.resource)
      .sort();
    expect(endpoints).toEqual([
      'azurerm_private_endpoint.cache',
      'azurerm_private_endpoint.docs',
      'azurerm_private_endpoint.key_vault',
      'azurerm_private_endpoint.storage_blob',
    ]);
    expect(
      find(e, 'azurerm_private_endpoint.docs', /Private endpoint/),
    ).toMatchObject({
      component: 'docs',
      quantity: 730,
      unitPrice: 0.01,
      monthly: 7.3,
    });
    // Container Apps per second: minCount replicas × their vCPU and GiB for 730 h.
    const svc = resolveCase(cases['azure-variation-prod']).components.find(
      c => c.name === 'worker',
    );
    if (svc?.type !== 'service') throw new Error('no worker service');
    expect(svc.minCount).toBe(2);
    const worker = e.lines.filter(
      l => l.resource === 'azurerm_container_app.worker',
    );
    expect(worker.map(l => l.unit)).toEqual(['vCPU-seconds', 'GiB-seconds']);
    expect(worker[0].quantity).toBe(2 * svc.cpu * 730 * 3600);
    expect(worker[0].monthly).toBe(
      roundToCent(2 * svc.cpu * 730 * 3600 * 0.000034),
    );
    expect(worker[1].quantity).toBe((2 * svc.memoryMb * 730 * 3600) / 1024);
  });

  it('dev: one Redis node, Standard registry, Burstable PostgreSQL without HA lines', () => {
    const e = estimate('azure-variation-dev');
    // Dev reaches Atlas over the NAT access list: no private endpoint to price.
    expect(
      e.lines.filter(l => l.resource === 'azurerm_private_endpoint.docs'),
    ).toEqual([]);
    expect(find(e, 'azurerm_managed_redis.cache', /1 node/)).toMatchObject({
      quantity: 730,
    });
    expect(
      find(e, 'azurerm_container_registry.images', /Standard/),
    ).toMatchObject({ unitPrice: 0.6666 });
    expect(
      find(e, 'azurerm_postgresql_flexible_server.db', /Standard_B1ms/),
    ).toMatchObject({ unitPrice: 0.0207 });
    expect(e.lines.some(l => /standby|Geo-redundant/.test(l.description))).toBe(
      false,
    );
  });

  it('a size the catalog does not price in a priced region is refused at its field, with the known sizes', () => {
    const spec = structuredClone(cases['azure-variation-dev'].spec) as any;
    spec.spec.components[0].size = 'Standard_E2ds_v5';
    const result = estimateSpec(spec, { pricers: pricers() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      {
        path: 'spec.components[0].size',
        message: expect.stringMatching(
          /^"Standard_E2ds_v5" is not a known azure postgres size in westeurope \(known: Standard_B1ms, Standard_B2s, Standard_D2ds_v4/,
        ),
      },
    ]);
  });

  it('a missing price is a problem at its field path, never a zero line', () => {
    const env = resolveCase(cases['integration-platform-azure']);
    const partial = createAzurePricer(() => {
      const file = structuredClone(catalog.regionFile('westeurope')!);
      delete file.groups['nat.gb'];
      delete file.groups['storage.blob'].prices!.Hot_ZRS;
      const { AzurePriceCatalog: Catalog } = jest.requireActual('./catalog');
      return new Catalog([file, catalog.regionFile('global')!], {
        ...catalog.atlas,
        regions: {},
      });
    });
    expect(() =>
      estimateEnvironment(env, { pricers: { azure: partial } }),
    ).toThrow(
      new RegExp(
        [
          'spec.network.natGateways: no nat.gb price in westeurope',
          'spec.components\\[0\\].size: no MongoDB Atlas on Azure price for M10 in EUROPE_WEST',
          'spec.components\\[2\\].storageGb: no storage.blob price for "Hot_ZRS" in westeurope',
        ].join('[^]*'),
      ),
    );
  });
});
