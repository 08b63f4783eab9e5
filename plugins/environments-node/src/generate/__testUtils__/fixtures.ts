import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import {
  resolveEnvironment,
  validateEnvironment,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { estimateEnvironment } from '../../estimate';
import { generateEnvironmentRepo } from '../repo';

/**
 * The day the fixtures are priced on: RDS Extended Support depends on the day (PostgreSQL 15
 * leaves standard support in 2028), so the golden repos and hand-worked totals are priced on a
 * fixed day and do not change as time passes.
 */
export const PRICING_DAY = '2026-12-01';

/** The reference stacks of the project (shared/reference-stacks beside the repo in CI). */
export function referenceStackDir(): string {
  const candidates = [
    process.env.TERRACE_REFERENCE_STACKS,
    path.resolve(__dirname, '../../../../../../shared/reference-stacks'),
    '/work/shared/reference-stacks',
    // The copy kept in the repo, when shared/ is not beside it.
    path.resolve(
      __dirname,
      '../../../../environments-common/src/spec/__fixtures__',
    ),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find(p => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `reference stacks not found in ${candidates.join(
        ', ',
      )}; set TERRACE_REFERENCE_STACKS`,
    );
  }
  return found;
}

/**
 * Every reference stack directory present: shared/reference-stacks beside the repo (or
 * TERRACE_REFERENCE_STACKS) and the copy kept in the repo.
 */
export function referenceStackDirs(): string[] {
  const dirs = [
    process.env.TERRACE_REFERENCE_STACKS,
    path.resolve(__dirname, '../../../../../../shared/reference-stacks'),
    '/work/shared/reference-stacks',
    path.resolve(
      __dirname,
      '../../../../environments-common/src/spec/__fixtures__',
    ),
  ].filter((p): p is string => Boolean(p) && fs.existsSync(p!));
  return [...new Set(dirs.map(d => fs.realpathSync(d)))];
}

export interface Case {
  name: string;
  spec: Record<string, unknown>;
}

export function referenceStacks(): Case[] {
  const dir = referenceStackDir();
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f => ({
      name: f.replace(/\.yaml$/, ''),
      spec: parse(fs.readFileSync(path.join(dir, f), 'utf8')),
    }));
}

/**
 * Specs covering every component type in every tier: two compute kinds, every data store,
 * public and private buckets behind a CDN with a service origin, PrivateLink in prod.
 */
