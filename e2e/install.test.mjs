// A platform engineer's first hour: a fresh app from @backstage/create-app (release 1.55.0), the
// Terrace packages packed as published, added by the plugin READMEs' own `terrace-install` code
// blocks (so README and test cannot drift), then type check, build, start, and look.
// Harness details (local @terrace registry, the release pin standing in for create-app's yarn.lock
// seed, caches) are in e2e/lib/freshApp.mjs. Phase durations go to artifacts/install/timings.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  APP,
  ROOT,
  WORK,
  appEnv,
  appYarn,
  followReadmes,
  freePort,
  installBlocks,
  packPlugins,
  phaseTimings,
  prepareApp,
  startAppBackend,
  startScopeRegistry,
  upstreamRegistry,
  writeHarnessConfig,
} from './lib/freshApp.mjs';
import { launchBrowser } from './lib/portal.mjs';

const ACTIONS = [
  'terrace:environment:generate',
  'terrace:environment:estimate',
  'terrace:git:publish',
  'terrace:terraform:apply',
  'terrace:catalog:register',
];

describe('Terrace in a fresh create-app app, by its READMEs alone', () => {
  const port = Number(process.env.TERRACE_INSTALL_PORT ?? 0);
  let base;
  let registry;
  let appState;
  let blocks = 0;
  let backend;
  let browser;
  const started = Date.now();

  before(async () => {
    const packs = await packPlugins();
    registry = await startScopeRegistry(packs, await upstreamRegistry());
    appState = await prepareApp(registry.url);
    blocks = await followReadmes();
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
    await registry?.close();
    const timings = {
      appState,
      totalSeconds: Math.round((Date.now() - started) / 1000),
      ...phaseTimings(),
    };
    fs.writeFileSync(
      path.join(WORK, 'timings.json'),
      `${JSON.stringify(timings, null, 2)}\n`,
    );
    console.log('install test timings (s):', JSON.stringify(timings));
  });

  test('the READMEs carry the install steps: yarn add lines and the backend.add lines', () => {
    const all = installBlocks();
    assert.equal(blocks, all.length);
    const text = all.map(b => b.code).join('\n');
    assert.match(
      text,
      /yarn --cwd packages\/backend add @terrace\/plugin-environments-backend/,
    );
    assert.match(
      text,
      /yarn --cwd packages\/app add @terrace\/plugin-environments/,
    );
    assert.match(text, /backend\.add\(searchModuleEnvironments\)/);
    assert.match(
      text,
      /backend\.add\(\s*import\('@terrace\/plugin-catalog-backend-module-environments-template'\),?\s*\)/,
    );
  });

  test('the app names the same Backstage release as the repo (backstage.json)', () => {
    const read = dir =>
      JSON.parse(fs.readFileSync(path.join(dir, 'backstage.json'), 'utf8'))
        .version;
    assert.equal(read(APP), read(ROOT));
  });

  test('yarn tsc passes', async () => {
    await appYarn('tsc', ['tsc']);
  });

  test('the app and the backend build', async () => {
    await appYarn('build-app', ['workspace', 'app', 'build']);
    await appYarn('build-backend', ['build:backend']);
    assert.ok(
      fs.existsSync(path.join(APP, 'packages/backend/dist/bundle.tar.gz')),
    );
  });

  test('exactly one copy of @backstage/plugin-catalog-react (yarn why)', () => {
    const out = execFileSync(
      'yarn',
      ['why', '@backstage/plugin-catalog-react', '--json'],
      {
        cwd: APP,
        env: appEnv(),
        encoding: 'utf8',
      },
    );
    const versions = new Set();
    for (const line of out.split('\n').filter(Boolean)) {
      for (const child of Object.values(JSON.parse(line).children ?? {})) {
        // "@backstage/plugin-catalog-react@npm:3.2.3", with "::__archiveUrl=..." when the
        // tarball is not under the scope's registry (here: fetched from the npm registry itself)
        versions.add(
          /[@#]npm:([^:]+)/.exec(child.locator)?.[1] ?? child.locator,
        );
      }
    }
    const release = JSON.parse(
      fs.readFileSync(
        path.join(ROOT, 'tools/backstage-release/1.55.0.json'),
        'utf8',
      ),
    );
    const expected = release.packages.find(
      p => p.name === '@backstage/plugin-catalog-react',
    ).version;
    assert.deepEqual([...versions], [expected]);
  });

  describe('the running backend', () => {
    let baseUrl;
    let token;

    before(async () => {
      const p = port || (await freePort());
      baseUrl = `http://localhost:${p}`;
      backend = await startAppBackend({
        port: p,
        config: writeHarnessConfig(p),
      });
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      token = (await res.json()).backstageIdentity.token;
      base = baseUrl;
    });

    test('the environments health route answers 200', async () => {
      const res = await fetch(`${baseUrl}/api/environments/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    });

    test('the scaffolder lists the five Terrace actions', async () => {
      const res = await fetch(`${baseUrl}/api/scaffolder/v2/actions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 200);
      const ids = (await res.json()).map(a => a.id);
      for (const id of ACTIONS)
        assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
    });

    test('the Create environment template is in the catalog, from its package', async () => {
      let entity;
      for (let i = 0; i < 120 && !entity; i++) {
        const res = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/template/default/create-environment`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        if (res.ok) entity = await res.json();
        else await new Promise(r => setTimeout(r, 500));
      }
      assert.equal(entity?.metadata.title, 'Create environment');
      const { version } = JSON.parse(
        fs.readFileSync(
          path.join(
            ROOT,
            'plugins/catalog-backend-module-environments-template/package.json',
          ),
          'utf8',
        ),
      );
      assert.equal(
        entity.metadata.annotations['terrace.dev/template-version'],
        version,
      );
    });

    describe('in Chromium', () => {
      let page;

      before(async () => {
        // the example environment is ingested
        for (let i = 0; i < 120; i++) {
          const res = await fetch(
            `${base}/api/catalog/entities/by-name/resource/default/shop-staging`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          );
          if (res.ok) break;
          await new Promise(r => setTimeout(r, 500));
        }
        browser = await launchBrowser();
        page = await browser.newPage({
          viewport: { width: 1440, height: 1000 },
        });
        // create-app's sign-in page offers the guest provider
        await page.goto(base, { waitUntil: 'domcontentloaded' });
        const enter = page.getByRole('button', { name: 'Enter' });
        await enter.waitFor({ timeout: 120_000 });
        await enter.click();
        // signed in once the navigation shows; its Environments item comes from the plugin
        await page
          .getByRole('link', { name: 'Environments' })
          .first()
          .waitFor({ timeout: 120_000 });
      });

      test('an environment entity has the Environment tab with the five cards', async () => {
        await page.goto(
          `${base}/catalog/default/resource/shop-staging/environment`,
        );
        // the entity page's tabs are links in the new frontend system's entity header
        await page
          .getByRole('link', { name: 'Environment', exact: true })
          .waitFor({ timeout: 120_000 });
        for (const title of [
          'Apply and estimate',
          'Cloud resources',
          'Alarms',
          'Backups',
          'Cost',
        ]) {
          await page
            .getByRole('heading', { name: title, exact: true })
            .first()
            .waitFor({ timeout: 60_000 });
        }
        fs.mkdirSync(path.join(WORK, 'screenshots'), { recursive: true });
        await page.screenshot({
          path: path.join(WORK, 'screenshots', 'environment-tab.png'),
          fullPage: true,
        });
      });

      test('/environments lists the environment', async () => {
        await page.goto(`${base}/environments`);
        await page
          .getByRole('heading', { name: 'Environments', exact: true })
          .first()
          .waitFor({ timeout: 120_000 });
        await page
          .getByText('Shop staging')
          .first()
          .waitFor({ timeout: 60_000 });
        await page.screenshot({
          path: path.join(WORK, 'screenshots', 'environments.png'),
          fullPage: true,
        });
      });
    });
  });
});
