// The Create environment template in the portal: a taken name stops the first step; fill the form
// for a small environment with the System from its picker, choose one of the portal's two AWS
// accounts (e2e/app-config.accounts.yaml: Cloud will not go on without), see a listed problem stop the
// Components step, watch the estimate there and on the last step, create it (executor `ci`, the
// local bare repository) and land on the new environment's entity page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  guestToken,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
} from './lib/portal.mjs';

const monthlyTotal = async page =>
  Number((await page.innerText('main')).match(/Total per month(?: \(USD\))?\s+\$([\d,.]+)/)[1].replace(/,/g, ''));

describe('Create environment template (Chromium)', () => {
  let backend;
  let browser;
  let page;
  // a fresh name each run: the local bare repository of a published environment stays
  const name = `web-${Date.now().toString(36)}`;

  before(async () => {
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.e2e.yaml', 'e2e/app-config.accounts.yaml'],
    });
    await waitForEnvironments(3);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  test('a taken name is named while typing and stops Basics', async () => {
    await page.goto(`${BASE_URL}/create/templates/default/create-environment`);
    await page.locator('#root_name').waitFor({ timeout: 60_000 });
    await page.fill('#root_name', 'shop-staging');
    await page
      .getByText('shop-staging is already taken in the catalog by resource:default/shop-staging', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.click('#root_owner');
    await page.keyboard.type('shop');
    await page.getByRole('option', { name: /shop/i }).first().click();
    await page.getByRole('button', { name: 'Next' }).click();
    // still on Basics: the error list names the name, the Cloud step's tiers never show
    await page.getByText(/already taken in the catalog/).nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#root_tier-0').count(), 0, 'the form did not move on to Cloud');
    await screenshot(page, 'create-name-taken');
    const a11y = await seriousA11yViolations(page);
    // then the name is corrected and the step can be left
    await page.fill('#root_name', `free-${Date.now().toString(36)}`);
    await page.getByText(/is free in the catalog/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#root_tier-0').waitFor({ timeout: 30_000 });
    assert.deepEqual(a11y, [], 'no serious axe violations on the form');
  });

  test('System from the picker, a listed problem stops Components, the estimate on Components and the last step, then created', async () => {
    await page.goto(`${BASE_URL}/create/templates/default/create-environment`);
    await page.locator('#root_name').waitFor({ timeout: 60_000 });

    // Basics, with the System chosen in its own picker (it stores system:default/shop)
    await page.fill('#root_name', name);
    await page.getByText(`${name} is free in the catalog`).waitFor({ timeout: 30_000 });
    await page.fill('#root_title', 'Web dev');
    await page.click('#root_owner');
    await page.keyboard.type('shop');
    await page.getByRole('option', { name: /shop/i }).first().click();
    await page.click('#root_system');
    await page.keyboard.type('shop');
    await page.getByRole('option', { name: /shop/i }).first().click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Cloud: AWS (the default), the dev tier, Ireland
    await page.check('#root_tier-0');
    await page.click('#root_region');
    await page.getByRole('option', { name: /eu-west-1/ }).first().click();
    // two AWS accounts: Cloud will not go on until one is chosen
    await page.getByRole('button', { name: /Choose an AWS account/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Choose the AWS account the environment is created in').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#root_components_0_name').count(), 0, 'the form did not move on to Components');
    await page.getByRole('button', { name: /Choose an AWS account/ }).click();
    const accounts = await page.getByRole('option').allInnerTexts();
    assert.deepEqual(accounts, ['Choose an AWS account', 'Shop dev (111111111111)', '222222222222']);
    await page.getByRole('option', { name: 'Shop dev (111111111111)' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await screenshot(page, 'create-account-chosen');
    const a11yCloud = await seriousA11yViolations(page);
    await page.getByRole('button', { name: 'Next' }).click();

    // Components: the row's own tier default shows as the placeholder, not another type's
    await page.fill('#root_components_0_name', 'db');
    assert.equal(await page.getAttribute('#root_components_0_version', 'placeholder'), '16');
    assert.equal(await page.getAttribute('#root_components_0_size', 'placeholder'), 'db.t3.micro');
    // the live estimate is on this step
    await page.locator('table').getByText('db.t3.micro PostgreSQL', { exact: false }).first().waitFor({ timeout: 60_000 });
    const withDatabase = await monthlyTotal(page);
    assert.ok(withDatabase > 0, `an estimate is shown on Components (${withDatabase})`);
    await screenshot(page, 'create-components-estimate');

    // a size the price catalog does not know: listed with the component's name, Next stays put
    await page.fill('#root_components_0_size', 'db.t9.huge');
    await page.getByText('components › db (postgres) › size').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/components › db \(postgres\) › size: /).nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole('radio', { name: /^ci/ }).count(), 0, 'the form did not move on to Apply');
    await screenshot(page, 'create-components-problem');
    await page.fill('#root_components_0_size', '');

    // add a redis cache: its own hints, and the estimate gains its line and grows
    await page.locator('button[title="Add Item"]').click();
    await page.fill('#root_components_1_name', 'cache');
    await page.click('#root_components_1_type');
    await page.getByRole('option', { name: /^redis/ }).click();
    assert.equal(await page.getAttribute('#root_components_1_version', 'placeholder'), '7.1');
    await page.locator('table').getByText('cache.t3.micro', { exact: false }).first().waitFor({ timeout: 60_000 });
    const withCache = await monthlyTotal(page);
    assert.ok(withCache > withDatabase, `the total grows with the cache: ${withDatabase} -> ${withCache}`);
    const a11yComponents = await seriousA11yViolations(page);
    await page.getByRole('button', { name: 'Next' }).click();

    // Apply: the estimate again, beside Review and Create
    await page.getByRole('radio', { name: /^ci/ }).check();
    await page.getByText('Total per month').first().waitFor({ timeout: 60_000 });
    assert.equal(await monthlyTotal(page), withCache, 'the last step shows the same estimate');
    await screenshot(page, 'create-apply-estimate');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // the task ends with the entity page, the cost breakdown, and the truth about ci
    const open = page.getByRole('link', { name: 'Open the environment in the catalog' });
    await open.waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Cost breakdown' }).waitFor();
    await page.getByText('Nothing will apply environment', { exact: false }).first().waitFor();
    // the task's text outputs are shown one at a time: the Repository one gives the clone command
    await page.getByTestId('output-box').getByRole('button', { name: 'Repository' }).click();
    await page.getByText(`git clone`, { exact: false }).first().waitFor();
    await screenshot(page, 'create-task-done');
    await open.click();
    await page.getByRole('heading', { name: 'Web dev' }).first().waitFor({ timeout: 60_000 });
    assert.match(page.url(), new RegExp(`/catalog/default/resource/${name}`));
    // the System from the picker (system:default/shop) is stored as the spec's plain name
    const res = await fetch(`${BASE_URL}/api/catalog/entities/by-name/resource/default/${name}`, {
      headers: { Authorization: `Bearer ${await guestToken()}` },
    });
    const created = await res.json();
    assert.equal(created.spec.system, 'shop');
    // the account chosen in the form, where the status cards read the environment
    assert.equal(created.metadata.annotations['terrace.dev/account-id'], '111111111111');
    await page.getByRole('tab', { name: 'Environment' }).waitFor();
    await screenshot(page, 'create-landed-on-entity');
    assert.deepEqual(a11yCloud, [], 'no serious axe violations on Cloud with the account chosen');
    assert.deepEqual(a11yComponents, [], 'no serious axe violations on Components');
  });
});
