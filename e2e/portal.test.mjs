// The portal on the example environments with seeded moto data (e2e/app-config.moto.yaml): guest sign-in, the example
// environments across teams in the catalog, and an environment's Environment tab with the
// resources, alarms, backups and cost that the moto AWS emulator holds for it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  screenshot,
  seedMoto,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
  MOTO_ENV,
} from './lib/portal.mjs';

describe('Terrace portal (embedded defaults + moto demo data, Chromium)', () => {
  let backend;
  let browser;
  let page;

  before(async () => {
    seedMoto();
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.moto.yaml', 'e2e/app-config.e2e.yaml'],
      env: MOTO_ENV,
    });
    assert.deepEqual(await waitForEnvironments(3), ['payments-dev', 'shop-production', 'shop-staging']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  test('the catalog filtered to environments lists the three examples with their owners', async () => {
    await page.goto(`${BASE_URL}/catalog?filters%5Bkind%5D=resource&filters%5Btype%5D=environment&filters%5Buser%5D=all`);
    const table = page.getByRole('table');
    for (const [name, owner] of [
      ['Shop staging', 'Shop'],
      ['Shop production', 'Shop'],
      ['Payments dev', 'Payments'],
    ]) {
      const row = table.getByRole('row').filter({ hasText: name });
      await row.first().waitFor({ timeout: 60_000 });
      assert.match(await row.first().innerText(), new RegExp(owner));
    }
    await screenshot(page, 'catalog-environments');
    assert.equal(await table.locator('tbody tr').count(), 3, 'exactly the three example environments are listed');
  });

  test('the Environment tab shows the firing alarm, the critical backup and the cost chart', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/shop-production`);
    await page.getByRole('heading', { name: 'Shop production' }).first().waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Environment' }).click();
    await page.waitForURL(/\/catalog\/default\/resource\/shop-production\/environment/);

    // alarms: the seeded CPU alarm of the database is firing
    await page.getByText('1 of 3 firing').waitFor({ timeout: 60_000 });
    await page.getByText('cpu-high').first().waitFor();
    // backups: the prod database keeps no backups
    await page.getByText(/critical/i).first().waitFor();
    await page.getByText(/retention/i).first().waitFor();
    // cost: month to date by service, as a chart
    await page.getByText('Amazon Relational Database Service').first().waitFor();
    // resources: the database, the cache and the bucket of the environment
    await page.getByText('shop-production-db').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'environment-tab');
  });

  test('the overview filters to one team, then to firing alarms only', async () => {
    await page.goto(`${BASE_URL}/environments`);
    // rows of environments (the table pads a page with empty rows)
    const rows = page.locator('table tbody tr').filter({ has: page.locator('a') });
    await page.getByRole('link', { name: 'Payments dev' }).waitFor({ timeout: 60_000 });
    assert.equal(await rows.count(), 3, 'all three environments before filtering');

    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByRole('button', { name: /^Owner/ }).click();
    await page.getByRole('option', { name: 'shop' }).click();
    await page.getByRole('link', { name: 'Payments dev' }).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 2, 'the shop team owns two environments');

    await page.getByRole('checkbox', { name: 'Alarms firing only' }).check();
    await page.getByRole('link', { name: 'Shop staging' }).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 1);
    await page.getByRole('link', { name: 'Shop production' }).waitFor();
    await screenshot(page, 'overview-shop-firing');
  });

  test('search finds an environment by name and shows its cloud, tier and owner', async () => {
    await page.goto(`${BASE_URL}/search?query=payments-dev`);
    const result = page.getByRole('listitem').filter({ hasText: 'Payments dev' }).first();
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    assert.match(text, /aws/i);
    assert.match(text, /dev/);
    assert.match(text, /payments/i);
    await screenshot(page, 'search-payments-dev');
  });
});
