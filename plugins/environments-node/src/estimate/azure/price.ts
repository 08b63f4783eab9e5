/**
 * What each part of an Azure environment costs: one function per component type, reading the
 * resolved model and, for the parts whose number the emitter decides (private endpoints, metric
 * alerts, Key Vault secrets), the emitter's own blocks, so the estimate prices exactly what the
 * Azure emitter creates.
 */
import {
  ATLAS_AZURE_REGIONS,
  type ResolvedBucket,
  type ResolvedCdn,
  type ResolvedComponent,
  type ResolvedEnvironment,
  type ResolvedMongodb,
  type ResolvedPostgres,
  type ResolvedRedis,
  type ResolvedRegistry,
  type ResolvedService,
  type ResolvedVmGroup,
} from '@terrace/plugin-environments-common';
import { buildAzureTerraform } from '../../generate/azure';
import { azureAddress } from '../../generate/azure/naming';
import { flexibleStorageMb } from '../../generate/azure/postgres';
import type { Block, BodyItem, MapExpr } from '../../generate/hcl';
import { HOURS_PER_MONTH, LineCollector } from '../lines';
import { AZURE_GLOBAL, type AzurePriceCatalog } from './catalog';

const H = HOURS_PER_MONTH;
const SECONDS_PER_MONTH = H * 3600;
/** Days in a 730-hour month, as Container Registry's per-day price is counted. */
const DAYS_PER_MONTH = H / 24;

/**
 * Key Vault operations assumed per secret a month: each secret read once an hour (an app or VM
 * reading it at start and on refresh). Stated in the assumptions.
 */
export const KEY_VAULT_READS_PER_SECRET = H;

/** Every line names its resource with the Azure emitter's own naming. */
const address = azureAddress;

