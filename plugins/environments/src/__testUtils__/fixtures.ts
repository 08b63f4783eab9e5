/**
 * Status API answers shaped exactly as contract section 5 and environments-common's types
 * describe them. Test-only: not exported from the package.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  AlarmsSection,
  BackupsSection,
  CostSection,
  Estimate,
  OverviewResponse,
  ResourcesSection,
} from '@terrace/plugin-environments-common';

export const BASE_URL = 'http://127.0.0.1:7007/api/environments';

export const environmentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'shop-staging',
    namespace: 'default',
    title: 'Shop staging',
    annotations: {
      'terrace.dev/cloud': 'aws',
      'terrace.dev/region': 'ap-southeast-2',
      'terrace.dev/tier': 'staging',
      'terrace.dev/account-id': '123456789012',
    },
  },
  spec: { type: 'environment', owner: 'group:default/shop', system: 'shop' },
};

const updatedAt = '2026-11-25T11:00:00.000Z';
const arn = (service: string, rest: string) =>
  `arn:aws:${service}:ap-southeast-2:123456789012:${rest}`;
const console = 'https://console.aws.amazon.com';

export const resourcesOk: ResourcesSection = {
  status: 'ok',
  updatedAt,
  items: [
    {
      id: arn('rds', 'db:shop-staging-db'),
      type: 'rds:db',
      category: 'database',
      name: 'shop-staging-db',
      component: 'db',
      consoleUrl: `${console}/rds/home?region=ap-southeast-2#database:id=shop-staging-db`,
    },
    {
      id: arn('s3', 'shop-staging-assets'),
      type: 's3:bucket',
      category: 'bucket',
      name: 'shop-staging-assets',
      component: 'assets',
      consoleUrl: `${console}/s3/buckets/shop-staging-assets`,
    },
    {
      id: arn('cloudfront', 'distribution/E1ABC'),
      type: 'cloudfront:distribution',
      category: 'cdn',
      name: 'E1ABC',
      component: 'cdn',
    },
    {
      id: arn('rds', 'snapshot:rds:shop-staging-db-2026-11-25'),
      type: 'rds:snapshot',
      category: 'database',
      name: 'rds:shop-staging-db-2026-11-25',
      component: 'db',
    },
    {
      id: arn('ec2', 'natgateway/nat-0abc'),
      type: 'ec2:natgateway',
      category: 'compute',
      name: 'nat-0abc',
    },
  ],
};

export const alarmsOk: AlarmsSection = {
  status: 'ok',
  updatedAt,
  items: [
    {
      name: 'shop-staging/db/cpu-high',
      component: 'db',
      check: 'cpu-high',
      state: 'OK',
      reason:
        'Threshold Crossed: 1 datapoint [12.0] was not greater than the threshold (80.0).',
      updatedAt: '2026-11-24T09:00:00.000Z',
      consoleUrl: `${console}/cloudwatch/home?region=ap-southeast-2#alarmsV2:alarm/shop-staging%2Fdb%2Fcpu-high`,
    },
    {
      name: 'shop-staging/db/storage-low',
      component: 'db',
      check: 'storage-low',
      state: 'ALARM',
      reason:
        'Threshold Crossed: 1 datapoint [1.2E9] was less than the threshold (2.0E9).',
      updatedAt: '2026-11-25T10:30:00.000Z',
      consoleUrl: `${console}/cloudwatch/home?region=ap-southeast-2#alarmsV2:alarm/shop-staging%2Fdb%2Fstorage-low`,
    },
    {
      name: 'shop-staging/api/5xx',
      component: 'api',
      check: '5xx',
      state: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      updatedAt: '2026-11-25T08:00:00.000Z',
    },
  ],
};

export const backupsOk: BackupsSection = {
  status: 'ok',
  updatedAt,
  items: [
    {
      component: 'db',
      kind: 'postgres',
      resource: 'shop-staging-db',
      policy: 'retention ≥ 7 days, last backup < 26 h',
      retentionDays: 7,
      lastBackupAt: '2026-11-25T03:00:00.000Z',
      latestRestorableTime: '2026-11-25T10:55:00.000Z',
      health: 'ok',
      reason: 'last automated snapshot 8 h ago, 7 days kept',
    },
    {
      component: 'cache',
      kind: 'redis',
      resource: 'shop-staging-cache',
      policy: 'retention ≥ 1 day, last backup < 26 h',
      retentionDays: 1,
      lastBackupAt: '2026-11-23T03:00:00.000Z',
      health: 'critical',
      reason: 'last snapshot is 56 hours old (policy: under 26 hours)',
    },
    {
      component: 'assets',
      kind: 'bucket',
      resource: 'shop-staging-assets',
      policy: 'versioning on',
      versioning: false,
      lifecycle: true,
      settingsReadAt: '2026-11-25T08:00:00.000Z',
      health: 'warning',
      reason: 'versioning is off, so overwritten objects cannot be recovered',
    },
  ],
};

export const costOk: CostSection = {
  status: 'ok',
  updatedAt,
  currency: 'USD',
  monthToDate: 301.2,
  lastMonth: 355.1,
  forecast: 412.5,
  forecastBasis: 'linear',
  estimate: { monthly: 286.4, currency: 'USD', retrieved: '2026-11-01' },
  byService: [
    { service: 'Amazon Relational Database Service', amount: 180.5 },
    { service: 'Amazon Elastic Compute Cloud - Compute', amount: 70.2 },
    { service: 'Amazon CloudFront', amount: 50.5 },
  ],
  tagActive: true,
};

export const overviewOk: OverviewResponse = {
  updatedAt,
  items: [
    {
      entityRef: 'resource:default/shop-staging',
      namespace: 'default',
      name: 'shop-staging',
      title: 'Shop staging',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'staging',
      alarms: { status: 'ok', ok: 12, alarm: 2, insufficientData: 0 },
      backups: { status: 'ok', worst: 'critical' },
      cost: {
        status: 'ok',
        monthToDate: 301.2,
        estimate: 286.4,
        currency: 'USD',
      },
    },
    {
      entityRef: 'resource:default/shop-prod',
      namespace: 'default',
      name: 'shop-prod',
      title: 'Shop production',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'prod',
      alarms: { status: 'ok', ok: 20, alarm: 0, insufficientData: 1 },
      backups: { status: 'ok', worst: 'ok' },
      cost: { status: 'ok', monthToDate: 900, estimate: 1400, currency: 'USD' },
    },
    {
      entityRef: 'resource:default/data-dev',
      namespace: 'default',
      name: 'data-dev',
      owner: 'group:default/data',
      cloud: 'gcp',
      region: 'europe-west1',
      tier: 'dev',
      alarms: {
        status: 'not-configured',
        ok: 0,
        alarm: 0,
        insufficientData: 0,
      },
      backups: { status: 'error' },
      cost: { status: 'not-configured', currency: 'USD' },
    },
  ],
};

export const estimateOk: Estimate = {
  currency: 'USD',
  monthly: 59.13,
  hoursPerMonth: 730,
  prices: {
    source: 'Terrace AWS price catalog 2026.11.0 (ap-southeast-2)',
    retrieved: '2026-11-01',
  },
  lines: [
    {
      component: 'db',
      resource: 'aws_db_instance.db',
      description: 'db.t3.small PostgreSQL, single-AZ',
      quantity: 730,
      unit: 'hours',
      unitPrice: 0.036,
      monthly: 26.28,
    },
    {
      component: 'db',
      resource: 'aws_db_instance.db',
      description: 'gp3 storage',
      quantity: 20,
      unit: 'GB-months',
      unitPrice: 0.138,
      monthly: 2.76,
    },
    {
      component: 'network',
      resource: 'aws_nat_gateway.this[0]',
      description: 'NAT gateway',
      quantity: 730,
      unit: 'hours',
      unitPrice: 0.0412,
      monthly: 30.09,
    },
  ],
};
