// The portal as a newcomer meets it: guest sign-in, the example environments across teams in
// the catalog, and an environment's entity page with its Environment tab.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  screenshot,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
} from './lib/portal.mjs';

describe('Terrace portal (embedded defaults, Chromium)', () => {
  let backend;
  let browser;
  let page;

  before(async () => {
    backend = await startBackend();
    assert.deepEqual(await waitForEnvironments(3), ['payments-dev', 'shop-production', 'shop-staging']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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
      ['Shop staging', 'shop'],
      ['Shop production', 'shop'],
      ['Payments dev', 'payments'],
    ]) {
      const row = table.getByRole('row').filter({ hasText: name });
      await row.first().waitFor({ timeout: 60_000 });
      assert.match(await row.first().innerText(), new RegExp(owner));
    }
    await screenshot(page, 'catalog-environments');
    const rows = await table.locator('tbody tr').count();
    assert.equal(rows, 3, 'exactly the three example environments are listed');
  });

  test('an environment entity page has an Environment tab', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/shop-staging`);
    await page.getByRole('heading', { name: 'Shop staging' }).first().waitFor({ timeout: 60_000 });
    const tab = page.getByRole('tab', { name: 'Environment' });
    await tab.click();
    await page.waitForURL(/\/catalog\/default\/resource\/shop-staging\/environment/);
    await screenshot(page, 'environment-tab');
  });
});
