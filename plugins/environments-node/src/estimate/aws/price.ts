/**
 * What each part of an AWS environment costs: one function per component type, reading only the
 * resolved model, so the estimate prices exactly what the AWS emitter creates.
 */
import {
  awsCdnPriceClass,
  awsEngineVersion,
  extendedSupportOn,
  type ResolvedBucket,
  ResolvedCdn,
  ResolvedComponent,
  ResolvedEnvironment,
  ResolvedMongodb,
  ResolvedPostgres,
  ResolvedRedis,
  ResolvedRegistry,
  ResolvedSecrets,
  ResolvedService,
  type ResolvedVmGroup,
} from '@terrace/plugin-environments-common';
import { awsAddress } from '../../generate/aws/naming';
import {
  GLOBAL_PRICES,
  type PriceCatalog,
  type TieredPriceGroup,
} from './catalog';
import { HOURS_PER_MONTH, LineCollector } from '../lines';

const H = HOURS_PER_MONTH;

interface Ctx {
  env: ResolvedEnvironment;
  catalog: PriceCatalog;
  out: LineCollector;
  region: string;
  /** `spec.components[i]` of the component being priced. */
  path: string;
  /** The day (YYYY-MM-DD) support calendars are read on. */
  today: string;
  /** Notes for the estimate's assumptions (what could not be priced, and why). */
  notes: string[];
}

/**
 * vCPUs of an RDS instance class, as RDS Extended Support counts them: `micro` to `large` 2,
 * `xlarge` 4, `<n>xlarge` 4n (the EC2 sizes the classes are built on).
 */
export function rdsVcpus(instanceClass: string): number {
  const size = instanceClass.split('.').pop() ?? '';
  if (['micro', 'small', 'medium', 'large'].includes(size)) return 2;
  if (size === 'xlarge') return 4;
  const n = /^(\d+)xlarge$/.exec(size);
  return n ? 4 * Number(n[1]) : 2;
}

/** Every line names its resource with the AWS emitter's own naming. */
const address = awsAddress;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function network(ctx: Ctx): void {
  const { env, catalog, out, region } = ctx;
  const n = env.network.natGateways;
  if (n <= 0) return;
  const hour = out.price('spec.region', () =>
    catalog.flat('vpc.natGateway.hour', region),
  );
  out.add(
    {
      component: 'network',
      resource: address('aws_nat_gateway', undefined, 'main'),
      description: `NAT gateway, ${plural(n, 'gateway')}`,
      quantity: n * H,
    },
    hour,
  );
  const ip = out.price('spec.region', () =>
    catalog.flat('vpc.publicIpv4.hour', region),
  );
  out.add(
    {
      component: 'network',
      resource: address('aws_eip', undefined, 'nat'),
      description: `Public IPv4 addresses of the NAT gateways, ${plural(
        n,
        'address',
        'addresses',
      )}`,
      quantity: n * H,
    },
    ip,
  );
  const gb = out.price('spec.region', () =>
    catalog.flat('vpc.natGateway.gb', region),
  );
  out.add(
    {
      component: 'network',
      resource: address('aws_nat_gateway', undefined, 'main'),
      description: 'NAT gateway data processed (spec.usage.natProcessedGb)',
      quantity: env.usage.natProcessedGb,
    },
    gb,
  );
}

/** Generated credentials (database password, auth token) live in Secrets Manager. */
function credentialSecret(
  ctx: Ctx,
  c: ResolvedComponent,
  suffix: string,
  what: string,
): void {
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('secretsManager.secret', ctx.region),
  );
  ctx.out.add(
    {
      component: c.name,
      resource: address('aws_secretsmanager_secret', c.name, suffix),
      description: `Secrets Manager secret (${what})`,
      quantity: 1,
    },
    price,
  );
}

