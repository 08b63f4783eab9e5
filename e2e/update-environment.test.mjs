// The Update environment template in the portal: an environment created by the Create template
// (through the scaffolder API: executor `ci`, the local bare repository), then, in the browser,
// its Environment tab's "Change this environment" opens the Update form prefilled from its
// environment.yaml; the form says that losing a data store needs the acknowledgement; a Redis
// cache is added (the estimate grows), and the task ends with the change's description: the plan
// line (skipped for ci, saying why) and the `+ cache` lines of the cost delta.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  runTemplate,
  screenshot,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
} from './lib/portal.mjs';

const monthlyTotal = async page =>
  Number((await page.innerText('main')).match(/Total per month(?: \(USD\))?\s+\$([\d,.]+)/)[1].replace(/,/g, ''));

describe('Update environment template (Chromium)', () => {
  let backend;
  let browser;
  let page;
  // a fresh name each run: the local bare repository of a published environment stays
  const name = `chg-${Date.now().toString(36)}`;

  before(async () => {
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.e2e.yaml'],
    });
    await waitForEnvironments(3);
    await runTemplate('create-environment', {
      name,
      title: 'Change me',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'eu-west-1',
      tier: 'dev',
      components: [{ name: 'db', type: 'postgres' }],
      executor: 'ci',
      publishTarget: 'local',
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  test('"Change this environment" opens the form prefilled; adding a redis ends with its + lines and the plan line', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
    const change = page.getByRole('button', { name: 'Change this environment' });
    await change.waitFor({ timeout: 60_000 });
    await page.locator('a', { hasText: 'Change this environment' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'update-entity-action');
    await change.click();

    // Environment: the name from environment.yaml, read-only
    await page.locator('#root_name').waitFor({ timeout: 60_000 });
    assert.equal(await page.inputValue('#root_name'), name);
    assert.equal(await page.isEditable('#root_name'), false, 'the name cannot be changed');
    assert.equal(await page.inputValue('#root_title'), 'Change me');
    await page.getByRole('button', { name: 'Next' }).click();

    // Cloud: the dev tier as it is
    await page.locator('#root_tier-0').waitFor({ timeout: 30_000 });
    assert.equal(await page.isChecked('#root_tier-0'), true);
    await page.getByRole('button', { name: 'Next' }).click();

    // Components: the current database, the notice about data stores, the estimate
    await page.locator('#root_components_0_name').waitFor({ timeout: 30_000 });
    assert.equal(await page.inputValue('#root_components_0_name'), 'db');
    await page.getByText(/Removing or replacing a data store .* needs|is refused unless you tick "I acknowledge data loss"/).first().waitFor({ timeout: 30_000 });
    await page.locator('table').getByText('db.t3.micro PostgreSQL', { exact: false }).first().waitFor({ timeout: 60_000 });
    const before = await monthlyTotal(page);
    await page.locator('button[title="Add Item"]').click();
    await page.fill('#root_components_1_name', 'cache');
    await page.click('#root_components_1_type');
    await page.getByRole('option', { name: /^redis/ }).click();
    await page.locator('table').getByText('cache.t3.micro', { exact: false }).first().waitFor({ timeout: 60_000 });
    const after = await monthlyTotal(page);
    assert.ok(after > before, `the estimate grows with the cache: ${before} -> ${after}`);
    await screenshot(page, 'update-components-estimate');
    const a11y = await seriousA11yViolations(page);
    await page.getByRole('button', { name: 'Next' }).click();

    // Review the change: the acknowledgement is there, unticked
    await page.getByText('I acknowledge data loss').first().waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: /^ci/ }).check();
    await page.getByText('Total per month').first().waitFor({ timeout: 60_000 });
    assert.equal(await monthlyTotal(page), after, 'the last step shows the new estimate');
    await screenshot(page, 'update-review');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // the task's output: the change's description
    await page.getByText('Change environment', { exact: false }).first().waitFor({ timeout: 120_000 });
    await page.getByText('Plan skipped: the ci executor plans', { exact: false }).first().waitFor({ timeout: 60_000 });
    await page.getByText('+ cache', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.getByText(`terrace/change-`, { exact: false }).first().waitFor();
    await screenshot(page, 'update-task-done');
    assert.deepEqual(a11y, [], 'no serious axe violations on Components');
  });
});
