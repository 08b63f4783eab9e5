// The production config (app-config.production.yaml) as it runs with two replicas: two backends
// (A on 7007, B on 7008) against one PostgreSQL and one Redis, their status API reading the moto
// AWS emulator seeded with the example environments. Both serve the catalog from PostgreSQL; a
// status section that replica A read is served by replica B from the shared cache, and a refresh
// in progress on one replica is shared with the other, without a second call to AWS. Each replica
// reaches moto through its own proxy in this test, which records every request it passes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import {
  guestToken,
  seedMoto,
  startBackend,
  waitForEnvironments,
  MOTO_ENDPOINT,
  MOTO_ENV,
  PORT,
} from './lib/portal.mjs';

const pg = {
  POSTGRES_HOST: process.env.TERRACE_PG_HOST ?? '127.0.0.1',
  POSTGRES_PORT: process.env.TERRACE_PG_PORT ?? '55432',
  POSTGRES_USER: process.env.TERRACE_PG_USER ?? 'terrace',
  POSTGRES_PASSWORD: process.env.TERRACE_PG_PASSWORD ?? 'terrace',
};
// scripts/redis.sh's exports
const redis = {
  REDIS_HOST: process.env.TERRACE_REDIS_HOST ?? '127.0.0.1',
  REDIS_PORT: process.env.TERRACE_REDIS_PORT ?? '56379',
};
const PORT_B = Number(process.env.TERRACE_E2E_PORT_B ?? PORT + 1);
const CONFIGS = [
  'app-config.yaml',
  'app-config.production.yaml',
  'e2e/app-config.production-test.yaml',
  'e2e/app-config.moto.yaml',
];
const SECTIONS = ['resources', 'alarms', 'backups', 'cost'];

