// The production config (app-config.production.yaml) against a real PostgreSQL: the backend
// starts, creates its databases there and serves the example environments from them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startBackend, waitForEnvironments } from './lib/portal.mjs';

const pg = {
  POSTGRES_HOST: process.env.TERRACE_PG_HOST ?? '127.0.0.1',
  POSTGRES_PORT: process.env.TERRACE_PG_PORT ?? '55432',
  POSTGRES_USER: process.env.TERRACE_PG_USER ?? 'terrace',
  POSTGRES_PASSWORD: process.env.TERRACE_PG_PASSWORD ?? 'terrace',
};

describe('production config on PostgreSQL', () => {
  let backend;

  before(async () => {
    backend = await startBackend({
      configs: ['app-config.yaml', 'app-config.production.yaml', 'e2e/app-config.production-test.yaml'],
      env: pg,
    });
  });

  after(async () => {
    await backend?.stop();
  });

  test('the catalog lives in PostgreSQL and lists the example environments', async () => {
    const names = await waitForEnvironments(3).catch(e => {
      throw new Error(`${e.message}\nbackend log (last lines):\n${backend.output().slice(-4000)}`);
    });
    assert.deepEqual(names, ['payments-dev', 'shop-production', 'shop-staging']);

    const databases = execFileSync(
      'psql',
      ['-h', pg.POSTGRES_HOST, '-p', pg.POSTGRES_PORT, '-U', pg.POSTGRES_USER, '-d', 'postgres', '-Atc', 'select datname from pg_database'],
      { env: { ...process.env, PGPASSWORD: pg.POSTGRES_PASSWORD }, encoding: 'utf8' },
    ).split('\n');
    assert.ok(databases.includes('backstage_plugin_catalog'), `databases: ${databases.join(', ')}`);
  });
});
