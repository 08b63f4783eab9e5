// The Apply environment change template in the portal, with a real apply: a moto of its own on
// 127.0.0.1 and the portal on app-config.demo.yaml (executor `local`: Terraform 1.5.7 and the real
// AWS provider on this host, every AWS call going to that moto). An environment (one PostgreSQL)
// is created by the Create template and a Redis cache proposed by the Update template, both
// through the scaffolder API, executor local, so a branch terrace/change-<task> exists with
// Terraform's plan of just the cache. Then, in Chromium: the Environment tab's "Pending changes"
// lists the change with the title, plan line and cost delta that GET .../changes returns; "Review
// and apply" opens the Apply change form with the environment and the branch filled in; the task
// ends with "Applied. Plan: ..." and the cache exists in moto; afterwards the card is gone (the
// branch was deleted) and the route lists nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  guestToken,
  launchBrowser,
  runTemplate,
  screenshot,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  startMoto,
  BASE_URL,
  ROOT,
} from './lib/portal.mjs';

// a moto of its own (proxy port, moto's server port): the other browser tests seed the shared
// one on 5000 and the demo test uses 5300
const MOTO_PORT = Number(process.env.TERRACE_APPLY_MOTO_PORT ?? 5310);
const MOTO_SERVER_PORT = Number(process.env.TERRACE_APPLY_MOTO_SERVER_PORT ?? MOTO_PORT + 1000);
const MOTO_ENDPOINT = `http://127.0.0.1:${MOTO_PORT}`;
const REGION = 'eu-west-1';
// the account app-config.demo.yaml lists: the generator names the state bucket after it
const ACCOUNT_ID = '123456789012';

const aws = {
  endpoint: MOTO_ENDPOINT,
  region: REGION,
  forcePathStyle: true,
  credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' },
};

/**
 * The one-time set-up the generated README asks for: the state bucket and the lock table, named
 * as the generator names them (stateLocation in plugins/environments-node).
 */
