/**
 * The demo: seeds moto with AWS resources for the example environments in
 * examples/environments.yaml, so the portal's environment cards and overview show live data.
 * Run with `node plugins/environments-backend/bin/seed-moto [environments.yaml]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_REGION,
  ANNOTATION_TIER,
  isEnvironmentEntity,
} from '@terrace/plugin-environments-common';
import { parseAllDocuments } from 'yaml';
import { costPeriods } from '../readers/costTally';
import {
  assertMotoReachable,
  costAndUsageResult,
  motoEndpoint,
  MotoSeeder,
} from './moto';

interface ExampleEnvironment {
  name: string;
  accountId: string;
  region: string;
  tier: string;
}

/** Reads the environment entities of a catalog file. */
export function readExampleEnvironments(file: string): ExampleEnvironment[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const result: ExampleEnvironment[] = [];
  for (const doc of docs) {
    const entity = doc.toJS();
    if (!entity || !isEnvironmentEntity(entity)) continue;
    const annotations = entity.metadata?.annotations ?? {};
    if (!annotations[ANNOTATION_ACCOUNT_ID] || !annotations[ANNOTATION_REGION])
      continue;
    result.push({
      name: entity.metadata.name,
      accountId: String(annotations[ANNOTATION_ACCOUNT_ID]),
      region: annotations[ANNOTATION_REGION],
      tier: annotations[ANNOTATION_TIER] ?? 'dev',
    });
  }
  return result;
}

/** Runs a seeding step; a resource left by an earlier run is fine. */
async function once(step: () => Promise<unknown>) {
  try {
    await step();
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    if (!/AlreadyExists|AlreadyOwnedByYou|AlreadyExistsFault/.test(name))
      throw e;
  }
}

/**
 * Per tier: prod gets a database with retention 0 (a critical backup) and a firing CPU alarm;
 * staging an unversioned bucket and an alarm without data; dev a database with 1 day of retention.
 */
export async function seedExamples(file: string, log: (line: string) => void) {
  const endpoint = motoEndpoint();
  await assertMotoReachable(endpoint);
  const environments = readExampleEnvironments(file);
  const seeders = new Map<string, MotoSeeder>();
  const seederFor = async (accountId: string) => {
    if (!seeders.has(accountId)) {
      seeders.set(accountId, await MotoSeeder.forAccount(endpoint, accountId));
    }
    return seeders.get(accountId)!;
  };
  for (const env of environments) {
    const seed = await seederFor(env.accountId);
    const { name, region, tier } = env;
    const prod = tier === 'prod';
    const dbRetention: Record<string, number> = { prod: 0, staging: 7, dev: 1 };
    const cacheRetention: Record<string, number> = {
      prod: 7,
      staging: 1,
      dev: 0,
    };
    await once(() =>
      seed.database({
        region,
        environment: name,
        component: 'db',
        identifier: `${name}-db`,
        retentionDays: dbRetention[tier] ?? 1,
      }),
    );
    await once(() =>
      seed.redis({
        region,
        environment: name,
        component: 'cache',
        id: `${name}-cache`,
        retentionDays: cacheRetention[tier] ?? 0,
      }),
    );
    await once(() =>
      seed.bucket({
        region,
        environment: name,
        component: 'assets',
        name: `${name}-assets`,
        versioning: prod,
        lifecycle: prod,
      }),
    );
    await seed.alarm({
      region,
      environment: name,
      component: 'db',
      check: 'cpu-high',
      state: prod ? 'ALARM' : 'OK',
      reason: prod
        ? 'Threshold Crossed: 3 datapoints [91.2, 88.7, 93.4] were greater than or equal to the threshold (80.0).'
        : undefined,
    });
    await seed.alarm({
      region,
      environment: name,
      component: 'db',
      check: 'storage-low',
      state: 'OK',
      metric: 'FreeStorageSpace',
      threshold: 2_000_000_000,
    });
    await seed.alarm({
      region,
      environment: name,
      component: 'cache',
      check: 'memory-high',
      state: tier === 'staging' ? 'INSUFFICIENT_DATA' : 'OK',
      namespace: 'AWS/ElastiCache',
      metric: 'DatabaseMemoryUsagePercentage',
    });
    log(`seeded ${name} (${tier}) in account ${env.accountId}, ${region}`);
  }
  const periods = costPeriods(new Date());
  for (const [accountId, seed] of seeders) {
    const costs: Record<string, Record<string, [number, number]>> = {
      '': { 'AWS Support (Business)': [100, 48] },
    };
    for (const env of environments.filter(e => e.accountId === accountId)) {
      const scale =
        ({ prod: 4, staging: 1.5 } as Record<string, number>)[env.tier] ?? 1;
      costs[env.name] = {
        'Amazon Relational Database Service': [40 * scale, 19.5 * scale],
        'Amazon ElastiCache': [18 * scale, 8.75 * scale],
        'Amazon Simple Storage Service': [2.4 * scale, 1.1 * scale],
        AmazonCloudWatch: [6 * scale, 2.8 * scale],
      };
    }
    await seed.costAndUsage([costAndUsageResult(periods, costs)]);
    log(`seeded Cost Explorer results for account ${accountId}`);
  }
}

/** Entry point of bin/seed-moto. */
export async function main(argv: string[]) {
  // run from the repository root, as `yarn demo:aws` does
  const file = path.resolve(argv[2] ?? 'examples/environments.yaml');
  await seedExamples(file, line => process.stdout.write(`${line}\n`));
  process.stdout.write(`moto at ${motoEndpoint()} is ready for the demo\n`);
}
