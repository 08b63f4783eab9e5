// The Create environment template in the portal: fill the form for a small environment, watch
// the estimate change when a component is added, create it (executor `ci`, the local bare
// repository) and land on the new environment's entity page.
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

const monthlyTotal = async page =>
  Number((await page.innerText('main')).match(/Total per month\s+\$([\d,.]+)/)[1].replace(/,/g, ''));

describe('Create environment template (Chromium)', () => {
  let backend;
  let browser;
  let page;
  // a fresh name each run: the local bare repository of a published environment stays
  const name = `web-${Date.now().toString(36)}`;

  before(async () => {
    backend = await startBackend();
    await waitForEnvironments(3);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  test('the estimate updates as components are added, and the environment is created', async () => {
    await page.goto(`${BASE_URL}/create/templates/default/create-environment`);
    await page.locator('#root_name').waitFor({ timeout: 60_000 });

    // Basics
    await page.fill('#root_name', name);
    await page.fill('#root_title', 'Web dev');
    await page.click('#root_owner');
    await page.keyboard.type('shop');
    await page.getByRole('option', { name: /shop/i }).first().click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Cloud: AWS (the default), the dev tier, Ireland
    await page.check('#root_tier-0');
    await page.click('#root_region');
    await page.getByRole('option', { name: /eu-west-1/ }).first().click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Components: one postgres database
    await page.fill('#root_components_0_name', 'db');
    await page.getByRole('button', { name: 'Next' }).click();

    // Review: the live estimate, itemised
    await page.getByText('db.t3.micro PostgreSQL', { exact: false }).first().waitFor({ timeout: 60_000 });
    const withDatabase = await monthlyTotal(page);
    assert.ok(withDatabase > 0, `an estimate is shown (${withDatabase})`);
    await screenshot(page, 'create-estimate-db');

    // add a redis cache: the estimate gains its line and grows
    await page.getByRole('button', { name: 'Back' }).click();
    await page.locator('button[title="Add Item"]').click();
    await page.fill('#root_components_1_name', 'cache');
    await page.click('#root_components_1_type');
    await page.getByRole('option', { name: /^redis/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('cache.t3.micro', { exact: false }).first().waitFor({ timeout: 60_000 });
    const withCache = await monthlyTotal(page);
    assert.ok(withCache > withDatabase, `the total grows with the cache: ${withDatabase} -> ${withCache}`);
    await screenshot(page, 'create-estimate-db-cache');

    // Apply: hand apply to the repository's CI, publish to the local repository
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /^ci/ }).check();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // the task ends with links to the repository, the entity page and the cost breakdown
    const open = page.getByRole('link', { name: 'Open the environment in the catalog' });
    await open.waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Cost breakdown' }).waitFor();
    await screenshot(page, 'create-task-done');
    await open.click();
    await page.getByRole('heading', { name: 'Web dev' }).first().waitFor({ timeout: 60_000 });
    assert.match(page.url(), new RegExp(`/catalog/default/resource/${name}`));
    await page.getByRole('tab', { name: 'Environment' }).waitFor();
    await screenshot(page, 'create-landed-on-entity');
  });
});
