/*
 * Terrace fleet benchmark: AWS calls per status refresh when resources grow with environments
 * (against moto on 127.0.0.1). See bench/fleet.md for the command and the result.
 *
 * For N = 10, 100, 1,000 environments over 5 accounts x 3 regions, each environment owning what a
 * real one owns — one postgres (RDS), one redis (ElastiCache), three buckets, six alarms — seeded
 * in moto under fresh random accounts (so N's cloud holds exactly N environments' resources):
 *  1. AWS calls of one full refresh (every section of every environment: the overview), by
 *     operation, cold (nothing read yet) and in steady state (two hours later: the section caches
 *     expired, bucket settings and resource membership kept in the plugin cache and past their
 *     fresh period), and the largest count of any one
 *     (account, region) in steady state;
 *  2. the backend's heap and RSS after the refresh of N;
 *  3. for N = 1,000, the overview server-side, cold and warm.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { Entity } from '@backstage/catalog-model';
import { awsStatusReadersFromConfig } from '../plugins/environments-backend/src/readers/aws';
import { StatusReadersRegistry } from '../plugins/environments-backend/src/readers/registry';
import {
  locateEnvironment,
  type EnvironmentRef,
} from '../plugins/environments-backend/src/locate/locateEnvironment';
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
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const TIERS = ['dev', 'staging', 'prod'] as const;
const SIZES = (process.env.FLEET_SIZES ?? '10,100,1000').split(',').map(Number);

interface Fleet {
  accounts: string[];
  entities: Entity[];
}

function fleet(n: number): Fleet {
  const p = randomPrefix();
  const accounts = Array.from({ length: 5 }, () => randomAccountId());
  const entities = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${p}-e${i}`,
      annotations: {
        'terrace.dev/cloud': 'aws',
        'terrace.dev/account-id': accounts[i % 5],
        'terrace.dev/region': REGIONS[Math.floor(i / 5) % 3],
        'terrace.dev/tier': TIERS[i % 3],
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  }));
  return { accounts, entities };
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function seed(f: Fleet) {
  const seeders = new Map<string, MotoSeeder>();
  for (const a of f.accounts) {
    seeders.set(a, await MotoSeeder.forAccount(endpoint, a));
  }
  await eachLimited(f.entities, 8, async e => {
    const a = e.metadata.annotations!;
    const s = seeders.get(a['terrace.dev/account-id'])!;
    const region = a['terrace.dev/region'];
    const name = e.metadata.name;
    await s.environmentOfRealShape({ region, environment: name });
  });
}

/**
 * AWS page sizes of the listings (moto answers each in one page whatever MaxRecords says): the
 * list in an answer that holds the items, and how many AWS puts in one page.
 */
const AWS_PAGES: Record<string, { list: string; size: number }> = {
  'cloudwatch:DescribeAlarms': { list: 'MetricAlarms', size: 100 },
  'rds:DescribeDBInstances': { list: 'DBInstances', size: 100 },
  'rds:DescribeDBSnapshots': { list: 'DBSnapshots', size: 100 },
  'elasticache:DescribeReplicationGroups': {
    list: 'ReplicationGroups',
    size: 100,
  },
  'elasticache:DescribeSnapshots': { list: 'Snapshots', size: 50 },
};

/** Whether a call is a page of a kept listing (no filter narrowing it: `keptListing.ts`). */
function keptListingPage(key: string, input: any): boolean {
  if (key === 'cloudwatch:DescribeAlarms')
    return !input?.StateValue && !input?.AlarmNamePrefix;
  if (key === 'rds:DescribeDBSnapshots') return !input?.DBInstanceIdentifier;
  if (key.startsWith('elasticache:')) return !input?.ReplicationGroupId;
  return false;
}

/**
 * The AWS calls one moto call stands for (COMPUTED, moto does not page): a page of a kept
 * listing outside the first refresh is one AWS page (the budget is in pages: AWS would answer
 * up to its page size and a token, the next page going to the next refresh); every other listing
 * call is read to its end, ceil(items / AWS page size) pages, at least 1; other calls are 1.
 */
