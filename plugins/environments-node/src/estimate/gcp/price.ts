/**
 * What each part of a Google Cloud environment costs: one function per component type, reading
 * only the resolved model, so the estimate prices exactly what the GCP emitter (generate/gcp/)
 * creates. Every line names its resource with the emitter's own naming (`gcpAddress`).
 */
import type {
  ResolvedBucket,
  ResolvedCdn,
  ResolvedComponent,
  ResolvedEnvironment,
  ResolvedMongodb,
  ResolvedPostgres,
  ResolvedRedis,
  ResolvedRegistry,
  ResolvedSecrets,
  ResolvedService,
  ResolvedVmGroup,
} from '@terrace/plugin-environments-common';
import { gcpAddress as address } from '../../generate/gcp/naming';
import { memorystoreTier } from '../../generate/gcp/redis';
import { HOURS_PER_MONTH, LineCollector } from '../lines';
import type { PricePoint } from '../prices';
import type { GcpPriceCatalog } from './catalog';

const H = HOURS_PER_MONTH;

interface Ctx {
  env: ResolvedEnvironment;
  catalog: GcpPriceCatalog;
  out: LineCollector;
  region: string;
  /** `spec.components[i]` of the component being priced. */
  path: string;
  /** `path group` pairs already reported missing, so each is reported once. */
  reported: Set<string>;
}

/**
 * The compute of a Cloud SQL tier: `db-f1-micro` and `db-g1-small` are shared-core tiers priced
 * per instance-hour; `db-custom-<vCPUs>-<MiB>` is priced per vCPU-hour and GiB-hour of RAM.
 * Undefined for any other name (e.g. legacy `db-n1-standard-1`, not priced).
 */
export function cloudSqlTier(
  size: string,
):
  | { kind: 'shared'; group: 'micro' | 'small' }
  | { kind: 'custom'; vcpus: number; memoryGib: number }
  | undefined {
  if (size === 'db-f1-micro') return { kind: 'shared', group: 'micro' };
  if (size === 'db-g1-small') return { kind: 'shared', group: 'small' };
  const m = /^db-custom-(\d+)-(\d+)$/.exec(size);
  if (!m) return undefined;
  const vcpus = Number(m[1]);
  const mib = Number(m[2]);
  // Cloud SQL's rules for custom tiers: 1 or an even number of vCPUs up to 96, memory a multiple
  // of 256 MiB between 0.9 and 6.5 GiB per vCPU (cloud.google.com/sql/docs/postgres/create-instance).
  const validCpus = vcpus === 1 || (vcpus % 2 === 0 && vcpus <= 96);
  const perCpu = mib / 1024 / vcpus;
  if (!validCpus || mib % 256 !== 0 || perCpu < 0.9 || perCpu > 6.5) {
    return undefined;
  }
  return { kind: 'custom', vcpus, memoryGib: mib / 1024 };
}

/**
 * The capacity tier of a Memorystore for Redis size (`basic-5gb` -> M2): M1 1-4 GB, M2 5-10,
 * M3 11-35, M4 36-100, M5 over 100 (cloud.google.com/memorystore/docs/redis/pricing).
 */
export function memorystoreCapacityTier(gb: number): string {
  if (gb <= 4) return 'M1';
  if (gb <= 10) return 'M2';
  if (gb <= 35) return 'M3';
  if (gb <= 100) return 'M4';
  return 'M5';
}

/**
 * How Compute Engine bills a machine type: its family (`e2`, `n2`), vCPUs and GiB of memory.
 * E2 shared-core types are billed as fractions of a vCPU (e2-micro 0.25, e2-small 0.5,
 * e2-medium 1); predefined `standard`/`highmem`/`highcpu` types have 4, 8 or 1 GiB per vCPU
 * (cloud.google.com/compute/docs/general-purpose-machines). Undefined for other families.
 */
export function gceMachineType(
  type: string,
): { family: 'e2' | 'n2'; vcpus: number; memoryGib: number } | undefined {
  const shared: Record<string, [number, number]> = {
    'e2-micro': [0.25, 1],
    'e2-small': [0.5, 2],
    'e2-medium': [1, 4],
  };
  if (shared[type]) {
    const [vcpus, memoryGib] = shared[type];
    return { family: 'e2', vcpus, memoryGib };
  }
  const m = /^(e2|n2)-(standard|highmem|highcpu)-(\d+)$/.exec(type);
  if (!m) return undefined;
  const vcpus = Number(m[3]);
  const valid =
    m[1] === 'e2'
      ? [2, 4, 8, 16, 32].includes(vcpus)
      : [2, 4, 8, 16, 32, 48, 64, 80, 96, 128].includes(vcpus);
  if (!valid) return undefined;
  const perCpu = { standard: 4, highmem: 8, highcpu: 1 }[m[2] as 'standard'];
  return { family: m[1] as 'e2' | 'n2', vcpus, memoryGib: vcpus * perCpu };
}

