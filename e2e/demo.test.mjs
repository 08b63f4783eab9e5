// The demo on the product's own path, as a newcomer runs it (scripts/demo.sh): a fresh moto, the
// portal on app-config.demo.yaml, and bin/demo creating the examples of examples/demo/ through the
// Create environment template, executor `local` applying them with Terraform to moto. Then, in
// Chromium, each example's Environment tab shows what Terraform created: the status API finds
// every resource of the environment's Terraform state that carries its terrace:environment tag
// (IAM roles aside: AWS's Tagging API does not return them) and nothing else but RDS snapshots,
// the Resources card counts them, the forced alarm fires, the backup turned off out of band is judged against the tier's
// policy, and the month's spend sits beside the estimate that the run saved in the repository.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  guestToken,
  launchBrowser,
  screenshot,
  signInAsGuest,
  startBackend,
  startMoto,
  BASE_URL,
  ROOT,
} from './lib/portal.mjs';

// a moto of its own: the other browser tests seed the shared one with same-named resources
const MOTO_PORT = Number(process.env.TERRACE_DEMO_MOTO_PORT ?? 5300);
const MOTO_ENDPOINT = `http://127.0.0.1:${MOTO_PORT}`;
const EXAMPLES = ['payments-dev', 'shop-production', 'shop-staging'];

/**
 * The resources of an environment's Terraform state that carry its terrace:environment tag, each
 * as `{ address, arn, id }`, except IAM users and roles: AWS's Resource Groups Tagging API, which
 * the Resources card reads, does not return those ("The GetResources operation does not currently
 * support IAM users and roles", docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/
 * supported-services.html).
 */
function taggedResourcesInState(state) {
  const out = [];
  for (const r of state.resources ?? []) {
    if (r.mode !== 'managed' || /^aws_iam_(role|user)$/.test(r.type)) continue;
    for (const [i, instance] of (r.instances ?? []).entries()) {
      const a = instance.attributes ?? {};
      const tags = a.tags_all ?? a.tags ?? {};
      if (!tags['terrace:environment']) continue;
      const address = `${r.type}.${r.name}${r.instances.length > 1 ? `[${instance.index_key ?? i}]` : ''}`;
      out.push({ address, arn: a.arn, id: a.id });
    }
  }
  return out;
}

/** Whether a resource the Tagging API returned (its ARN) is this state resource. */
const sameResource = (arn, r) =>
  arn === r.arn || (r.id && (arn.endsWith(`/${r.id}`) || arn.endsWith(`:${r.id}`)));

