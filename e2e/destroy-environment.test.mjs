// The Destroy environment template in the portal: an environment created by the Create template
// (through the scaffolder API: executor `ci`, the local bare repository; a protected database and
// a bucket), then, in the browser, its Environment tab's "Destroy environment" opens the Destroy
// form with the environment picked. The form says what will be lost and offers "Lift deletion
// protection" and "Delete every object in the buckets"; a wrong typed name ends the task with the
// refusal naming `confirmName`; the right name runs the destroy, which with the ci executor
// destroys nothing and says why (the entity stays in the catalog), and lists what a destroy loses.
// (The ci executor keeps this under 2 minutes; the real destroy with buckets emptied runs on moto
// in plugins/scaffolder-backend-module-environments/src/actions/destroyEnvironment.buckets.moto.test.ts.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  guestToken,
  launchBrowser,
  runTemplate,
  screenshot,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
} from './lib/portal.mjs';

describe('Destroy environment template (Chromium)', () => {
  let backend;
  let browser;
  let page;
  // a fresh name each run: the local bare repository of a published environment stays
  const name = `del-${Date.now().toString(36)}`;

  before(async () => {
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.e2e.yaml'],
    });
    await waitForEnvironments(3);
    await runTemplate('create-environment', {
      name,
      title: 'Destroy me',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'eu-west-1',
      tier: 'dev',
      components: [
        { name: 'db', type: 'postgres', deletionProtection: true },
        { name: 'assets', type: 'bucket' },
      ],
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

  /** From the entity page, "Destroy environment" opens the form with this environment picked. */
  async function openDestroyForm() {
    await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
    const destroy = page.getByRole('button', { name: 'Destroy environment' });
    await destroy.waitFor({ timeout: 60_000 });
    await destroy.click();
    await page.locator('#root_confirmName').waitFor({ timeout: 60_000 });
    // the EntityPicker shows the entity once the catalog answered
    await page
      .waitForFunction(
        n => document.querySelector('#root_environment')?.value.endsWith(n),
        name,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    assert.match(
      await page.inputValue('#root_environment'),
      new RegExp(`${name}$`),
    );
  }

  /** Types the name, ticks the options, reviews and starts the task. */
  async function submit(typed, { lift = false, buckets = false } = {}) {
    await page.fill('#root_confirmName', typed);
    if (lift) await page.check('#root_liftDeletionProtection');
    if (buckets) await page.check('#root_forceDestroyBuckets');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
  }

  test('the form says what will be lost and what each option deletes; a wrong name is refused naming confirmName', async () => {
    await openDestroyForm();
    // the descriptions render as markdown, in a chunk that can arrive after the fields
    await page
      .getByText('what will be lost before anything is deleted', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    const main = await page.innerText('main');
    assert.match(main, /what will be lost before anything is deleted/);
    assert.match(main, /Lift deletion protection/);
    assert.match(main, /their data is deleted, except a final snapshot/);
    assert.match(main, /Delete every object in the buckets/);
    assert.match(
      main,
      /delete every object and object version in the environment's buckets for good/,
    );
    assert.equal(
      await page.isChecked('#root_forceDestroyBuckets'),
      false,
      'off unless ticked',
    );
    await screenshot(page, 'destroy-form');
    assert.deepEqual(
      await seriousA11yViolations(page),
      [],
      'no serious axe violations on the Destroy form',
    );

    await submit(`${name}-typo`);
    await page
      .getByText(
        `confirmName: "${name}-typo" does not match the environment name "${name}"`,
        { exact: false },
      )
      .first()
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'destroy-wrong-name');
  });

  test('with the right name the task runs: with the ci executor nothing is destroyed, and it says why', async () => {
    await openDestroyForm();
    await submit(name, { lift: true, buckets: true });
    await page
      .getByText(
        `Not destroyed: environment "${name}" is applied by CI (executor ci)`,
        { exact: false },
      )
      .first()
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'destroy-task-ci');
    // what the destroy loses: the protected database, the bucket's objects and the access logs
    await page.getByRole('button', { name: 'What was lost' }).click();
    await page
      .getByText('PostgreSQL db: a final snapshot is kept', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByText('Bucket assets: every object', { exact: false })
      .first()
      .waitFor();
    await page
      .getByText('Access-log bucket (aws_s3_bucket.access_logs', {
        exact: false,
      })
      .first()
      .waitFor();
    assert.ok(
      (await page.innerText('main')).includes(
        'assets (bucket, lost): Bucket assets: every object in it is deleted for good',
      ),
      'the bucket is listed as lost',
    );
    await screenshot(page, 'destroy-task-lost');
    // the entity stays: nothing was destroyed or unregistered
    const headers = { Authorization: `Bearer ${await guestToken()}` };
    const entity = await fetch(
      `${BASE_URL}/api/catalog/entities/by-name/resource/default/${name}`,
      { headers },
    );
    assert.equal(entity.status, 200);
  });
});
