// Bench: time from `yarn workspace backend start` to the catalog answering, and peak memory (RSS
// of the backend's whole process tree) while Chromium loads the catalog and an environment page.
// Run: source scripts/node-env.sh && yarn workspace app build && node bench/portal.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { launchBrowser, signInAsGuest, startBackend, BASE_URL } from '../e2e/lib/portal.mjs';

function treeRssKb(rootPid) {
  const children = new Map();
  const rss = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const m = status.match(/VmRSS:\s+(\d+)/);
      rss.set(Number(d), m ? Number(m[1]) : 0);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* process ended */
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop();
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

const backend = await startBackend();
let peak = treeRssKb(backend.pid);
const timer = setInterval(() => {
  peak = Math.max(peak, treeRssKb(backend.pid));
}, 200);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await signInAsGuest(page);
  await page.goto(`${BASE_URL}/catalog?filters%5Bkind%5D=resource&filters%5Btype%5D=environment&filters%5Buser%5D=all`);
  await page.getByText('Shop staging').first().waitFor({ timeout: 60_000 });
  await page.goto(`${BASE_URL}/catalog/default/resource/shop-staging/environment`);
  await page.waitForTimeout(5000);
} finally {
  clearInterval(timer);
  await browser.close();
  await backend.stop();
}
console.log(JSON.stringify({ backendReadyMs: backend.readyMs, peakBackendRssMb: Math.round(peak / 1024) }));