export function variations(): Case[] {
  return (['dev', 'staging', 'prod'] as const).map(tier => {
    const prod = tier === 'prod';
    return {
      name: `variation-${tier}`,
      spec: {
        apiVersion: 'terrace.dev/v1alpha1',
        kind: 'Environment',
        metadata: {
          name: `var-${tier}`,
          owner: 'group:default/platform',
          system: 'variations',
          tags: ['test'],
        },
        spec: {
          cloud: 'aws',
          region: prod ? 'eu-west-1' : 'ap-southeast-2',
          tier,
          network: {
            cidr: '10.20.0.0/16',
            zones: prod ? 3 : 2,
            natGateways: prod ? 3 : 1,
          },
          components: [
            {
              name: 'db',
              type: 'postgres',
              version: '16',
              size: prod ? 'db.r6g.large' : 'db.t3.micro',
              storageGb: 20,
              ...(prod
                ? {
                    highAvailability: true,
                    readReplicas: 1,
                    backupRetentionDays: 14,
                  }
                : {}),
            },
            { name: 'docs', type: 'mongodb', version: '7.0', size: 'M10' },
            {
              name: 'cache',
              type: 'redis',
              version: '7.1',
              size: 'cache.t3.micro',
              replicas: prod ? 1 : 0,
              authToken: prod,
            },
            {
              name: 'assets',
              type: 'bucket',
              public: true,
              versioning: true,
              archiveDays: 60,
            },
            {
              name: 'uploads',
              type: 'bucket',
              versioning: prod,
              expireDays: 30,
              corsOrigins: ['https://example.com'],
            },
            { name: 'edge', type: 'cdn', origins: ['assets', 'api'] },
            {
              name: 'api',
              type: 'service',
              image: 'nginx:stable',
              cpu: 0.5,
              memoryMb: 1024,
              port: 8080,
              public: true,
            },
            {
              name: 'workers',
              type: 'vm-group',
              instanceType: prod ? 't4g.medium' : 't3.small',
              minCount: 1,
              maxCount: 3,
              port: 8080,
              public: tier === 'dev',
            },
            { name: 'images', type: 'registry' },
            // dev: a CDN in front of the service alone; prod: a second secrets component.
            ...(tier === 'dev'
              ? [{ name: 'api-edge', type: 'cdn', origins: ['api'] }]
              : []),
            ...(prod
              ? [{ name: 'ops', type: 'secrets', names: ['pagerduty-key'] }]
              : []),
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
}

/**
 * The Azure cases: the integration-platform stack's Azure variant, and one variation per tier
 * covering every component type (two kinds of compute, every data store, public buckets and a
 * service behind Front Door, a second cdn in dev, a second secrets component in prod).
 */
export function azureCases(): Case[] {
  const stack = path.resolve(
    __dirname,
    '../azure/__fixtures__/integration-platform-azure.yaml',
  );
  const variationsAzure = (['dev', 'staging', 'prod'] as const).map(tier => {
    const prod = tier === 'prod';
    return {
      name: `azure-variation-${tier}`,
      spec: {
        apiVersion: 'terrace.dev/v1alpha1',
        kind: 'Environment',
        metadata: {
          name: `azvar-${tier}`,
          owner: 'group:default/platform',
          system: 'variations',
          tags: ['test'],
        },
        spec: {
          cloud: 'azure',
          region: prod ? 'northeurope' : 'westeurope',
          tier,
          network: {
            cidr: '10.20.0.0/16',
            zones: prod ? 3 : 2,
            natGateways: prod ? 3 : 1,
          },
          components: [
            {
              name: 'db',
              type: 'postgres',
              version: '16',
              size: prod ? 'Standard_D2ds_v5' : 'Standard_B1ms',
              storageGb: 64,
              ...(prod
                ? {
                    highAvailability: true,
                    readReplicas: 1,
                    backupRetentionDays: 14,
                  }
                : {}),
            },
            { name: 'docs', type: 'mongodb', version: '7.0', size: 'M10' },
            {
              name: 'cache',
              type: 'redis',
              replicas: prod ? 1 : 0,
              authToken: prod,
            },
            {
              name: 'assets',
              type: 'bucket',
              public: true,
              versioning: true,
              archiveDays: 60,
            },
            {
              name: 'media',
              type: 'bucket',
              public: true,
              versioning: prod,
            },
            { name: 'edge', type: 'cdn', origins: ['assets', 'media', 'api'] },
            { name: 'images', type: 'registry' },
            {
              // No image: it comes from the environment's registry.
              name: 'api',
              type: 'service',
              cpu: 0.5,
              memoryMb: 1024,
              port: 8080,
              public: true,
            },
            {
              name: 'workers',
              type: 'vm-group',
              instanceType: prod ? 'Standard_D2s_v5' : 'Standard_B2s',
              minCount: 1,
              maxCount: 3,
              port: 8080,
              public: tier === 'dev',
            },
            {
              name: 'worker',
              type: 'service',
              image: 'nginx:stable',
              minCount: prod ? 2 : 1,
            },
            // dev: a CDN in front of the service alone.
            ...(tier === 'dev'
              ? [{ name: 'api-edge', type: 'cdn', origins: ['api'] }]
              : []),
            {
              name: 'uploads',
              type: 'bucket',
              versioning: prod,
              expireDays: 30,
              corsOrigins: ['https://example.com'],
            },
            ...(prod
              ? [{ name: 'ops', type: 'secrets', names: ['pagerduty-key'] }]
              : []),
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
      name: 'integration-platform-azure',
      spec: parse(fs.readFileSync(stack, 'utf8')),
    },
    ...variationsAzure,
  ];
}

export function resolveCase(c: Case): ResolvedEnvironment {
  const result = validateEnvironment(c.spec);
  if (!result.ok) {
    throw new Error(
      `${c.name} is invalid: ${result.problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return resolveEnvironment(result.environment);
}

/** The generated repo of a case as a plain object (path -> content), in path order. */
export async function generateCase(c: Case): Promise<Record<string, string>> {
  const resolved = resolveCase(c);
  const files = await generateEnvironmentRepo(resolved, {
    spec: c.spec,
    // Azure's catalog prices no region completely yet: its repos are generated without cost.json.
    estimate:
      resolved.cloud === 'azure'
        ? undefined
        : estimateEnvironment(resolved, { today: PRICING_DAY }),
  });
  return Object.fromEntries(files);
}

/** Writes generated files under a fresh temporary directory and returns it. */
export function writeFiles(
  files: Record<string, string>,
  prefix: string,
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `terrace-${prefix}-`));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
