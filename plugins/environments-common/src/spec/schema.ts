import { z } from 'zod';
import { componentSchema } from './components';
import {
  count,
  entityName,
  entityTag,
  environmentName,
  freeText,
  ipv4Cidr,
  ownerRef,
} from './fields';
import { EXPIRES_AT_PATTERN, parseExpiresAt } from '../expiry/expiry';

/** @public */
export const ENVIRONMENT_API_VERSION = 'terrace.dev/v1alpha1';
/** @public */
export const ENVIRONMENT_KIND = 'Environment';

/** @public */
export const metadataSchema = z.strictObject({
  name: environmentName.describe(
    'Environment name, unique per catalog namespace',
  ),
  title: freeText({ max: 100, multiline: false }).optional(),
  description: freeText({ max: 1000, multiline: true }).optional(),
  owner: ownerRef.describe('Catalog entity ref of the owning team'),
  system: entityName.optional(),
  tags: z.array(entityTag).max(20).optional(),
});

/** @public */
export const networkSchema = z.strictObject({
  cidr: ipv4Cidr.optional().describe('Private IPv4 range of the network'),
  zones: count(2, 3).optional().describe('Availability zones used'),
  natGateways: count(0, 3).optional().describe('0, 1 (shared) or one per zone'),
});

/** @public Monthly usage assumptions for the cost estimate. */
export const usageSchema = z.strictObject({
  cdnTransferGb: z.number().min(0).max(1e9).optional(),
  cdnRequestsMillions: z.number().min(0).max(1e9).optional(),
  natProcessedGb: z.number().min(0).max(1e9).optional(),
  logIngestGb: z.number().min(0).max(1e9).optional(),
  albLcu: z.number().min(0).max(1e6).optional(),
});

/** @public */
export const cloudSchema = z.enum(['aws', 'azure', 'gcp']);
/** @public */
export const tierSchema = z.enum(['dev', 'staging', 'prod']);

/**
 * @public `spec.expiresAt`: an ISO 8601 date or UTC date-time of a real day (see
 * `parseExpiresAt`).
 */
export const expiresAtSchema = z
  .string()
  .regex(EXPIRES_AT_PATTERN, {
    error:
      'must be an ISO 8601 date such as "2026-12-24" or a UTC date-time such as "2026-12-24T18:00:00Z"',
    abort: true,
  })
  .refine(v => parseExpiresAt(v) !== undefined, {
    error: 'is not a real date',
  });

/** @public */
export const environmentSpecSchema = z.strictObject({
  cloud: cloudSchema,
  region: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, {
    error: "must be the cloud's own region name, e.g. ap-southeast-2",
  }),
  tier: tierSchema,
  network: networkSchema.optional(),
  components: z.array(componentSchema).min(1).max(50),
  usage: usageSchema.optional(),
  expiresAt: expiresAtSchema
    .optional()
    .describe(
      'When this preview environment expires (dev and staging only): an ISO 8601 date (00:00 UTC that day) or a UTC date-time ending in Z',
    ),
  destroyOnExpiry: z
    .boolean()
    .optional()
    .describe(
      'Destroy the environment when it expires (default false: the owner is notified and the environment is marked expired)',
    ),
});

/**
 * The `terrace.dev/v1alpha1` Environment (contract section 1). This schema checks each field on
 * its own; `validateEnvironment` adds the cross-field rules and the size and region checks.
 * @public
 */
export const environmentSchema = z
  .strictObject({
    apiVersion: z.literal(ENVIRONMENT_API_VERSION),
    kind: z.literal(ENVIRONMENT_KIND),
    metadata: metadataSchema,
    spec: environmentSpecSchema,
  })
  .meta({
    title: 'Terrace Environment',
    description:
      'One cloud environment: network, databases, caches, buckets, services (terrace.dev/v1alpha1).',
  });

/** @public A validated environment spec. */
export type Environment = z.infer<typeof environmentSchema>;
/** @public */
export type EnvironmentMetadata = z.infer<typeof metadataSchema>;
/** @public */
export type EnvironmentUsage = z.infer<typeof usageSchema>;

/**
 * JSON Schema (draft-07, the draft editors support best) of the environment spec, for editors: point a
 * `# yaml-language-server: $schema=<file>` header at a file holding it.
 * @public
 */
export function environmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSchema, {
    io: 'input',
    target: 'draft-7',
  }) as Record<string, unknown>;
}
