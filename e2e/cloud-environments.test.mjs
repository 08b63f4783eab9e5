// A Google Cloud and a Microsoft Azure environment through the whole product in the browser:
// the Create environment form with the cloud's regions and sizes, its estimate before Create
// (the same total `terrace estimate` gives for that spec, every line priced), the task with
// executor `ci` and the local repository (the generated repo published, the entity registered),
// and the new entity's four cards, read by the backend's real Azure and GCP readers (real
// DefaultAzureCredential and Application Default Credentials) from a server on 127.0.0.1 that
// answers with the readers' documented fixtures, renamed to these environments
// (e2e/lib/cloudApis.mjs, config overlay e2e/app-config.clouds.yaml).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  guestToken,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
  ROOT,
} from './lib/portal.mjs';
import { AZURE_SUBSCRIPTION, GCP_PROJECT, startCloudApis } from './lib/cloudApis.mjs';

const monthlyTotal = async page =>
  Number((await page.innerText('main')).match(/Total per month(?: \(USD\))?\s+\$([\d,.]+)/)[1].replace(/,/g, ''));

/** The monthly total `terrace estimate` (the CLI) gives for this spec, and its output. */
function cliEstimate(dir, spec) {
  const file = path.join(dir, `${spec.metadata.name}.yaml`);
  writeFileSync(file, JSON.stringify(spec));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'plugins/environments-node/bin/terrace'), 'estimate', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { total: Number(out.match(/^Total\s.*\$([\d,.]+)\s*$/m)[1].replace(/,/g, '')), out };
}

/** GET on the portal as the signed-in guest. */
async function api(url) {
  const res = await fetch(`${BASE_URL}${url}`, { headers: { authorization: `Bearer ${await guestToken()}` } });
  assert.equal(res.status, 200, `${url} answered ${res.status}`);
  return res.json();
}

// fresh names each run: the local bare repository of a published environment stays
const stamp = Date.now().toString(36);
const CLOUDS = [
  {
    cloud: 'gcp',
    label: 'Google Cloud',
    name: `gcp-${stamp}`,
    region: 'us-central1',
    account: GCP_PROJECT,
    components: [
      { name: 'db', type: 'postgres' },
      { name: 'cache', type: 'redis' },
      { name: 'assets', type: 'bucket' },
    ],
    // what the form's estimate names for these components in this cloud's own terms
    estimateLines: ['Cloud SQL db-f1-micro', 'Memorystore for Redis BASIC', 'Cloud Storage Standard storage'],
    provider: /hashicorp\/google/,
    // what the cards read from the fixtures (readers/gcp/__fixtures__), named after this environment
    resource: n => `${n}-api`,
    alarm: n => `${n}/db/cpu-high`,
    backup: n => `${n}-db`,
    monthToDate: '€50.75',
    resourceCount: '5 resources in 5 components',
  },
  {
    cloud: 'azure',
    label: 'Microsoft Azure',
    name: `az-${stamp}`,
    // eastus prices every line of this composition (redis at Balanced_B1: the dev tier's
    // Balanced_B0 has no eastus price in the catalog)
    region: 'eastus',
    account: AZURE_SUBSCRIPTION,
    components: [
      { name: 'db', type: 'postgres' },
      { name: 'cache', type: 'redis', size: 'Balanced_B1' },
      { name: 'api', type: 'service' },
    ],
    estimateLines: ['Standard_B1ms PostgreSQL', 'Azure Managed Redis Balanced_B1', 'Container Apps vCPU'],
    provider: /hashicorp\/azurerm/,
    resource: n => `ca-${n}-api`,
    alarm: n => `${n}.db.cpu-high`,
    backup: n => `psql-${n}-db-3f9a1c`,
    monthToDate: '€0.89',
    resourceCount: '4 resources in 3 components',
  },
];