describe('The demo creates its environments through Terrace (moto, Terraform, Chromium)', () => {
  let stopMoto;
  let backend;
  let browser;
  let page;
  let repos;
  let s3;

  before(async () => {
    const terraform = process.env.TERRACE_TERRAFORM_BIN;
    assert.ok(
      terraform,
      'TERRACE_TERRAFORM_BIN is not set: source scripts/tools.sh first (it builds Terraform and the AWS provider)',
    );
    const work = mkdtempSync(path.join(os.tmpdir(), 'terrace-demo-e2e-'));
    repos = path.join(work, 'repos');
    const credentials = path.join(work, 'aws-credentials');
    writeFileSync(credentials, '[default]\naws_access_key_id = moto\naws_secret_access_key = moto\n');
    stopMoto = await startMoto(path.join(ROOT, 'artifacts', 'demo-moto.log'), { port: MOTO_PORT });
    const env = {
      TERRACE_MOTO_ENDPOINT: MOTO_ENDPOINT,
      TERRACE_DEMO_REPOS: repos,
      TERRACE_DEMO_TERRAFORM_BIN: terraform,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ACCESS_KEY_ID: 'moto',
      AWS_SECRET_ACCESS_KEY: 'moto',
      AWS_REGION: 'us-east-1',
    };
    backend = await startBackend({
      configs: ['app-config.yaml', 'app-config.demo.yaml', 'e2e/app-config.e2e.yaml'],
      env,
    });
    // bin/demo, as scripts/demo.sh runs it once the portal answers
    await new Promise((resolve, reject) => {
      const demo = spawn(
        process.execPath,
        ['plugins/environments-backend/bin/demo', 'examples/demo', repos, BASE_URL],
        { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      const keep = c => {
        output += c;
        process.stdout.write(String(c).replace(/^/gm, '# '));
      };
      demo.stdout.on('data', keep);
      demo.stderr.on('data', keep);
      demo.on('exit', code =>
        code === 0
          ? resolve()
          : reject(
              new Error(
                `bin/demo exited with ${code}:\n${output.slice(-4000)}\nthe portal's last words:\n${backend.output().slice(-4000)}`,
              ),
            ),
      );
    });
    const { S3Client } = await import('@aws-sdk/client-s3');
    s3 = new S3Client({
      endpoint: MOTO_ENDPOINT,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
    stopMoto?.();
  });

  /** GET on the portal as the signed-in guest. */
  async function api(url) {
    const token = await guestToken();
    const res = await fetch(`${BASE_URL}${url}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `${url} answered ${res.status}`);
    return res.json();
  }

  /** The environment's Terraform state, read from its S3 backend on moto (generated backend.tf). */
  async function stateOf(name) {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const backendTf = readFileSync(path.join(repos, name, 'terraform', 'backend.tf'), 'utf8');
    const bucket = backendTf.match(/bucket\s*=\s*"([^"]+)"/)[1];
    const key = backendTf.match(/key\s*=\s*"([^"]+)"/)[1];
    const region = backendTf.match(/region\s*=\s*"([^"]+)"/)[1];
    s3.config.region = async () => region;
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await obj.Body.transformToString());
  }

  for (const name of EXAMPLES) {
    test(`${name}: the Resources card counts the tagged resources of its Terraform state, the cost card shows the estimate`, async () => {
      const tagged = taggedResourcesInState(await stateOf(name));
      assert.ok(tagged.length > 5, `${name}'s state holds tagged resources: ${tagged.map(r => r.address)}`);
      const cost = JSON.parse(readFileSync(path.join(repos, name, 'cost.json'), 'utf8'));

      // what the status API found with the tag: every tagged resource of the state, and beyond
      // them only what AWS itself made from one (RDS snapshots carry their instance's tags)
      const found = (await api(`/api/environments/v1/environments/default/${name}/resources`)).items;
      const missing = tagged.filter(r => !found.some(f => sameResource(f.id, r))).map(r => r.address);
      assert.deepEqual(missing, [], `every tagged resource of ${name}'s state is found`);
      const extra = found
        .filter(f => !tagged.some(r => sameResource(f.id, r)))
        .filter(f => f.type !== 'rds:snapshot')
        .map(f => f.id);
      assert.deepEqual(extra, [], `nothing beyond ${name}'s state (and RDS snapshots of its database) carries its tag`);

      const components = new Set(found.map(f => f.component ?? '')).size;
      await page.goto(`${BASE_URL}/catalog/default/resource/${name}/environment`);
      const count = page.getByText(/^\d+ resources? in \d+ components?$/);
      await count.waitFor({ timeout: 120_000 });
      assert.equal(
        await count.innerText(),
        `${found.length} resources in ${components} ${components === 1 ? 'component' : 'components'}`,
      );
      // the Cost card: the run's estimate (cost.json in the repository) beside the month's spend
      const monthly = cost.monthly ?? cost.total ?? cost.totalMonthly;
      assert.equal(typeof monthly, 'number', `cost.json of ${name} has a monthly total`);
      const money = n => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      const figure = label =>
        page.locator('p', { hasText: new RegExp(`^${label}$`, 'i') }).locator('xpath=following-sibling::p[1]').first();
      await figure('Estimate').waitFor({ timeout: 120_000 });
      assert.equal(await figure('Estimate').innerText(), money(monthly));
      assert.match(await figure('Month to date').innerText(), /^\$[\d,]+\.\d\d$/, 'spend this month is shown');
      await page.getByText(/(Over|Under|On|Within) estimate/).first().waitFor();
      await screenshot(page, `demo-${name}`);
    });
  }

  test('shop-production: the alarm forced into ALARM fires on its Environment tab', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/shop-production/environment`);
    await page.getByText(/^1 of \d+ firing$/).waitFor({ timeout: 120_000 });
    await page.getByText('cpu-high').first().waitFor();
  });

  test('shop-staging: backups turned off out of band are judged against the staging policy', async () => {
    await page.goto(`${BASE_URL}/catalog/default/resource/shop-staging/environment`);
    const backups = page.getByRole('table', { name: 'Backups' });
    await backups.waitFor({ timeout: 120_000 });
    assert.match(await backups.innerText(), /critical/i);
    assert.match(await backups.innerText(), /shop-staging-db/);
  });
});
