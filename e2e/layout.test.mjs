// Layout and accessibility of what a user reads, in Chromium on the demo data: at 1280 and
// 1440 px no table cell on the Environment tab or the overview is narrower than its longest word
// (no word broken mid-way), the overview sorts by cost as amounts, and axe finds no serious or
// critical violation on the Environment tab or the overview.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cellsNarrowerThanTheirWords,
  launchBrowser,
  screenshot,
  seedMoto,
  seriousA11yViolations,
  signInAsGuest,
  startBackend,
  waitForEnvironments,
  BASE_URL,
  MOTO_ENV,
} from './lib/portal.mjs';

describe('Cards and overview that fit (Chromium, demo data)', () => {
  let backend;
  let browser;
  let page;

  before(async () => {
    seedMoto();
    backend = await startBackend({
      configs: ['app-config.yaml', 'e2e/app-config.moto.yaml', 'e2e/app-config.e2e.yaml'],
      env: MOTO_ENV,
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

  for (const width of [1280, 1440]) {
    test(`at ${width} px the Environment tab breaks no word mid-way`, async () => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${BASE_URL}/catalog/default/resource/shop-production/environment`);
      await page.getByRole('table', { name: 'Backups' }).waitFor({ timeout: 60_000 });
      await page.getByRole('table', { name: 'Alarms' }).first().waitFor({ timeout: 60_000 }).catch(() => {});
      await screenshot(page, `environment-tab-${width}`);
      assert.deepEqual(await cellsNarrowerThanTheirWords(page, 'main table'), []);
      if (width === 1440) {
        assert.deepEqual(await seriousA11yViolations(page), [], 'no serious axe violations on the Environment tab');
      }
    });

    test(`at ${width} px the overview breaks no word mid-way`, async () => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${BASE_URL}/environments`);
      await page.getByText(/^Environments \(\d+\)$/).waitFor({ timeout: 60_000 });
      await screenshot(page, `overview-${width}`);
      assert.deepEqual(await cellsNarrowerThanTheirWords(page, 'main table'), []);
    });
  }

  test('at 1024 px the overview shows every column inside the window', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`${BASE_URL}/environments`);
    await page.getByText(/^Environments \(\d+\)$/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'overview-1024');
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('main table thead th')]
        .filter(th => th.getBoundingClientRect().right > window.innerWidth + 1)
        .map(th => `${th.innerText.trim() || '(no label)'} ends at ${Math.round(th.getBoundingClientRect().right)} px`),
    );
    assert.deepEqual(cut, [], 'no column ends beyond the 1024 px window');
    assert.deepEqual(await cellsNarrowerThanTheirWords(page, 'main table'), []);
  });

  test('the overview sorts by cost as amounts, and has no serious axe violation', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${BASE_URL}/environments`);
    await page.getByText(/^Environments \(\d+\)$/).waitFor({ timeout: 60_000 });
    assert.deepEqual(await seriousA11yViolations(page), [], 'no serious axe violations on the overview');
    await page.getByRole('link', { name: 'Create environment' }).or(page.getByRole('button', { name: 'Create environment' })).first().waitFor();

    const header = page.getByRole('columnheader', { name: /Month to date/ });
    const amounts = async () => {
      // data rows only: the table pads a page with empty rows that have no cells
      const rows = page.locator('main table tbody tr:has(td)');
      const out = [];
      for (let i = 0; i < (await rows.count()); i++) {
        const cells = rows.nth(i).locator('td');
        const text = await cells.nth((await cells.count()) - 1).innerText();
        const m = text.match(/^\$([\d,.]+)/);
        out.push(m ? Number(m[1].replace(/,/g, '')) : -1);
      }
      return out;
    };
    await header.getByRole('button').click();
    await page.waitForTimeout(500);
    const ascending = await amounts();
    assert.ok(ascending.filter(a => a >= 0).length >= 2, `at least two environments have spend: ${ascending}`);
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'ascending by amount');
    await header.getByRole('button').click();
    await page.waitForTimeout(500);
    const descending = await amounts();
    assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'descending by amount');
    await screenshot(page, 'overview-sorted-by-cost');
  });
});
