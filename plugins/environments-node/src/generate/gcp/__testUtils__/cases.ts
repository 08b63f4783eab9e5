import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { type Case, resolveCase } from '../../__testUtils__/fixtures';
import { generateEnvironmentRepo } from '../../repo';

/**
 * The Google Cloud cases: the GCP variant of the integration-platform seed stack (MongoDB Atlas,
 * Redis, three buckets, one public through a CDN), the GCP variant of the aussie-markets-staging
 * reference stack, and one
 * variation per tier covering every component type the GCP emitter generates (HA and read
 * replicas in prod, Memorystore STANDARD_HA, internal and public services, an internal vm-group in
 * dev and prod and a public one in staging).
 */
export function gcpCases(): Case[] {
  const stack = path.join(
    __dirname,
    '../__fixtures__/aussie-markets-staging-gcp.yaml',
  );
  const variations = (['dev', 'staging', 'prod'] as const).map(tier => {
    const prod = tier === 'prod';
    return {
      name: `gcp-variation-${tier}`,
      spec: {
        apiVersion: 'terrace.dev/v1alpha1',
        kind: 'Environment',
        metadata: {
          name: `gcpvar-${tier}`,
          owner: 'group:default/platform',
          system: 'variations',
          tags: ['test'],
        },
        spec: {
          cloud: 'gcp',
          region: prod ? 'europe-west3' : 'us-central1',
          tier,
          network: {
            cidr: '10.30.0.0/16',
            zones: prod ? 3 : 2,
            natGateways: 1,
          },
          components: [
            {
              name: 'db',
              type: 'postgres',
              version: prod ? '18' : '16',
              size: prod ? 'db-custom-2-7680' : 'db-f1-micro',
              storageGb: 50,
              ...(prod
                ? {
                    highAvailability: true,
                    readReplicas: 1,
                    backupRetentionDays: 14,
                    pointInTimeRecovery: true,
                  }
                : {}),
            },
            {
              name: 'cache',
              type: 'redis',
              size: prod ? 'standard-5gb' : 'basic-1gb',
              replicas: prod ? 2 : 0,
              evictionPolicy: 'allkeys-lru',
            },
            { name: 'images', type: 'registry' },
            {
              name: 'docs',
              type: 'mongodb',
              version: '7.0',
              size: prod ? 'M30' : 'M10',
            },
            {
              name: 'api',
              type: 'service',
              cpu: prod ? 2 : 1,
              memoryMb: prod ? 2048 : 512,
              port: 8080,
              healthCheckPath: '/healthz',
              minCount: prod ? 2 : 0,
              maxCount: prod ? 20 : 2,
              public: true,
            },
            {
              name: 'worker',
              type: 'service',
              image: 'europe-docker.pkg.dev/acme/jobs/worker:1.4.2',
              port: 8080,
              public: false,
            },
            {
              name: 'workers',
              type: 'vm-group',
              instanceType: prod ? 'n2-standard-2' : 'e2-small',
              minCount: prod ? 2 : 1,
              maxCount: prod ? 6 : 2,
              desiredCount: prod ? 2 : 1,
              port: 8080,
              healthCheckPath: '/healthz',
              public: tier === 'staging',
            },
            {
              name: 'uploads',
              type: 'bucket',
              versioning: prod,
              expireDays: 30,
              corsOrigins: ['https://example.com'],
            },
            {
              name: 'archive',
              type: 'bucket',
              versioning: true,
              archiveDays: 60,
            },
            {
              name: 'assets',
              type: 'bucket',
              public: true,
              versioning: true,
              corsOrigins: ['https://example.com'],
            },
            // dev: the CDN also routes /api/* to the public service.
            {
              name: 'edge',
              type: 'cdn',
              origins: tier === 'dev' ? ['assets', 'api'] : ['assets'],
            },
            {
              name: 'app',
              type: 'secrets',
              names: ['stripe-key', 'jwt-secret'],
            },
          ],
        },
      },
    };
  });
  return [
    {
      name: 'integration-platform-gcp',
      spec: parse(
        fs.readFileSync(
          path.join(__dirname, '../__fixtures__/integration-platform-gcp.yaml'),
          'utf8',
        ),
      ),
    },
    {
      name: 'aussie-markets-staging-gcp',
      spec: parse(fs.readFileSync(stack, 'utf8')),
    },
    ...variations,
  ];
}

/**
 * The generated repo of a GCP case as a plain object (path -> content), with `cost.json` when the
 * GCP price catalog prices its region completely (else its README says what the region lacks).
 */
export async function generateGcpCase(
  c: Case,
): Promise<Record<string, string>> {
  return Object.fromEntries(
    await generateEnvironmentRepo(resolveCase(c), { spec: c.spec }),
  );
}