interface Ctx {
  env: ResolvedEnvironment;
  catalog: AzurePriceCatalog;
  out: LineCollector;
  region: string;
  /** `spec.components[i]` of the component being priced. */
  path: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The storage redundancy the emitter gives the storage accounts of a tier. */
export function azureBlobRedundancy(env: ResolvedEnvironment): 'ZRS' | 'GZRS' {
  return env.tier === 'prod' ? 'GZRS' : 'ZRS';
}

/** The Container Registry SKU the emitter picks for a tier. */
export function azureRegistrySku(
  env: ResolvedEnvironment,
): 'Standard' | 'Premium' {
  return env.tier === 'prod' ? 'Premium' : 'Standard';
}

/** What the emitter creates whose number the resolved model does not say directly. */
interface Emitted {
  /** `azurerm_private_endpoint` locals, with the component of each (its `terrace:component` tag). */
  privateEndpoints: Array<{ local: string; component: string }>;
  /** Metric alert rules per component. */
  alerts: Map<string, number>;
  /** Key Vault secrets (each `count` expanded). */
  secrets: number;
}

function blocksOf(items: BodyItem[]): Block[] {
  return items.filter((i): i is Block => i.kind === 'block');
}

function attrValue(block: Block, name: string): unknown {
  const a = block.body.find(i => i.kind === 'attribute' && i.name === name);
  return a && a.kind === 'attribute' ? a.value : undefined;
}

/** The `terrace:component` tag of a resource block (its `tags` map), when it carries one. */
function componentTag(block: Block): string | undefined {
  const tags = attrValue(block, 'tags') as MapExpr | undefined;
  if (!tags || typeof tags !== 'object' || tags.kind !== 'map')
    return undefined;
  const hit = tags.entries.find(([k]) => k === 'terrace:component');
  return typeof hit?.[1] === 'string' ? hit[1] : undefined;
}

function readEmitted(env: ResolvedEnvironment): Emitted {
  const resources = [...buildAzureTerraform(env).values()]
    .flatMap(blocksOf)
    .filter(b => b.type === 'resource');
  const privateEndpoints = resources
    .filter(b => b.labels[0] === 'azurerm_private_endpoint')
    .map(b => ({ local: b.labels[1], component: componentTag(b) ?? 'shared' }));
  const alertLocals = new Set(
    resources
      .filter(b => b.labels[0] === 'azurerm_monitor_metric_alert')
      .map(b => b.labels[1]),
  );
  const alertCount = new Map<string, number>();
  for (const alarm of env.alarms) {
    const local = `${alarm.component.replace(
      /[^A-Za-z0-9_]/g,
      '_',
    )}_${alarm.check.replace(/[^A-Za-z0-9_]/g, '_')}`;
    if (alertLocals.has(local)) {
      alertCount.set(
        alarm.component,
        (alertCount.get(alarm.component) ?? 0) + 1,
      );
    }
  }
  const secrets = resources
    .filter(b => b.labels[0] === 'azurerm_key_vault_secret')
    .reduce((n, b) => {
      const count = attrValue(b, 'count');
      return n + (typeof count === 'number' ? count : 1);
    }, 0);
  return { privateEndpoints, alerts: alertCount, secrets };
}

function network(ctx: Ctx, emitted: Emitted): void {
  const { env, catalog, out, region } = ctx;
  const n = env.network.natGateways;
  if (n > 0) {
    out.add(
      {
        component: 'network',
        resource: address('azurerm_nat_gateway', undefined, 'main'),
        description: `NAT gateway, ${plural(n, 'gateway')}`,
        quantity: n * H,
      },
      out.price('spec.network.natGateways', () =>
        catalog.flat('nat.hour', region),
      ),
    );
    out.add(
      {
        component: 'network',
        resource: address('azurerm_nat_gateway', undefined, 'main'),
        description: 'NAT gateway data processed (spec.usage.natProcessedGb)',
        quantity: env.usage.natProcessedGb,
      },
      out.price('spec.network.natGateways', () =>
        catalog.flat('nat.gb', region),
      ),
    );
    out.add(
      {
        component: 'network',
        resource: address('azurerm_public_ip', undefined, 'nat'),
        description: `Standard static public IPv4 addresses of the NAT gateways, ${plural(
          n,
          'address',
          'addresses',
        )}`,
        quantity: n * H,
      },
      out.price('spec.network.natGateways', () =>
        catalog.flat('publicIp.hour', region),
      ),
    );
  }
  for (const endpoint of emitted.privateEndpoints) {
    out.add(
      {
        component: endpoint.component,
        resource: address(
          'azurerm_private_endpoint',
          undefined,
          endpoint.local,
        ),
        description: 'Private endpoint (Private Link), per hour',
        quantity: H,
      },
      out.price('spec.region', () =>
        catalog.flat('privateEndpoint.hour', region),
      ),
    );
  }
}

function postgres(ctx: Ctx, c: ResolvedPostgres): void {
  const { catalog, out, region, env } = ctx;
  const server = address('azurerm_postgresql_flexible_server', c.name);
  const compute = out.price(`${ctx.path}.size`, () =>
    catalog.sized('postgres.compute', region, c.size),
  );
  // The emitter provisions the smallest storage size Azure offers that holds storageGb.
  const storageGb = flexibleStorageMb(c.storageGb) / 1024;
  const storage = out.price(`${ctx.path}.storageGb`, () =>
    catalog.flat('postgres.storage', region),
  );
  out.add(
    {
      component: c.name,
      resource: server,
      description: `${c.size} PostgreSQL ${c.version} flexible server compute, primary`,
      quantity: H,
    },
    compute,
  );
  out.add(
    {
      component: c.name,
      resource: server,
      description: `Flexible server storage, ${storageGb} GiB provisioned (storageGb ${c.storageGb})`,
      quantity: storageGb,
    },
    storage,
  );
  if (c.highAvailability) {
    // Zone-redundant HA runs a standby of the same size, billed like the primary.
    out.add(
      {
        component: c.name,
        resource: server,
        description: `${c.size} zone-redundant HA standby compute (billed as a second node)`,
        quantity: H,
      },
      compute,
    );
    out.add(
      {
        component: c.name,
        resource: server,
        description: `Zone-redundant HA standby storage, ${storageGb} GiB`,
        quantity: storageGb,
      },
      storage,
    );
  }
  if (env.tier === 'prod') {
    // Geo-redundant backups: a copy of a full backup of the provisioned storage in the paired region.
    out.add(
      {
        component: c.name,
        resource: server,
        description: `Geo-redundant backup storage, ${storageGb} GiB (one full backup of the provisioned storage)`,
        quantity: storageGb,
      },
      out.price(`${ctx.path}.backupRetentionDays`, () =>
        catalog.flat('postgres.backup.grs', region),
      ),
    );
  }
  if (c.readReplicas > 0) {
    const replica = address(
      'azurerm_postgresql_flexible_server',
      c.name,
      'replica',
    );
    out.add(
      {
        component: c.name,
        resource: replica,
        description: `${c.size} read replica compute, ${plural(
          c.readReplicas,
          'replica',
        )}`,
        quantity: c.readReplicas * H,
      },
      out.price(`${ctx.path}.readReplicas`, () =>
        catalog.sized('postgres.compute', region, c.size),
      ),
    );
    out.add(
      {
        component: c.name,
        resource: replica,
        description: `Read replica storage, ${c.readReplicas} × ${storageGb} GiB`,
        quantity: c.readReplicas * storageGb,
      },
      out.price(`${ctx.path}.readReplicas`, () =>
        catalog.flat('postgres.storage', region),
      ),
    );
  }
}

function mongodb(ctx: Ctx, c: ResolvedMongodb): void {
  const atlasRegion = ATLAS_AZURE_REGIONS[ctx.region] ?? ctx.region;
  ctx.out.add(
    {
      component: c.name,
      resource: address('mongodbatlas_advanced_cluster', c.name),
      description: `MongoDB Atlas ${c.size} cluster ${c.version} on Azure (${atlasRegion}), 3-node replica set`,
      quantity: H,
    },
    ctx.out.price(`${ctx.path}.size`, () =>
      ctx.catalog.atlasCluster(atlasRegion, c.size),
    ),
  );
}

function redis(ctx: Ctx, c: ResolvedRedis): void {
  // Azure Managed Redis bills each node: high availability (replicas) runs two.
  const nodes = c.multiAz ? 2 : 1;
  ctx.out.add(
    {
      component: c.name,
      resource: address('azurerm_managed_redis', c.name),
      description: `Azure Managed Redis ${c.size}, ${plural(nodes, 'node')}${
        c.multiAz ? ' (high availability)' : ''
      }`,
      quantity: nodes * H,
    },
    ctx.out.price(`${ctx.path}.size`, () =>
      ctx.catalog.sized('redis.managed', ctx.region, c.size),
    ),
  );
}

function bucket(ctx: Ctx, c: ResolvedBucket): void {
  const redundancy = azureBlobRedundancy(ctx.env);
  ctx.out.add(
    {
      component: c.name,
      resource: address('azurerm_storage_container', c.name),
      description: `Blob storage, Hot tier, ${redundancy}, ${c.storageGb} GB (storageGb)`,
      quantity: c.storageGb,
    },
    ctx.out.price(`${ctx.path}.storageGb`, () =>
      ctx.catalog.sized('storage.blob', ctx.region, `Hot_${redundancy}`),
    ),
  );
}

function cdn(ctx: Ctx, c: ResolvedCdn, firstCdn: string): void {
  const { catalog, out, env } = ctx;
  const profile = address('azurerm_cdn_frontdoor_profile', c.name);
  // Usage is stated for the whole environment; the first cdn carries it.
  const first = c.name === firstCdn;
  const transferGb = first ? env.usage.cdnTransferGb : 0;
  const requests = first ? env.usage.cdnRequestsMillions : 0;
  const counted = first ? '' : `, counted on ${firstCdn}`;
  out.add(
    {
      component: c.name,
      resource: profile,
      description: 'Front Door Standard base fee, one profile',
      quantity: 1,
    },
    out.price(ctx.path, () => catalog.flat('frontDoor.base', AZURE_GLOBAL)),
  );
  let zone: string | undefined;
  try {
    zone = catalog.frontDoorZone(ctx.region);
  } catch (e) {
    out.price('spec.region', () => {
      throw e;
    });
    return;
  }
  out.add(
    {
      component: c.name,
      resource: profile,
      description: `Front Door data transfer out to clients, ${zone}, ${transferGb.toLocaleString(
        'en-US',
      )} GB (spec.usage.cdnTransferGb${counted})`,
      quantity: transferGb,
    },
    out.price('spec.region', () =>
      catalog.sized('frontDoor.egress', AZURE_GLOBAL, zone!),
    ),
  );
  out.add(
    {
      component: c.name,
      resource: profile,
      description: `Front Door requests, ${zone}, ${requests} M (spec.usage.cdnRequestsMillions${counted})`,
      quantity: requests * 100,
    },
    out.price('spec.region', () =>
      catalog.sized('frontDoor.requests', AZURE_GLOBAL, zone!),
    ),
  );
}

function service(ctx: Ctx, c: ResolvedService): void {
  const { catalog, out, region } = ctx;
  const app = address('azurerm_container_app', c.name);
  const replicas = `${plural(c.minCount, 'replica')} (min_replicas; scales to ${
    c.maxCount
  })`;
  out.add(
    {
      component: c.name,
      resource: app,
      description: `Container Apps vCPU, ${replicas} × ${c.cpu} vCPU, active all month`,
      quantity: c.minCount * c.cpu * SECONDS_PER_MONTH,
    },
    out.price('spec.region', () => catalog.flat('containerApps.vcpu', region)),
  );
  const gib = c.memoryMb / 1024;
  out.add(
    {
      component: c.name,
      resource: app,
      description: `Container Apps memory, ${replicas} × ${gib} GiB, active all month`,
      quantity: c.minCount * gib * SECONDS_PER_MONTH,
    },
    out.price('spec.region', () =>
      catalog.flat('containerApps.memory', region),
    ),
  );
}

function vmGroup(ctx: Ctx, c: ResolvedVmGroup): void {
  const { catalog, out, region } = ctx;
  out.add(
    {
      component: c.name,
      resource: address('azurerm_linux_virtual_machine_scale_set', c.name),
      description: `${c.instanceType} Linux, ${plural(
        c.desiredCount,
        'instance',
      )} (desiredCount; min ${c.minCount}, max ${c.maxCount})`,
      quantity: c.desiredCount * H,
    },
    out.price(`${ctx.path}.instanceType`, () =>
      catalog.sized('vm.linux', region, c.instanceType),
    ),
  );
  out.add(
    {
      component: c.name,
      resource: address('azurerm_lb', c.name),
      description: `Standard load balancer (first 5 rules), ${
        c.public ? 'public' : 'internal'
      }`,
      quantity: H,
    },
    out.price('spec.region', () => catalog.flat('loadBalancer.hour', region)),
  );
  if (c.public) {
    out.add(
      {
        component: c.name,
        resource: address('azurerm_public_ip', c.name),
        description: 'Standard static public IPv4 address of the load balancer',
        quantity: H,
      },
      out.price('spec.region', () => catalog.flat('publicIp.hour', region)),
    );
  }
}

function registry(ctx: Ctx, c: ResolvedRegistry): void {
  const sku = azureRegistrySku(ctx.env);
  ctx.out.add(
    {
      component: c.name,
      resource: address('azurerm_container_registry', c.name),
      description: `Container Registry ${sku}, per day (includes its storage allowance)`,
      quantity: DAYS_PER_MONTH,
    },
    ctx.out.price(ctx.path, () =>
      ctx.catalog.sized('registry.sku', ctx.region, sku),
    ),
  );
}

function alerts(ctx: Ctx, component: string, count: number): void {
  if (count === 0) return;
  ctx.out.add(
    {
      component,
      resource: address('azurerm_monitor_metric_alert', component, '*'),
      description: `Azure Monitor metric alert rules, ${plural(count, 'rule')}`,
      quantity: count,
    },
    ctx.out.price('spec.region', () =>
      ctx.catalog.flat('monitor.metricAlert', ctx.region),
    ),
  );
}

function environmentWide(ctx: Ctx, emitted: Emitted): void {
  const { catalog, out, region, env } = ctx;
  out.add(
    {
      component: 'monitoring',
      resource: address('azurerm_log_analytics_workspace', undefined, 'main'),
      description:
        'Log Analytics ingestion, Analytics logs (spec.usage.logIngestGb)',
      quantity: env.usage.logIngestGb,
    },
    out.price('spec.region', () => catalog.flat('logAnalytics.ingest', region)),
  );
  out.add(
    {
      component: 'environment',
      resource: address('azurerm_key_vault', undefined, 'main'),
      description: `Key Vault operations, ${plural(
        emitted.secrets,
        'secret',
      )} × ${KEY_VAULT_READS_PER_SECRET} reads a month`,
      quantity: (emitted.secrets * KEY_VAULT_READS_PER_SECRET) / 10_000,
    },
    out.price('spec.region', () => catalog.flat('keyVault.operations', region)),
  );
}

/**
 * Prices every part of an Azure environment into `out`, 730 hours a month; a missing price is a
 * problem at its field path (via `out.price`), never a zero.
 */
export function priceAzureEnvironment(
  env: ResolvedEnvironment,
  catalog: AzurePriceCatalog,
  out: LineCollector,
): void {
  const base = { env, catalog, out, region: env.region };
  const emitted = readEmitted(env);
  const alertsLeft = new Map(emitted.alerts);
  const takeAlerts = (ctx: Ctx, component: string) => {
    alerts(ctx, component, alertsLeft.get(component) ?? 0);
    alertsLeft.delete(component);
  };
  const networkCtx: Ctx = { ...base, path: 'spec.network' };
  network(networkCtx, emitted);
  takeAlerts(networkCtx, 'network');
  const firstCdn = env.components.find(c => c.type === 'cdn')?.name ?? '';
  env.components.forEach((c, i) => {
    const ctx: Ctx = { ...base, path: `spec.components[${i}]` };
    switch (c.type) {
      case 'postgres':
        postgres(ctx, c);
        break;
      case 'mongodb':
        mongodb(ctx, c);
        break;
      case 'redis':
        redis(ctx, c);
        break;
      case 'bucket':
        bucket(ctx, c);
        break;
      case 'cdn':
        cdn(ctx, c, firstCdn);
        break;
      case 'service':
        service(ctx, c);
        break;
      case 'vm-group':
        vmGroup(ctx, c);
        break;
      case 'registry':
        registry(ctx, c);
        break;
      case 'secrets':
        // Key Vault bills operations, not secrets: counted once for the vault below.
        break;
      default: {
        const unknown: never = c;
        throw new Error(
          `unpriced component type ${(unknown as ResolvedComponent).type}`,
        );
      }
    }
    takeAlerts(ctx, c.name);
  });
  const rest: Ctx = { ...base, path: 'spec' };
  for (const component of [...alertsLeft.keys()]) takeAlerts(rest, component);
  environmentWide(rest, emitted);
}