function redisCli(...args) {
  return execFileSync('redis-cli', ['-h', redis.REDIS_HOST, '-p', redis.REDIS_PORT, ...args], {
    encoding: 'utf8',
  });
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of moto that records every request: what AWS
 * sees of a backend pointed at it. Each call as `<method> <path> <operation>` (the X-Amz-Target
 * header of JSON protocols, or the Action of query-protocol form bodies).
 */
async function countingProxy(target) {
  const moto = new URL(target);
  const calls = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = /(?:^|&)Action=([^&]+)/.exec(body.toString('latin1'))?.[1];
      calls.push(`${req.method} ${req.url} ${req.headers['x-amz-target'] ?? action ?? ''}`.trim());
      const upstream = http.request(
        {
          host: moto.hostname,
          port: moto.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', e => {
        res.writeHead(502).end(String(e));
      });
      upstream.end(body);
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('production config: two replicas on one PostgreSQL and one Redis', () => {
  const proxies = {};
  const replicas = {};

  before(async () => {
    seedMoto();
    // a throwaway Redis (scripts/redis.sh): start every run with no cached status
    redisCli('flushdb');
    proxies.a = await countingProxy(MOTO_ENDPOINT);
    proxies.b = await countingProxy(MOTO_ENDPOINT);
    const env = { ...pg, ...redis, ...MOTO_ENV };
    // one after the other, as a rolling deployment starts them: on a fresh PostgreSQL the first
    // creates the plugins' databases and runs their migrations, and knex refuses a second
    // replica's concurrent migration (MigrationLocked) rather than waiting for it
    replicas.a = await startBackend({
      configs: CONFIGS,
      port: PORT,
      env: { ...env, TERRACE_MOTO_ENDPOINT: proxies.a.url },
    });
    replicas.b = await startBackend({
      configs: CONFIGS,
      port: PORT_B,
      env: { ...env, TERRACE_MOTO_ENDPOINT: proxies.b.url },
    });
  });

  after(async () => {
    await Promise.all([replicas.a?.stop(), replicas.b?.stop()]);
    await Promise.all([proxies.a?.close(), proxies.b?.close()]);
  });

  const withLog = (replica, e) =>
    new Error(`${e.message}\nbackend log (last lines):\n${replica.output().slice(-4000)}`);

  /** One status section of an environment, read through `replica` as a guest. */
  const read = async (replica, environment, section) => {
    const token = await guestToken(60_000, replica.baseUrl);
    const res = await fetch(
      `${replica.baseUrl}/api/environments/v1/environments/default/${environment}/${section}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok) throw withLog(replica, new Error(`${section} answered ${res.status}: ${await res.text()}`));
    return res.json();
  };

  test('both replicas serve the example environments from the catalog in PostgreSQL', async () => {
    for (const replica of [replicas.a, replicas.b]) {
      const names = await waitForEnvironments(3, 120_000, replica.baseUrl).catch(e => {
        throw withLog(replica, e);
      });
      assert.deepEqual(names, ['payments-dev', 'shop-production', 'shop-staging'], replica.baseUrl);
    }

    const databases = execFileSync(
      'psql',
      ['-h', pg.POSTGRES_HOST, '-p', pg.POSTGRES_PORT, '-U', pg.POSTGRES_USER, '-d', 'postgres', '-Atc', 'select datname from pg_database'],
      { env: { ...process.env, PGPASSWORD: pg.POSTGRES_PASSWORD }, encoding: 'utf8' },
    ).split('\n');
    assert.ok(databases.includes('backstage_plugin_catalog'), `databases: ${databases.join(', ')}`);
  });

  test("an environment's status read through replica A is served by replica B without a call to AWS", async () => {
    const { a, b } = replicas;

    const throughA = {};
    for (const section of SECTIONS) throughA[section] = await read(a, 'shop-production', section);
    // real data from moto, read by A
    assert.equal(throughA.resources.status, 'ok', JSON.stringify(throughA.resources));
    assert.ok(
      throughA.resources.items.some(r => r.name === 'shop-production-db'),
      `resources: ${throughA.resources.items.map(r => r.name).join(', ')}`,
    );
    assert.equal(throughA.alarms.status, 'ok', JSON.stringify(throughA.alarms));
    assert.equal(throughA.alarms.items.length, 3);
    assert.equal(throughA.backups.status, 'ok', JSON.stringify(throughA.backups));
    assert.equal(throughA.cost.status, 'ok', JSON.stringify(throughA.cost));
    assert.ok(proxies.a.calls.length > 0, 'replica A read them from AWS');

    // the batches are in Redis: `terrace:` (the production config's namespace), the plugin's id,
    // and the status key in base64 (Backstage's cache client encodes keys)
    const keys = redisCli('--scan', '--pattern', 'terrace:environments:*')
      .split('\n')
      .filter(Boolean)
      .map(k => k.replace(/^terrace:environments:/, ''))
      .map(k => Buffer.from(k, 'base64').toString('utf8'));
    assert.ok(
      keys.includes('terrace:status:v1:resources:aws:123456789012:us-east-1'),
      `keys in Redis: ${keys.join(', ')}`,
    );

    for (const section of SECTIONS) {
      // the same answer, read at the same moment: the batch A read
      assert.deepEqual(await read(b, 'shop-production', section), throughA[section], section);
    }
    assert.deepEqual(proxies.b.calls, [], 'replica B made no call to AWS');

    // B's proxy does see B's calls: an environment in a region neither replica has read yet
    const resourcesThroughB = await read(b, 'payments-dev', 'resources');
    assert.equal(resourcesThroughB.status, 'ok', JSON.stringify(resourcesThroughB));
    assert.ok(
      proxies.b.calls.some(c => c.includes('ResourceGroupsTaggingAPI_20170126.GetResources')),
      `calls through B's proxy: ${proxies.b.calls.join('; ')}`,
    );
    // ... and A serves what B read, without a call
    const callsOfA = proxies.a.calls.length;
    assert.deepEqual(await read(a, 'payments-dev', 'resources'), resourcesThroughB);
    assert.equal(proxies.a.calls.length, callsOfA, 'replica A made no call to AWS');
  });

  test('a refresh in progress on one replica is shared with the other: one of them calls AWS', async () => {
    const { a, b } = replicas;
    const before = { a: proxies.a.calls.length, b: proxies.b.calls.length };
    // both at once, for a region neither has read yet
    const [throughA, throughB] = await Promise.all([
      read(a, 'shop-staging', 'resources'),
      read(b, 'shop-staging', 'resources'),
    ]);
    assert.equal(throughA.status, 'ok', JSON.stringify(throughA));
    assert.deepEqual(throughB, throughA, 'the same refresh answered both');
    const made = {
      a: proxies.a.calls.slice(before.a),
      b: proxies.b.calls.slice(before.b),
    };
    assert.equal(
      [made.a, made.b].filter(calls => calls.length > 0).length,
      1,
      `one replica called AWS; calls of A: ${made.a.join('; ') || 'none'}; of B: ${made.b.join('; ') || 'none'}`,
    );
  });
});