function awsCalls(
  key: string,
  input: unknown,
  output: any,
  refresh: string,
): number {
  const paged = AWS_PAGES[key];
  if (!paged) return 1;
  if (refresh !== 'cold' && keptListingPage(key, input)) return 1;
  const items = (output?.[paged.list] ?? []).length;
  return Math.max(1, Math.ceil(items / paged.size));
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const ms = (n: number) => `${Math.round(n)} ms`;

function percentile(values: number[], q: number) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main() {
  await assertMotoReachable(endpoint);
  const config = motoAppConfig(endpoint);
  // calls are what is measured: a slow emulator must not cut a refresh short (the plugin's
  // default is 10 s per section read)
  (config.environments as { status: object }).status = { timeoutSeconds: 300 };
  const readers = new StatusReadersRegistry([
    awsStatusReadersFromConfig(new ConfigReader(config as JsonObject)),
  ]);
  const locate = (entities: Entity[]): EnvironmentRef[] =>
    entities.flatMap(e => {
      const located = locateEnvironment(e, readers);
      return located.located ? [located.ref] : [];
    });

  process.stdout.write(
    '| environments | seeded in | refresh | AWS calls | max per (account, region) | by operation | heap | RSS |\n|---|---|---|---|---|---|---|---|\n',
  );
  for (const n of SIZES) {
    const f = fleet(n);
    let t = performance.now();
    await seed(f);
    const seededIn = performance.now() - t;
    const refs = locate(f.entities);
    // the bucket settings store outlives section caches, as the plugin's cache does
    const bucketSettingsCache = CacheManager.fromConfig(
      new ConfigReader({}),
    ).forPlugin('environments');
    let now = new Date('2026-12-01T10:00:00Z');
    // cold; then refreshes 15 minutes apart (the backups TTL) until every bucket's settings were
    // read once ("filling"); then steady state two hours later
    let filling = 1;
    for (const refresh of ['cold', 'filling', 'steady'] as const) {
      if (refresh === 'filling') now = new Date(now.getTime() + 15 * 60_000);
      if (refresh === 'steady') now = new Date(now.getTime() + 2 * 3600_000);
      const calls: Record<string, number> = {};
      const perPlace: Record<string, number> = {};
      // computed: the AWS calls at AWS's page sizes (see awsCalls)
      const awsByOperation: Record<string, number> = {};
      const awsPerPlace: Record<string, Record<string, number>> = {};
      const service = () =>
        createTestStatusService({
          config,
          bucketSettingsCache,
          now: () => now,
          listener: ({ service: s, operation, accountId, region, input }) => {
            const key = `${s}:${operation}`;
            calls[key] = (calls[key] ?? 0) + 1;
            // Cost Explorer is per account (one region): counted apart from the places
            if (s === 'costExplorer') return undefined;
            const place = `${accountId}/${region}`;
            perPlace[place] = (perPlace[place] ?? 0) + 1;
            return (output: unknown) => {
              const n = awsCalls(key, input, output, refresh);
              awsByOperation[key] = (awsByOperation[key] ?? 0) + n;
              const byOp = (awsPerPlace[place] ??= {});
              byOp[key] = (byOp[key] ?? 0) + n;
            };
          },
        });
      t = performance.now();
      let current = service();
      let items = await current.getOverview(refs);
      if (refresh === 'filling') {
        // until no bucket says its settings were not read yet
        const unread = async () =>
          (await Promise.all(refs.map(ref => current.getBackups(ref)))).some(
            b =>
              b.items.some(
                i => i.versioning === undefined && i.kind === 'bucket',
              ),
          );
        while (await unread()) {
          filling++;
          now = new Date(now.getTime() + 15 * 60_000);
          current = service();
          items = await current.getOverview(refs);
        }
      }
      const took = performance.now() - t;
      const total = Object.values(calls).reduce((x, y) => x + y, 0);
      const detail = Object.entries(calls)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const memory = process.memoryUsage();
      const label =
        refresh === 'filling'
          ? `next ${filling} refresh(es), 15 min apart, until every bucket was read`
          : refresh;
      process.stdout.write(
        `| ${n} | ${refresh === 'cold' ? ms(seededIn) : ''} | ${label} (${ms(
          took,
        )}) | ${total} | ${
          Object.keys(perPlace).length
            ? Math.max(...Object.values(perPlace))
            : 0
        } | ${detail} | ${mb(memory.heapUsed)} | ${mb(memory.rss)} |\n`,
      );
      const places = Object.entries(awsPerPlace).map(([place, byOp]) => ({
        place,
        byOp,
        total: Object.values(byOp).reduce((x, y) => x + y, 0),
      }));
      const largest = places.sort((x, y) => y.total - x.total)[0];
      if (largest) {
        process.stdout.write(
          `|   | computed at AWS page sizes | ${refresh} | ${Object.values(
            awsByOperation,
          ).reduce((x, y) => x + y, 0)} | ${
            largest.total
          } | largest place: ${Object.entries(largest.byOp)
            .sort()
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')} |   |   |\n`,
        );
      }
      if (items.length !== n)
        throw new Error(`overview has ${items.length} rows, not ${n}`);
      const warmService = current;
      if (refresh === 'steady' && n === Math.max(...SIZES)) {
        const warm: number[] = [];
        for (let i = 0; i < 20; i++) {
          t = performance.now();
          await warmService.getOverview(locate(f.entities));
          warm.push(performance.now() - t);
        }
        process.stdout.write(
          `\nOverview of ${n} environments, server-side (locate + rows): refresh ${ms(
            took,
          )}, warm p50 ${ms(percentile(warm, 0.5))}, p95 ${ms(
            percentile(warm, 0.95),
          )}\n\n`,
        );
      }
    }
  }
}

main().catch(error => {
  process.stderr.write(`fleet bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