function postgres(ctx: Ctx, c: ResolvedPostgres): void {
  const { catalog, out, region } = ctx;
  const deployment = c.highAvailability ? 'Multi-AZ' : 'single-AZ';
  const sizePath = `${ctx.path}.size`;
  const instance = out.price(sizePath, () =>
    catalog.sized(
      c.highAvailability ? 'rds.postgres.multiAz' : 'rds.postgres.singleAz',
      region,
      c.size,
    ),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_db_instance', c.name),
      description: `${c.size} PostgreSQL ${c.version}, ${deployment}`,
      quantity: H,
    },
    instance,
  );
  const storage = out.price(`${ctx.path}.storageGb`, () =>
    catalog.flat(
      c.highAvailability
        ? 'rds.storage.gp3.multiAz'
        : 'rds.storage.gp3.singleAz',
      region,
    ),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_db_instance', c.name),
      description: `gp3 storage, ${c.storageGb} GB, ${deployment}`,
      quantity: c.storageGb,
    },
    storage,
  );
  if (c.readReplicas > 0) {
    const replica = out.price(sizePath, () =>
      catalog.sized('rds.postgres.singleAz', region, c.size),
    );
    out.add(
      {
        component: c.name,
        resource: address('aws_db_instance', c.name, 'replica'),
        description: `${c.size} PostgreSQL read replica, ${plural(
          c.readReplicas,
          'replica',
        )}, single-AZ`,
        quantity: c.readReplicas * H,
      },
      replica,
    );
    const replicaStorage = out.price(`${ctx.path}.storageGb`, () =>
      catalog.flat('rds.storage.gp3.singleAz', region),
    );
    out.add(
      {
        component: c.name,
        resource: address('aws_db_instance', c.name, 'replica'),
        description: `gp3 storage of the read replicas, ${c.readReplicas} × ${c.storageGb} GB`,
        quantity: c.readReplicas * c.storageGb,
      },
      replicaStorage,
    );
  }
  if (c.performanceInsights) {
    const pi = out.price('spec.region', () =>
      catalog.flat('rds.performanceInsights.freeTier', region),
    );
    out.add(
      {
        component: c.name,
        resource: address('aws_db_instance', c.name),
        description: `Performance Insights, 7-day retention, ${plural(
          1 + c.readReplicas,
          'instance',
        )}`,
        quantity: 1 + c.readReplicas,
      },
      pi,
    );
  }
  extendedSupport(ctx, c);
  credentialSecret(ctx, c, 'master', 'master password');
}

/**
 * RDS Extended Support: a major version past standard support is charged per vCPU-hour on every
 * instance (the Multi-AZ standby and read replicas too), at the rate of its support period.
 */
function extendedSupport(ctx: Ctx, c: ResolvedPostgres): void {
  const { catalog, out, region } = ctx;
  const row = awsEngineVersion('postgres', c.version);
  const period = row && extendedSupportOn(row, ctx.today);
  if (!row || !period) return;
  const group =
    period.period === 'Yr3'
      ? 'rds.extendedSupport.yr3'
      : 'rds.extendedSupport.yr1yr2';
  if (!catalog.hasGroup(region, group)) {
    ctx.notes.push(
      `Not priced: RDS Extended Support of ${c.name} (PostgreSQL ${row.major}, ${period.period} since ${period.from}) has no sourced ${region} rate in the catalog; it is billed per vCPU-hour on top of the instance.`,
    );
    return;
  }
  const instances = (c.highAvailability ? 2 : 1) + c.readReplicas;
  const vcpus = rdsVcpus(c.size);
  const rate = out.price(`${ctx.path}.version`, () =>
    catalog.flat(group, region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_db_instance', c.name),
      description: `RDS Extended Support, PostgreSQL ${row.major} (${
        period.period
      }, ${period.from} to ${period.to}), ${vcpus} vCPU × ${plural(
        instances,
        'instance',
      )} (${c.size})`,
      quantity: vcpus * instances * H,
    },
    rate,
  );
}

function mongodb(ctx: Ctx, c: ResolvedMongodb): void {
  const { catalog, out, region, env } = ctx;
  const cluster = out.price(`${ctx.path}.size`, () =>
    catalog.sized('atlas.cluster', region, c.size),
  );
  out.add(
    {
      component: c.name,
      resource: address('mongodbatlas_advanced_cluster', c.name),
      description: `MongoDB Atlas ${c.size} cluster ${c.version} on AWS, 3-node replica set`,
      quantity: H,
    },
    cluster,
  );
  if (c.privateLink) {
    const endpoint = out.price('spec.region', () =>
      catalog.flat('vpc.interfaceEndpoint.hour', region),
    );
    out.add(
      {
        component: c.name,
        resource: address('aws_vpc_endpoint', c.name),
        description: `PrivateLink interface endpoint to Atlas, ${plural(
          env.network.zones,
          'zone',
        )}`,
        quantity: env.network.zones * H,
      },
      endpoint,
    );
  }
  credentialSecret(ctx, c, 'app', 'database user password');
}

