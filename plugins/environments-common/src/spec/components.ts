import { z } from 'zod';
import { cdnPriceClasses } from '../clouds';
import {
  componentName,
  corsOrigin,
  count,
  engineVersion,
  httpPath,
  imageRef,
  ipv4Cidr,
  secretName,
  sizeName,
} from './fields';

/**
 * One schema per component type (contract section 1). Every field but `name` and `type` is
 * optional: the tier supplies defaults at resolve time. Objects are strict, so a misspelt field
 * is reported instead of silently ignored.
 */

const base = { name: componentName.describe('Unique component name') };

/** @public */
export const postgresSchema = z.strictObject({
  ...base,
  type: z.literal('postgres'),
  version: engineVersion
    .optional()
    .describe('PostgreSQL major or minor version'),
  size: sizeName
    .optional()
    .describe("Instance class in the cloud's own names, e.g. db.t3.micro"),
  storageGb: count(20, 65536).optional().describe('Allocated storage in GB'),
  maxStorageGb: count(20, 65536)
    .optional()
    .describe('Storage autoscaling ceiling in GB'),
  highAvailability: z.boolean().optional().describe('Multi-AZ standby'),
  readReplicas: count(0, 5).optional(),
  backupRetentionDays: count(0, 35).optional(),
  pointInTimeRecovery: z.boolean().optional(),
  deletionProtection: z.boolean().optional(),
});

/** @public Atlas cluster tiers Terrace can create (dedicated clusters). */
export const mongodbSizes = [
  'M10',
  'M20',
  'M30',
  'M40',
  'M50',
  'M60',
  'M80',
  'M140',
  'M200',
  'M300',
] as const;

/** @public */
export const mongodbSchema = z.strictObject({
  ...base,
  type: z.literal('mongodb'),
  version: engineVersion.optional(),
  size: z.enum(mongodbSizes).optional().describe('Atlas cluster tier'),
  backup: z.boolean().optional(),
  pointInTimeRecovery: z.boolean().optional(),
  allowedCidr: ipv4Cidr.optional(),
});

/** @public */
export const redisEvictionPolicies = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
] as const;

/** @public */
export const redisSchema = z.strictObject({
  ...base,
  type: z.literal('redis'),
  version: engineVersion.optional(),
  size: sizeName.optional().describe('Node type, e.g. cache.t3.micro'),
  replicas: count(0, 5).optional(),
  evictionPolicy: z.enum(redisEvictionPolicies).optional(),
  authToken: z
    .boolean()
    .optional()
    .describe(
      'true: Terraform generates an auth token and stores it in the secret store',
    ),
});

/** @public */
export const bucketSchema = z.strictObject({
  ...base,
  type: z.literal('bucket'),
  versioning: z.boolean().optional(),
  expireDays: count(1, 36500).optional(),
  archiveDays: count(1, 36500).optional(),
  public: z
    .boolean()
    .optional()
    .describe('Served to the internet, only through a cdn component'),
  corsOrigins: z.array(corsOrigin).max(20).optional(),
  storageGb: z
    .number()
    .min(0)
    .max(10_000_000)
    .optional()
    .describe('Usage assumption for the estimate'),
});

export { cdnPriceClasses } from '../clouds';

/** @public */
export const cdnSchema = z.strictObject({
  ...base,
  type: z.literal('cdn'),
  origins: z
    .array(componentName)
    .min(1)
    .max(10)
    .optional()
    .describe(
      'Component names: buckets and at most one public service or vm-group',
    ),
  priceClass: z.enum(cdnPriceClasses).optional(),
});

/** @public */
export const serviceSchema = z.strictObject({
  ...base,
  type: z.literal('service'),
  image: imageRef.optional(),
  cpu: z.number().min(0.25).max(16).optional().describe('vCPU'),
  memoryMb: count(512, 122880).optional(),
  port: count(1, 65535).optional(),
  healthCheckPath: httpPath.optional(),
  minCount: count(0, 100).optional(),
  maxCount: count(1, 100).optional(),
  cpuTarget: count(10, 95).optional().describe('Target CPU % for autoscaling'),
  public: z.boolean().optional(),
});

/** @public */
export const vmGroupSchema = z.strictObject({
  ...base,
  type: z.literal('vm-group'),
  instanceType: sizeName.optional(),
  minCount: count(0, 100).optional(),
  maxCount: count(1, 100).optional(),
  desiredCount: count(0, 100).optional(),
  port: count(1, 65535).optional(),
  healthCheckPath: httpPath.optional(),
  public: z.boolean().optional(),
});

/** @public */
export const registrySchema = z.strictObject({
  ...base,
  type: z.literal('registry'),
  keepImages: count(1, 1000).optional(),
  untaggedExpireDays: count(1, 365).optional(),
});

/** @public */
export const secretsSchema = z.strictObject({
  ...base,
  type: z.literal('secrets'),
  names: z
    .array(secretName)
    .min(1)
    .max(100)
    .describe('Secret names; values are never written anywhere by Terrace'),
});

/** @public The schema of each component type. */
export const componentSchemas = {
  postgres: postgresSchema,
  mongodb: mongodbSchema,
  redis: redisSchema,
  bucket: bucketSchema,
  cdn: cdnSchema,
  service: serviceSchema,
  'vm-group': vmGroupSchema,
  registry: registrySchema,
  secrets: secretsSchema,
} as const;

/** @public */
export const componentTypes = Object.keys(componentSchemas) as Array<
  keyof typeof componentSchemas
>;

/** @public */
export const componentSchema = z.discriminatedUnion('type', [
  postgresSchema,
  mongodbSchema,
  redisSchema,
  bucketSchema,
  cdnSchema,
  serviceSchema,
  vmGroupSchema,
  registrySchema,
  secretsSchema,
]);

/** @public */
export type PostgresSpec = z.infer<typeof postgresSchema>;
/** @public */
export type MongodbSpec = z.infer<typeof mongodbSchema>;
/** @public */
export type RedisSpec = z.infer<typeof redisSchema>;
/** @public */
export type BucketSpec = z.infer<typeof bucketSchema>;
/** @public */
export type CdnSpec = z.infer<typeof cdnSchema>;
/** @public */
export type ServiceSpec = z.infer<typeof serviceSchema>;
/** @public */
export type VmGroupSpec = z.infer<typeof vmGroupSchema>;
/** @public */
export type RegistrySpec = z.infer<typeof registrySchema>;
/** @public */
export type SecretsSpec = z.infer<typeof secretsSchema>;
/** @public */
export type ComponentSpec = z.infer<typeof componentSchema>;