async function createStateBackend() {
  await new S3Client(aws)
    .send(
      new CreateBucketCommand({
        Bucket: `terrace-tfstate-${ACCOUNT_ID}-${REGION}`,
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    )
    .catch(e => {
      if (!/BucketAlreadyOwnedByYou/.test(e.name)) throw e;
    });
  await new DynamoDBClient(aws)
    .send(
      new CreateTableCommand({
        TableName: 'terrace-tfstate-lock',
        AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    .catch(e => {
      if (!/ResourceInUse/.test(e.name)) throw e;
    });
}

/** Waits until the catalog (of the started backend) holds the templates this test runs. */
async function waitForTemplates(names, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let found = [];
  while (Date.now() < deadline) {
    const res = await fetch(`${BASE_URL}/api/catalog/entities/by-query?filter=kind=template`, {
      headers: { Authorization: `Bearer ${await guestToken()}` },
    });
    if (res.ok) {
      found = (await res.json()).items.map(e => e.metadata.name);
      if (names.every(n => found.includes(n))) return;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the catalog lists the templates ${found.join(', ') || 'none'} after ${timeoutMs / 1000} s; expected ${names.join(', ')}`);
}

/** The cost delta as the Pending changes card writes it. */
function money(delta) {
  const d = delta.difference;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `$${delta.before.toFixed(2)} → $${delta.after.toFixed(2)} (${sign}$${Math.abs(d).toFixed(2)}/month)`;
}

describe('Apply environment change template (moto, Terraform, Chromium)', () => {
  let stopMoto;
  let backend;
  let browser;
  let page;
  let change;
  // a fresh name each run (a moto already answering on the port is reused)
  const name = `apl-${Date.now().toString(36)}`;
  const form = {
    name,
    title: 'Apply me',
    owner: 'group:default/shop',
    cloud: 'aws',
    region: REGION,
    tier: 'dev',
    components: [{ name: 'db', type: 'postgres' }],
    executor: 'local',
    publishTarget: 'local',
  };

  const api = async (route, init = {}) => {
    const res = await fetch(`${BASE_URL}${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${await guestToken()}`, ...init.headers },
    });
    const text = await res.text();
    assert.equal(res.status, 200, `${route}: ${text.slice(0, 500)}`);
    return JSON.parse(text);
  };

  before(async () => {
    const terraform = process.env.TERRACE_TERRAFORM_BIN;
    assert.ok(
      terraform,
      'TERRACE_TERRAFORM_BIN is not set: source scripts/tools.sh first (it builds Terraform and the AWS provider)',
    );
    const work = mkdtempSync(path.join(os.tmpdir(), 'terrace-apply-e2e-'));
    const credentials = path.join(work, 'aws-credentials');
    writeFileSync(credentials, '[default]\naws_access_key_id = moto\naws_secret_access_key = moto\n');
    mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
    stopMoto = await startMoto(path.join(ROOT, 'artifacts', 'apply-change-moto.log'), {
      port: MOTO_PORT,
      serverPort: MOTO_SERVER_PORT,
    });
    await createStateBackend();
    backend = await startBackend({
      configs: ['app-config.yaml', 'app-config.demo.yaml', 'e2e/app-config.e2e.yaml'],
      // as scripts/demo.sh sets them: moto's dummy keys for the backend (the status API) and, in
      // a shared credentials file, for Terraform (the local executor passes no keys on)
      env: {
        TERRACE_MOTO_ENDPOINT: MOTO_ENDPOINT,
        TERRACE_DEMO_REPOS: path.join(work, 'repos'),
        TERRACE_DEMO_TERRAFORM_BIN: terraform,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_ACCESS_KEY_ID: 'moto',
        AWS_SECRET_ACCESS_KEY: 'moto',
        AWS_REGION: 'us-east-1',
      },
    });
    await waitForTemplates(['create-environment', 'update-environment', 'apply-change']);
    await runTemplate('create-environment', form, { timeoutMs: 480_000 });
    const proposed = await runTemplate(
      'update-environment',
      {
        ...form,
        components: [...form.components, { name: 'cache', type: 'redis' }],
        acknowledgeDataLoss: false,
      },
      { timeoutMs: 300_000 },
    );
    change = { branch: `terrace/change-${proposed.id}` };
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
    stopMoto?.();
  });

  test('the proposed change is pending: the route lists its title, plan line and cost delta, and the card shows them', async () => {
    const { items } = await api(`/api/environments/v1/environments/default/${name}/changes`);
    assert.deepEqual(
      items.map(i => i.branch),
      [change.branch],
    );
    const [item] = items;
    // the Update task planned with Terraform (executor local): the plan adds the cache only
    assert.match(item.planSummary, /^Plan: [1-9]\d* to add, 0 to change, 0 to destroy\.$/);
    assert.ok(item.costDelta.difference > 0, `the cache costs more: ${JSON.stringify(item.costDelta)}`);
    assert.ok(item.title, 'the change has a title');
    Object.assign(change, item);

    await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
    const card = page.getByRole('table', { name: 'Pending changes' });
    await card.waitFor({ timeout: 60_000 });
    const row = card.getByRole('row').filter({ hasText: change.branch });
    const text = await row.innerText();
    assert.ok(text.includes(change.title), `the title: ${text}`);
    assert.ok(text.includes(change.planSummary), `the plan line: ${text}`);
    assert.ok(text.includes(money(change.costDelta)), `the cost delta ${money(change.costDelta)}: ${text}`);
    await screenshot(page, 'apply-change-pending');
  });

  test('"Review and apply" opens the form with the environment and branch; the apply runs, the cache exists and the card is gone', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
    const review = page.locator(`[aria-label="Review and apply ${change.branch}"]`);
    await review.waitFor({ timeout: 60_000 });
    await review.click();

    await page.locator('#root_branch').waitFor({ timeout: 60_000 });
    assert.equal(await page.inputValue('#root_branch'), change.branch);
    // the EntityPicker shows the entity once the catalog answered
    await page
      .waitForFunction(n => document.querySelector('#root_environment')?.value.endsWith(n), name, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    assert.match(await page.inputValue('#root_environment'), new RegExp(`${name}$`));
    assert.equal(
      await page.getByRole('radio', { name: /^local/ }).isChecked(),
      true,
      'Apply with starts on local: the executor the environment was created with',
    );
    assert.match(await page.innerText('main'), /only after the apply succeeded pushes the merge/);
    await screenshot(page, 'apply-change-form');
    assert.deepEqual(await seriousA11yViolations(page), [], 'no serious axe violations on the Apply change form');

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    // the task's output: Terraform's apply of the cache (local executor, on moto)
    await page
      .getByText(/Applied\. Plan: [1-9]\d* to add, 0 to change, 0 to destroy\./)
      .first()
      .waitFor({ timeout: 480_000 });
    const main = await page.innerText('main');
    assert.ok(main.includes(`Applied. ${change.planSummary}`), 'the apply is the plan the change was proposed with');
    await screenshot(page, 'apply-change-task-done');

    // the cloud: the cache exists in moto
    const groups = (await new ElastiCacheClient(aws).send(new DescribeReplicationGroupsCommand({})))
      .ReplicationGroups;
    assert.equal(
      groups.filter(g => g.ReplicationGroupId.startsWith(name)).length,
      1,
      `one replication group of ${name}: ${groups.map(g => g.ReplicationGroupId).join(', ')}`,
    );

    // the repository: the branch is gone, so nothing is pending and the card is not shown
    assert.deepEqual((await api(`/api/environments/v1/environments/default/${name}/changes`)).items, []);
    await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
    await page.getByRole('button', { name: 'Change this environment' }).waitFor({ timeout: 60_000 });
    // the card reads the same route as the other sections: wait until the page settled
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByText('Pending changes').count(), 0, 'no Pending changes card');
    assert.equal(
      await page.locator(`[aria-label="Review and apply ${change.branch}"]`).count(),
      0,
      'no "Review and apply" for the applied branch',
    );
    await screenshot(page, 'apply-change-applied');
  });
});