function redis(ctx: Ctx, c: ResolvedRedis): void {
  const { catalog, out, region } = ctx;
  const nodes = 1 + c.replicas;
  const node = out.price(`${ctx.path}.size`, () =>
    catalog.sized('elasticache.redis', region, c.size),
  );
  const shape =
    c.replicas > 0
      ? `1 primary + ${plural(c.replicas, 'replica')}${
          c.multiAz ? ', Multi-AZ' : ''
        }`
      : '1 node';
  out.add(
    {
      component: c.name,
      resource: address('aws_elasticache_replication_group', c.name),
      description: `${c.size} Redis OSS ${c.version}, ${shape}`,
      quantity: nodes * H,
    },
    node,
  );
  if (c.authToken) credentialSecret(ctx, c, 'auth', 'auth token');
}

function bucket(ctx: Ctx, c: ResolvedBucket): void {
  // S3 bills storage by monthly volume tier (first 50 TB, next 450 TB, over 500 TB).
  const price = ctx.out.tieredPrice('spec.region', () =>
    ctx.catalog.tiered('s3.standard.tiered', ctx.region),
  );
  ctx.out.addTiered(
    {
      component: c.name,
      resource: address('aws_s3_bucket', c.name),
      description: `S3 Standard storage, ${c.storageGb} GB (storageGb)`,
      quantity: c.storageGb,
    },
    price,
  );
}

function cdn(ctx: Ctx, c: ResolvedCdn, firstCdn: string): void {
  const { catalog, out, region, env } = ctx;
  // Usage is stated for the whole environment; the first cdn carries it.
  const first = c.name === firstCdn;
  const transferGb = first ? env.usage.cdnTransferGb : 0;
  const requests = first ? env.usage.cdnRequestsMillions : 0;
  const counted = first ? '' : `, counted on ${firstCdn}`;
  // Edge rates of the price class, by volume tier; not the environment's region.
  const transfer = out.tieredPrice(`${ctx.path}.priceClass`, () =>
    catalog.tiered(
      // An unknown class is a MissingPriceError naming the field, never a borrowed price.
      `cloudfront.transfer.${awsCdnPriceClass(c)}` as TieredPriceGroup,
      GLOBAL_PRICES,
    ),
  );
  out.addTiered(
    {
      component: c.name,
      resource: address('aws_cloudfront_distribution', c.name),
      description: `CloudFront data transfer out, ${awsCdnPriceClass(
        c,
      )} edge rates, ${transferGb.toLocaleString(
        'en-US',
      )} GB (spec.usage.cdnTransferGb${counted})`,
      quantity: transferGb,
    },
    transfer,
  );
  const req = out.price('spec.region', () =>
    catalog.flat('cloudfront.requests', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_cloudfront_distribution', c.name),
      description: `CloudFront HTTPS requests (spec.usage.cdnRequestsMillions${counted})`,
      quantity: requests,
    },
    req,
  );
}

function loadBalancer(ctx: Ctx, c: ResolvedService | ResolvedVmGroup): void {
  const { catalog, out, region, env } = ctx;
  const scheme = c.public ? 'internet-facing' : 'internal';
  const hour = out.price('spec.region', () =>
    catalog.flat('elb.alb.hour', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_lb', c.name, 'alb'),
      description: `Application Load Balancer, ${scheme}`,
      quantity: H,
    },
    hour,
  );
  if (c.public) {
    // An internet-facing load balancer holds a public IPv4 address in each zone.
    const ip = out.price('spec.region', () =>
      catalog.flat('vpc.publicIpv4.hour', region),
    );
    out.add(
      {
        component: c.name,
        resource: address('aws_lb', c.name, 'alb'),
        description: `Public IPv4 addresses of the load balancer, ${plural(
          env.network.zones,
          'zone',
        )}`,
        quantity: env.network.zones * H,
      },
      ip,
    );
  }
  const lcu = out.price('spec.region', () =>
    catalog.flat('elb.alb.lcu', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_lb', c.name, 'alb'),
      description: `Load balancer capacity units, ${env.usage.albLcu} LCU average (spec.usage.albLcu)`,
      quantity: env.usage.albLcu * H,
    },
    lcu,
  );
}

function service(ctx: Ctx, c: ResolvedService): void {
  const { catalog, out, region } = ctx;
  const tasks = `${plural(c.minCount, 'task')} (minCount; scales to ${
    c.maxCount
  })`;
  const vcpu = out.price('spec.region', () =>
    catalog.flat('fargate.vcpu', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_ecs_service', c.name),
      description: `Fargate vCPU, ${tasks} × ${c.cpu} vCPU`,
      quantity: c.minCount * c.cpu * H,
    },
    vcpu,
  );
  const memory = out.price('spec.region', () =>
    catalog.flat('fargate.memory', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_ecs_service', c.name),
      description: `Fargate memory, ${tasks} × ${c.memoryMb / 1024} GB`,
      quantity: (c.minCount * c.memoryMb * H) / 1024,
    },
    memory,
  );
  loadBalancer(ctx, c);
}