/** GB of a Memorystore size name (`standard-5gb` -> 5). */
export function memorystoreGb(size: string): number {
  return Number(/(\d+)gb$/.exec(size)?.[1] ?? 1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A line priced from the catalog; a missing price goes to out.problems at `path`. */
function line(
  ctx: Ctx,
  path: string,
  group: string,
  l: {
    component: string;
    resource: string;
    description: string;
    quantity: number;
  },
  perHour = false,
): void {
  const key = `${path} ${group}`;
  if (ctx.reported.has(key)) return;
  const price = ctx.out.price(path, () => ctx.catalog.price(group, ctx.region));
  if (!price) ctx.reported.add(key);
  ctx.out.add(l, price && perHour ? hourly(price) : price);
}

/** A per-second price as the hourly rate (Cloud Run), so lines read in hours like the others. */
function hourly(p: PricePoint): PricePoint {
  return {
    ...p,
    usd: Math.round(p.usd * 3600 * 1e9) / 1e9,
    unit: p.unit.replace(/-second$/, '-hour'),
  };
}

/** A generated credential (one Secret Manager secret with one active version). */
function credentialSecret(
  ctx: Ctx,
  c: ResolvedComponent,
  suffix: string,
  what: string,
): void {
  line(ctx, 'spec.region', 'secretManager.version', {
    component: c.name,
    resource: address('google_secret_manager_secret_version', c.name, suffix),
    description: `Secret Manager active secret version (${what})`,
    quantity: 1,
  });
}

function network(ctx: Ctx): void {
  const { env } = ctx;
  const staticNat = env.components.some(c => c.type === 'mongodb');
  if (env.network.natGateways <= 0 && !staticNat) return;
  line(ctx, 'spec.network.natGateways', 'nat.gateway', {
    component: 'network',
    resource: address('google_compute_router_nat', undefined, 'main'),
    description:
      'Cloud NAT gateway uptime, at its 32-VM cap (fewer VMs cost 0.0014 per VM-hour)',
    quantity: H,
  });
  line(ctx, 'spec.usage.natProcessedGb', 'nat.data', {
    component: 'network',
    resource: address('google_compute_router_nat', undefined, 'main'),
    description: 'Cloud NAT data processed (spec.usage.natProcessedGb)',
    quantity: env.usage.natProcessedGb,
  });
  if (staticNat) {
    line(ctx, 'spec.region', 'ip.static', {
      component: 'network',
      resource: address('google_compute_address', undefined, 'nat'),
      description:
        'Static external IPv4 address of Cloud NAT (in use; the Atlas access list allows it)',
      quantity: H,
    });
  }
}

function postgres(ctx: Ctx, c: ResolvedPostgres): void {
  const tier = cloudSqlTier(c.size);
  const sizePath = `${ctx.path}.size`;
  const availability = c.highAvailability ? 'regional' : 'zonal';
  const label = c.highAvailability ? 'REGIONAL (HA)' : 'ZONAL';
  const primary = address('google_sql_database_instance', c.name);
  const replica = address('google_sql_database_instance', c.name, 'replica');
  if (!tier) {
    ctx.out.problems.push({
      path: sizePath,
      message: `"${c.size}" is not a Cloud SQL tier the gcp price catalog prices (db-f1-micro, db-g1-small, db-custom-<vCPUs>-<MiB>)`,
    });
  } else {
    const compute = (
      resource: string,
      deployment: 'zonal' | 'regional',
      count: number,
      what: string,
    ) => {
      if (tier.kind === 'shared') {
        line(ctx, sizePath, `cloudsql.postgres.${deployment}.${tier.group}`, {
          component: c.name,
          resource,
          description: `Cloud SQL ${c.size} (shared core, Enterprise), ${what}`,
          quantity: count * H,
        });
        return;
      }
      line(ctx, sizePath, `cloudsql.postgres.${deployment}.vcpu`, {
        component: c.name,
        resource,
        description: `Cloud SQL ${c.size} vCPUs (Enterprise), ${what}: ${
          count * tier.vcpus
        } vCPU × ${H} h`,
        quantity: count * tier.vcpus * H,
      });
      line(ctx, sizePath, `cloudsql.postgres.${deployment}.ram`, {
        component: c.name,
        resource,
        description: `Cloud SQL ${c.size} memory (Enterprise), ${what}: ${
          count * tier.memoryGib
        } GiB × ${H} h`,
        quantity: count * tier.memoryGib * H,
      });
    };
    compute(primary, availability, 1, label);
    if (c.readReplicas > 0) {
      compute(
        replica,
        'zonal',
        c.readReplicas,
        `${plural(c.readReplicas, 'read replica')}, ZONAL`,
      );
    }
  }
  line(
    ctx,
    `${ctx.path}.storageGb`,
    `cloudsql.postgres.${availability}.storage`,
    {
      component: c.name,
      resource: primary,
      description: `Cloud SQL SSD storage, ${c.storageGb} GB, ${label}`,
      quantity: c.storageGb,
    },
  );
  if (c.readReplicas > 0) {
    line(ctx, `${ctx.path}.storageGb`, 'cloudsql.postgres.zonal.storage', {
      component: c.name,
      resource: replica,
      description: `Cloud SQL SSD storage of the read replicas, ${c.readReplicas} × ${c.storageGb} GB`,
      quantity: c.readReplicas * c.storageGb,
    });
  }
  if (c.backupRetentionDays > 0) {
    line(ctx, `${ctx.path}.backupRetentionDays`, 'cloudsql.backups', {
      component: c.name,
      resource: primary,
      description: `Cloud SQL backups, ${c.storageGb} GB (one full copy of the disk; later backups are incremental)`,
      quantity: c.storageGb,
    });
  }
  credentialSecret(ctx, c, 'admin', 'admin password');
}

function redis(ctx: Ctx, c: ResolvedRedis): void {
  const tier = memorystoreTier(c);
  const gb = memorystoreGb(c.size);
  const band = memorystoreCapacityTier(gb);
  const group = `memorystore.${
    tier === 'BASIC' ? 'basic' : 'standard'
  }.${band}`;
  line(ctx, `${ctx.path}.size`, group, {
    component: c.name,
    resource: address('google_redis_instance', c.name),
    description: `Memorystore for Redis ${tier}, ${gb} GB (capacity tier ${band}): ${gb} GB × ${H} h`,
    quantity: gb * H,
  });
  if (tier === 'STANDARD_HA' && c.replicas > 1) {
    ctx.out.problems.push({
      path: `${ctx.path}.replicas`,
      message: `${c.replicas} replicas make ${
        c.replicas - 1
      } read replicas beyond the Standard tier's one; the gcp price catalog has no read-replica node price`,
    });
  }
  credentialSecret(ctx, c, 'auth', 'AUTH string');
}

function mongodb(ctx: Ctx, c: ResolvedMongodb): void {
  line(ctx, `${ctx.path}.size`, `atlas.${c.size}`, {
    component: c.name,
    resource: address('mongodbatlas_advanced_cluster', c.name),
    description: `MongoDB Atlas ${c.size} on Google Cloud, 3-node replica set (billed by MongoDB)`,
    quantity: H,
  });
  credentialSecret(ctx, c, 'app', 'database user password');
}

function bucket(ctx: Ctx, c: ResolvedBucket): void {
  line(ctx, 'spec.region', 'gcs.standard', {
    component: c.name,
    resource: address('google_storage_bucket', c.name),
    description: `Cloud Storage Standard storage, ${c.storageGb} GB (storageGb)`,
    quantity: c.storageGb,
  });
}

function cdn(ctx: Ctx, c: ResolvedCdn): void {
  const u = ctx.env.usage;
  line(ctx, 'spec.region', 'lb.forwardingRule', {
    component: c.name,
    resource: address('google_compute_global_forwarding_rule', c.name, 'https'),
    description:
      'Global external Application Load Balancer forwarding rules (HTTPS and the HTTP redirect; the first 5 cost one rate)',
    quantity: H,
  });
  line(ctx, 'spec.usage.cdnTransferGb', 'cdn.cacheEgress', {
    component: c.name,
    resource: address('google_compute_backend_bucket', c.name, '*'),
    description: 'Cloud CDN cache egress (spec.usage.cdnTransferGb)',
    quantity: u.cdnTransferGb,
  });
  line(ctx, 'spec.usage.cdnRequestsMillions', 'cdn.cacheLookup', {
    component: c.name,
    resource: address('google_compute_backend_bucket', c.name, '*'),
    description: `Cloud CDN cache lookups, ${u.cdnRequestsMillions} M requests (spec.usage.cdnRequestsMillions)`,
    quantity: u.cdnRequestsMillions * 100,
  });
}

function service(ctx: Ctx, c: ResolvedService): void {
  if (c.minCount <= 0) return;
  const gib = c.memoryMb / 1024;
  const resource = address('google_cloud_run_v2_service', c.name);
  line(
    ctx,
    'spec.region',
    'run.cpu.idle',
    {
      component: c.name,
      resource,
      description: `Cloud Run minimum instances kept idle, CPU: ${c.minCount} × ${c.cpu} vCPU × ${H} h (billed per vCPU-second)`,
      quantity: c.minCount * c.cpu * H,
    },
    true,
  );
  line(
    ctx,
    'spec.region',
    'run.memory.idle',
    {
      component: c.name,
      resource,
      description: `Cloud Run minimum instances kept idle, memory: ${c.minCount} × ${gib} GiB × ${H} h (billed per GiB-second)`,
      quantity: c.minCount * gib * H,
    },
    true,
  );
}

function vmGroup(ctx: Ctx, c: ResolvedVmGroup): void {
  const machine = gceMachineType(c.instanceType);
  const sizePath = `${ctx.path}.instanceType`;
  const resource = address(
    'google_compute_region_instance_group_manager',
    c.name,
  );
  const count = c.desiredCount;
  if (!machine) {
    ctx.out.problems.push({
      path: sizePath,
      message: `"${c.instanceType}" is not a machine type the gcp price catalog prices (e2-micro, e2-small, e2-medium, e2-/n2-standard|highmem|highcpu-<vCPUs>)`,
    });
  } else {
    const discount =
      machine.family === 'n2'
        ? '; before the sustained-use discount (up to 20 % for a full month)'
        : '';
    line(ctx, sizePath, `gce.${machine.family}.core`, {
      component: c.name,
      resource,
      description: `${c.instanceType} vCPUs, ${plural(
        count,
        'instance',
      )} (desiredCount): ${count * machine.vcpus} vCPU × ${H} h${discount}`,
      quantity: count * machine.vcpus * H,
    });
    line(ctx, sizePath, `gce.${machine.family}.ram`, {
      component: c.name,
      resource,
      description: `${c.instanceType} memory, ${plural(count, 'instance')}: ${
        count * machine.memoryGib
      } GiB × ${H} h${discount}`,
      quantity: count * machine.memoryGib * H,
    });
  }
  line(ctx, 'spec.region', 'gce.pd.balanced', {
    component: c.name,
    resource: address('google_compute_instance_template', c.name),
    description: `Balanced persistent boot disks, ${count} × ${c.volumeGb} GB`,
    quantity: count * c.volumeGb,
  });
  line(ctx, 'spec.region', 'lb.forwardingRule.regional', {
    component: c.name,
    resource: address('google_compute_forwarding_rule', c.name),
    description: `Passthrough Network Load Balancer forwarding rule (${
      c.public ? 'external' : 'internal'
    }; the first 5 of the region cost one rate)`,
    quantity: H,
  });
}

function registry(ctx: Ctx, c: ResolvedRegistry): void {
  line(ctx, 'spec.region', 'artifactRegistry.storage', {
    component: c.name,
    resource: address('google_artifact_registry_repository', c.name),
    description: `Artifact Registry storage, ${c.storageGb} GB (usage assumption)`,
    quantity: c.storageGb,
  });
}

function secrets(ctx: Ctx, c: ResolvedSecrets): void {
  line(ctx, 'spec.region', 'secretManager.version', {
    component: c.name,
    resource: address('google_secret_manager_secret', c.name, '*'),
    description: `Secret Manager active secret versions, one per slot once its owner adds it (${plural(
      c.names.length,
      'slot',
    )})`,
    quantity: c.names.length,
  });
}

/**
 * Adds the lines of a GCP environment to `out`; every price missing for the region, size or
 * component goes to `out.problems` with its field path.
 */
export function priceGcpEnvironment(
  env: ResolvedEnvironment,
  catalog: GcpPriceCatalog,
  out: LineCollector,
): void {
  const base = {
    env,
    catalog,
    out,
    region: env.region,
    reported: new Set<string>(),
  };
  network({ ...base, path: 'spec.network' });
  env.components.forEach((c, i) => {
    const ctx: Ctx = { ...base, path: `spec.components[${i}]` };
    switch (c.type) {
      case 'postgres':
        return postgres(ctx, c);
      case 'redis':
        return redis(ctx, c);
      case 'mongodb':
        return mongodb(ctx, c);
      case 'bucket':
        return bucket(ctx, c);
      case 'cdn':
        return cdn(ctx, c);
      case 'service':
        return service(ctx, c);
      case 'registry':
        return registry(ctx, c);
      case 'secrets':
        return secrets(ctx, c);
      case 'vm-group':
        return vmGroup(ctx, c);
      default:
        out.problems.push({
          path: `${ctx.path}.type`,
          message: `a ${
            (c as { type: string }).type
          } is not generated on gcp yet, so it has no price`,
        });
        return undefined;
    }
  });
}