describe('Azure and Google Cloud environments through the portal (Chromium)', () => {
  let backend;
  let browser;
  let page;
  let clouds;
  let dir;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'terrace-clouds-e2e-'));
    clouds = await startCloudApis({ azure: CLOUDS[1].name, gcp: CLOUDS[0].name });
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.e2e.yaml', 'e2e/app-config.clouds.yaml'],
      env: clouds.env(dir),
    });
    await waitForEnvironments(3);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
    await clouds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CLOUDS) {
    test(`${c.label}: the form in ${c.region} shows the full estimate, the task publishes the repo and registers the entity`, async () => {
      const expected = cliEstimate(dir, {
        apiVersion: 'terrace.dev/v1alpha1',
        kind: 'Environment',
        metadata: { name: c.name, owner: 'group:default/shop' },
        spec: { cloud: c.cloud, region: c.region, tier: 'dev', components: c.components },
      });
      assert.doesNotMatch(expected.out, /no .* price|not priced|unpriced/i, `the CLI prices every line:\n${expected.out}`);

      await page.goto(`${BASE_URL}/create/templates/default/create-environment`);
      await page.locator('#root_name').waitFor({ timeout: 60_000 });
      await page.fill('#root_name', c.name);
      await page.getByText(`${c.name} is free in the catalog`).waitFor({ timeout: 30_000 });
      await page.fill('#root_title', `${c.label} dev`);
      await page.click('#root_owner');
      await page.keyboard.type('shop');
      await page.getByRole('option', { name: /shop/i }).first().click();
      await page.getByRole('button', { name: 'Next' }).click();

      // Cloud: the cloud, its own regions, the dev tier; its one configured account
      await page.click('#root_cloud');
      await page.getByRole('option', { name: c.label }).click();
      await page.check('#root_tier-0');
      await page.click('#root_region');
      const regions = await page.getByRole('option').allInnerTexts();
      assert.ok(regions.some(r => r.includes(c.region)), `${c.region} is among the form's regions`);
      assert.ok(!regions.some(r => /eu-west-1/.test(r)), `the form lists ${c.label} regions, not AWS's`);
      await page.getByRole('option', { name: new RegExp(`^${c.region}\\b`) }).first().click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      await page.getByText(/The only .* configured for new environments/).first().waitFor({ timeout: 30_000 });
      assert.match(await page.inputValue('#root_accountId'), new RegExp(c.account), 'the one configured account');
      await screenshot(page, `clouds-${c.cloud}-cloud-step`);
      await page.getByRole('button', { name: 'Next' }).click();

      // Components: the cloud's own sizes as placeholders; the estimate names its services
      for (const [i, comp] of c.components.entries()) {
        if (i > 0) await page.locator('button[title="Add Item"]').click();
        await page.fill(`#root_components_${i}_name`, comp.name);
        if (i > 0 || comp.type !== 'postgres') {
          await page.click(`#root_components_${i}_type`);
          await page.getByRole('option', { name: new RegExp(`^${comp.type}`) }).click();
        }
        if (comp.size) await page.fill(`#root_components_${i}_size`, comp.size);
      }
      const dbSize = await page.getAttribute('#root_components_0_size', 'placeholder');
      assert.doesNotMatch(dbSize ?? '', /^db\.t/, `the postgres size placeholder is ${c.label}'s, not AWS's (${dbSize})`);
      for (const line of c.estimateLines) {
        await page.locator('table').getByText(line, { exact: false }).first().waitFor({ timeout: 60_000 });
      }
      // the estimate follows the form: wait until it has caught up with the last component
      let shown;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await page.waitForTimeout(250)) {
        shown = await monthlyTotal(page).catch(() => undefined);
        if (shown === expected.total) break;
      }
      assert.equal(shown, expected.total, `the form's total is the CLI's for the same spec`);
      const main = await page.innerText('main');
      assert.doesNotMatch(main, /no [\w.]+ price for|not priced|missing price/i, 'no line of the estimate lacks a price');
      await screenshot(page, `clouds-${c.cloud}-components-estimate`);
      const a11y = await seriousA11yViolations(page);
      await page.getByRole('button', { name: 'Next' }).click();

      // Apply: executor ci, the local repository; the same estimate; Create
      await page.getByRole('radio', { name: /^ci/ }).check();
      await page.getByText('Total per month').first().waitFor({ timeout: 60_000 });
      assert.equal(await monthlyTotal(page), expected.total, 'the last step shows the same estimate');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();

      const open = page.getByRole('link', { name: 'Open the environment in the catalog' });
      await open.waitFor({ timeout: 180_000 });
      await page.getByTestId('output-box').getByRole('button', { name: 'Repository' }).click();
      const clone = await page.getByText('git clone', { exact: false }).first().innerText();
      await screenshot(page, `clouds-${c.cloud}-task-done`);

      // the generated repository: published, with the cloud's Terraform
      const remote = clone.match(/git clone\s+(\S+)/)[1].replace(/^file:\/\//, '');
      const files = execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8' });
      assert.match(files, /^environment\.yaml$/m);
      assert.match(files, /^catalog-info\.yaml$/m);
      const lock = execFileSync('git', ['-C', remote, 'grep', '-h', 'source', 'HEAD', '--', 'terraform'], { encoding: 'utf8' });
      assert.match(lock, c.provider, `the repo's Terraform uses ${c.provider}`);

      // the entity: registered, placed in the cloud, region and account of the form
      const entity = await api(`/api/catalog/entities/by-name/resource/default/${c.name}`);
      assert.equal(entity.metadata.annotations['terrace.dev/cloud'], c.cloud);
      assert.equal(entity.metadata.annotations['terrace.dev/region'], c.region);
      assert.equal(entity.metadata.annotations['terrace.dev/account-id'], c.account);
      await open.click();
      await page.getByRole('heading', { name: `${c.label} dev` }).first().waitFor({ timeout: 60_000 });
      assert.deepEqual(a11y, [], 'no serious axe violations on Components');
    });

    test(`${c.label}: the entity's four cards show what the ${c.label} readers read`, async () => {
      await page.goto(`${BASE_URL}/catalog/default/resource/${c.name}/environment`);
      // Resources: the count and a resource row
      const count = page.getByText(/^\d+ resources? in \d+ components?$/);
      await count.waitFor({ timeout: 120_000 });
      assert.equal(await count.innerText(), c.resourceCount);
      const rows = page.getByRole('list', { name: 'Resources by component' });
      assert.match(await rows.innerText(), new RegExp(`^${c.resource(c.name)}$`, 'm'));
      // Alarms: the firing one
      await page.getByText(/^1 of \d+ firing$/).waitFor({ timeout: 60_000 });
      await page.getByRole('cell', { name: new RegExp(`^${c.alarm(c.name).replaceAll('.', '\\.')}\\b`) }).first().waitFor();
      // Backups: the database's backup line
      const backups = page.getByRole('table', { name: 'Backups' });
      await backups.waitFor({ timeout: 60_000 });
      assert.match(await backups.innerText(), new RegExp(c.backup(c.name)));
      // Cost: the month's spend from the cloud's cost API
      const figure = label =>
        page.locator('p', { hasText: new RegExp(`^${label}$`, 'i') }).locator('xpath=following-sibling::p[1]').first();
      await figure('Month to date').waitFor({ timeout: 60_000 });
      assert.equal(await figure('Month to date').innerText(), c.monthToDate);
      await screenshot(page, `clouds-${c.cloud}-entity-cards`);
      assert.deepEqual(await seriousA11yViolations(page), [], 'no serious axe violations on the Environment tab');
    });
  }

  test('every reader call went to the local server with the token its credential got there', () => {
    const azure = clouds.seen.filter(s => /\/subscriptions\/|\/providers\//.test(s));
    const gcp = clouds.seen.filter(s => /\/v1\/projects|\/v3\/projects|\/bigquery\//.test(s));
    assert.ok(clouds.seen.includes('GET /msi/token'), 'DefaultAzureCredential got its token here');
    assert.ok(clouds.seen.includes('POST /v1/token'), 'Application Default Credentials got their token here');
    assert.ok(azure.length >= 6, `the Azure readers called: ${azure.join(', ')}`);
    assert.ok(gcp.length >= 5, `the GCP readers called: ${gcp.join(', ')}`);
  });
});