function vmGroup(ctx: Ctx, c: ResolvedVmGroup): void {
  const { catalog, out, region } = ctx;
  const count = c.desiredCount;
  const instance = out.price(`${ctx.path}.instanceType`, () =>
    catalog.sized('ec2.linux', region, c.instanceType),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_autoscaling_group', c.name),
      description: `${c.instanceType} Linux, ${plural(
        count,
        'instance',
      )} (desiredCount; min ${c.minCount}, max ${c.maxCount})`,
      quantity: count * H,
    },
    instance,
  );
  const volume = out.price('spec.region', () =>
    catalog.flat('ebs.gp3', region),
  );
  out.add(
    {
      component: c.name,
      resource: address('aws_autoscaling_group', c.name),
      description: `EBS gp3 root volumes, ${count} × ${c.volumeGb} GB`,
      quantity: count * c.volumeGb,
    },
    volume,
  );
  loadBalancer(ctx, c);
}

function registry(ctx: Ctx, c: ResolvedRegistry): void {
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('ecr.storage', ctx.region),
  );
  ctx.out.add(
    {
      component: c.name,
      resource: address('aws_ecr_repository', c.name),
      description: `ECR image storage, ${c.storageGb} GB`,
      quantity: c.storageGb,
    },
    price,
  );
}

function secrets(ctx: Ctx, c: ResolvedSecrets): void {
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('ssm.parameter.standard', ctx.region),
  );
  ctx.out.add(
    {
      component: c.name,
      resource: address('aws_ssm_parameter', c.name, '*'),
      description: `SSM Parameter Store SecureString, standard tier, ${plural(
        c.names.length,
        'parameter',
      )}`,
      quantity: c.names.length,
    },
    price,
  );
}

/** The CloudWatch alarms of one component (or of `network`), as one line. */
function alarms(ctx: Ctx, component: string, count: number): void {
  if (count === 0) return;
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('cloudwatch.alarm', ctx.region),
  );
  ctx.out.add(
    {
      component,
      resource: address('aws_cloudwatch_metric_alarm', component, '*'),
      description: `CloudWatch alarms, ${plural(count, 'alarm')}`,
      quantity: count,
    },
    price,
  );
}

/** The environment's customer managed key (data, logs and secrets at rest). */
function kmsKey(ctx: Ctx): void {
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('kms.key', ctx.region),
  );
  ctx.out.add(
    {
      component: 'environment',
      resource: address('aws_kms_key', undefined, 'main'),
      description: 'KMS customer managed key of the environment',
      quantity: 1,
    },
    price,
  );
}

function logs(ctx: Ctx): void {
  const price = ctx.out.price('spec.region', () =>
    ctx.catalog.flat('cloudwatch.logs.ingest', ctx.region),
  );
  ctx.out.add(
    {
      component: 'monitoring',
      resource: address('aws_cloudwatch_log_group', undefined, '*'),
      description: 'CloudWatch Logs ingestion (spec.usage.logIngestGb)',
      quantity: ctx.env.usage.logIngestGb,
    },
    price,
  );
}

/** Prices every part of an AWS environment into `out`. */
export function priceAwsEnvironment(
  env: ResolvedEnvironment,
  catalog: PriceCatalog,
  out: LineCollector,
  options: { today: string; notes?: string[] },
): void {
  const base = {
    env,
    catalog,
    out,
    region: env.region,
    today: options.today,
    notes: options.notes ?? [],
  };
  const alarmCount = new Map<string, number>();
  for (const alarm of env.alarms) {
    alarmCount.set(alarm.component, (alarmCount.get(alarm.component) ?? 0) + 1);
  }
  const takeAlarms = (ctx: Ctx, component: string) => {
    alarms(ctx, component, alarmCount.get(component) ?? 0);
    alarmCount.delete(component);
  };

  const networkCtx: Ctx = { ...base, path: 'spec.network' };
  network(networkCtx);
  takeAlarms(networkCtx, 'network');
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
        secrets(ctx, c);
        break;
      default: {
        const unknown: never = c;
        throw new Error(
          `unpriced component type ${(unknown as ResolvedComponent).type}`,
        );
      }
    }
    takeAlarms(ctx, c.name);
  });
  const rest: Ctx = { ...base, path: 'spec' };
  for (const component of [...alarmCount.keys()]) takeAlarms(rest, component);
  kmsKey(rest);
  logs(rest);
}
