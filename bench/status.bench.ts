/*
 * Terrace status API benchmark (against moto on 127.0.0.1). See bench/status.md for the command.
 *
 * Measures, with the real AWS readers and the plugin's cache:
 *  1. AWS calls per overview refresh for N = 10, 100, 1,000 environments over 2 accounts x 2 regions
 *     (counted by an SDK middleware on every client);
 *  2. warm p95 latency of each section (answered from the cache);
 *  3. the overview of 1,000 environments server-side: locating 1,000 catalog entities and building
 *     their rows, cold (refresh from moto) and warm.
 */
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { Entity } from '@backstage/catalog-model';
import { awsStatusReadersFromConfig } from '../plugins/environments-backend/src/readers/aws';
import { StatusReadersRegistry } from '../plugins/environments-backend/src/readers/registry';
import { locateEnvironment } from '../plugins/environments-backend/src/locate/locateEnvironment';
import type { EnvironmentRef } from '../plugins/environments-backend/src/locate/locateEnvironment';
import {
  assertMotoReachable,
  motoEndpoint,
  MotoSeeder,
  randomAccountId,
  randomPrefix,
} from '../plugins/environments-backend/src/testing/moto';
import {
  createTestStatusService,
  motoAppConfig,
} from '../plugins/environments-backend/src/testing/statusService';

const endpoint = motoEndpoint();
const accounts = [randomAccountId(), randomAccountId()];
const regions = ['us-east-1', 'eu-west-1'];
const p = randomPrefix();
const tiers = ['dev', 'staging', 'prod'];

function entities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${p}-env-${i}`,
      annotations: {
        'terrace.dev/cloud': 'aws',
        'terrace.dev/region': regions[Math.floor(i / 2) % 2],
        'terrace.dev/tier': tiers[i % 3],
        'terrace.dev/account-id': accounts[i % 2],
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  }));
}

// locating an entity asks the readers of its cloud whether its account id is well formed
const readers = new StatusReadersRegistry([
  awsStatusReadersFromConfig(
    new ConfigReader(motoAppConfig(endpoint) as JsonObject),
  ),
]);

function refs(list: Entity[]): EnvironmentRef[] {
  return list.flatMap(e => {
    const located = locateEnvironment(e, readers);
    return located.located ? [located.ref] : [];
  });
}

function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function seed() {
  for (const [a, accountId] of accounts.entries()) {
    const s = await MotoSeeder.forAccount(endpoint, accountId);
    for (const [r, region] of regions.entries()) {
      // 25 environments per (account, region) own real resources; the rest own none
      for (let k = 0; k < 25; k++) {
        const name = `${p}-env-${a + 2 * r + 4 * k}`;
        await s.database({
          region,
          environment: name,
          component: 'db',
          identifier: `${name}-db`,
          retentionDays: 7,
        });
        await s.alarm({
          region,
          environment: name,
          component: 'db',
          check: 'cpu-high',
          state: k % 5 === 0 ? 'ALARM' : 'OK',
        });
        if (k % 5 === 0) {
          await s.bucket({
            region,
            environment: name,
            component: 'assets',
            name: `${name}-assets`,
            versioning: k % 2 === 0,
          });
        }
      }
    }
  }
}

async function main() {
  await assertMotoReachable(endpoint);
  process.stdout.write(
    `seeding moto at ${endpoint} (2 accounts x 2 regions, 100 databases, 100 alarms, 20 buckets)...\n`,
  );
  await seed();
  const config = motoAppConfig(endpoint);

  process.stdout.write(
    '\n## AWS calls per overview refresh (cold cache)\n\n| environments | AWS calls | by operation |\n|---|---|---|\n',
  );
  for (const n of [10, 100, 1000]) {
    const calls: Record<string, number> = {};
    const service = createTestStatusService({
      config,
      listener: ({ service: s, operation }) => {
        calls[`${s}:${operation}`] = (calls[`${s}:${operation}`] ?? 0) + 1;
      },
    });
    await service.getOverview(refs(entities(n)));
    const total = Object.values(calls).reduce((x, y) => x + y, 0);
    const detail = Object.entries(calls)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    process.stdout.write(`| ${n} | ${total} | ${detail} |\n`);
  }

  const all = entities(1000);
  const service = createTestStatusService({ config });
  let started = performance.now();
  const located = refs(all);
  await service.getOverview(located);
  const cold = performance.now() - started;

  process.stdout.write(
    '\n## Warm p95 per section (cache hit, 500 requests each over 1,000 environments)\n\n| section | p50 | p95 | max |\n|---|---|---|---|\n',
  );
  for (const section of ['resources', 'alarms', 'backups', 'cost'] as const) {
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const ref = located[(i * 37) % located.length];
      const t = performance.now();
      if (section === 'resources') await service.getResources(ref);
      else if (section === 'alarms') await service.getAlarms(ref);
      else if (section === 'backups') await service.getBackups(ref);
      else await service.getCost(ref);
      times.push(performance.now() - t);
    }
    process.stdout.write(
      `| ${section} | ${ms(percentile(times, 0.5))} | ${ms(
        percentile(times, 0.95),
      )} | ${ms(Math.max(...times))} |\n`,
    );
  }

  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    await service.getOverview(refs(all));
    warm.push(performance.now() - started);
  }
  process.stdout.write(
    `\n## Overview of 1,000 environments, server-side (locate 1,000 entities + build rows)\n\n` +
      `| cold (refresh from moto) | warm p50 | warm p95 |\n|---|---|---|\n` +
      `| ${ms(cold)} | ${ms(percentile(warm, 0.5))} | ${ms(
        percentile(warm, 0.95),
      )} |\n`,
  );
}

main().catch(error => {
  process.stderr.write(`status bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
