// Bench: the Environments overview page with 1,000 environments in Chromium. The page's call to
// GET /api/environments/v1/overview is answered by the browser (playwright route) with 1,000
// rows shaped like the real API's, so the figure is the frontend's own: the time from that
// answer being handed to the page to the table showing its first page of rows.
// Run: source scripts/node-env.sh && yarn workspace app build && node bench/overview.mjs [runs]
import { launchBrowser, signInAsGuest, startBackend, BASE_URL } from '../e2e/lib/portal.mjs';

const N = 1000;
const runs = Number(process.argv[2] ?? 5);
const tiers = ['dev', 'staging', 'prod'];
const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const items = Array.from({ length: N }, (_, i) => {
  const name = `env-${String(i).padStart(4, '0')}`;
  return {
    entityRef: `resource:default/${name}`,
    namespace: 'default',
    name,
    title: `Environment ${i}`,
    owner: `group:default/team-${i % 25}`,
    cloud: 'aws',
    region: regions[i % 3],
    tier: tiers[i % 3],
    alarms: { status: 'ok', ok: 10, alarm: i % 7 === 0 ? 1 : 0, insufficientData: 0 },
    backups: { status: 'ok', worst: i % 11 === 0 ? 'critical' : 'ok' },
    cost: { status: 'ok', monthToDate: 100 + (i % 50), estimate: 150, currency: 'USD' },
  };
});
const body = JSON.stringify({ updatedAt: new Date().toISOString(), items });

const backend = await startBackend();
const browser = await launchBrowser();
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signInAsGuest(page);
  for (let r = 0; r < runs; r++) {
    let answeredAt = 0;
    await page.route('**/api/environments/v1/overview', async route => {
      answeredAt = await page.evaluate(() => performance.now());
      await route.fulfill({ status: 200, contentType: 'application/json', body });
    });
    await page.goto(`${BASE_URL}/environments`);
    await page.getByRole('link', { name: 'Environment 0', exact: true }).waitFor({ timeout: 60_000 });
    const renderedAt = await page.evaluate(() => performance.now());
    results.push(renderedAt - answeredAt);
    await page.unroute('**/api/environments/v1/overview');
  }
} finally {
  await browser.close();
  await backend.stop();
}
results.sort((a, b) => a - b);
console.log(JSON.stringify({
  environments: N,
  runs,
  firstRenderAfterAnswerMs: { min: Math.round(results[0]), median: Math.round(results[Math.floor(runs / 2)]), max: Math.round(results[runs - 1]) },
  targetMs: 1000,
}));
