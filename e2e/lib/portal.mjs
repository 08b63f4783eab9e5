// Starts the Terrace backend (which serves the built app on :7007) and drives Debian's Chromium
// with playwright-core. Used by the browser tests and by bench/portal.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'screenshots');
export const PORT = Number(process.env.TERRACE_E2E_PORT ?? 7007);
export const BASE_URL = `http://localhost:${PORT}`;
/**
 * The APP_CONFIG_* overrides that move a backend from the configs' port 7007 to `port` (to run
 * beside a portal already on 7007, or as a second replica); none for 7007 itself.
 */
export function portEnv(port) {
  if (port === 7007) return {};
  const baseUrl = `http://localhost:${port}`;
  return {
    APP_CONFIG_backend_listen_port: String(port),
    APP_CONFIG_backend_baseUrl: baseUrl,
    APP_CONFIG_app_baseUrl: baseUrl,
    APP_CONFIG_backend_cors_origin: baseUrl,
  };
}

/**
 * Starts `backstage-cli package start` for packages/backend with the given config files
 * (relative to the repo root) on `port` (default TERRACE_E2E_PORT, else 7007) and resolves once
 * every plugin has started (the root readiness check), with the time it took and its `baseUrl`.
 */
export async function startBackend({
  configs = ['app-config.yaml', 'e2e/app-config.e2e.yaml'],
  env = {},
  timeoutMs = 240_000,
  port = PORT,
} = {}) {
  const baseUrl = `http://localhost:${port}`;
  // Something still answering on the port (a backend an earlier test left shutting down) would
  // answer for this one: the readiness check would pass against the wrong process.
  await waitForPortFree(port, 30_000);
  const args = ['.yarn/releases/yarn-4.13.0.cjs', 'workspace', 'backend', 'start'];
  for (const c of configs) args.push('--config', path.join(ROOT, c));
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // info, as in a portal: the scaffolder's task log shows an action's info lines only at this
    // level (at warn, a task page would miss the plan and "what will be lost" that users see).
    // The output is kept here for the startup check, not printed.
    env: { ...process.env, ...portEnv(port), ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = chunk => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise(resolve => child.on('exit', code => resolve(code)));

  const deadline = started + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    }
    // a plugin that failed to start fails the backend, which `package start` keeps alive
    if (output.includes('Backend startup failed')) {
      await stopProcessGroup(child, exited, port).catch(() => {});
      throw new Error(`backend startup failed:\n${output}`);
    }
    try {
      // the root readiness check answers 200 once every plugin has started (the catalog can
      // answer long before auth does: on a fresh PostgreSQL each plugin creates its database)
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(child, exited, port).catch(() => {});
      throw new Error(`backend not ready after ${timeoutMs} ms:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  const readyMs = Date.now() - started;
  return {
    readyMs,
    baseUrl,
    pid: child.pid,
    output: () => output,
    async stop() {
      await stopProcessGroup(child, exited, port);
    },
  };
}

/**
 * Stops a backend started detached (yarn, backstage-cli and the backend it runs, one process
 * group): SIGTERM, and SIGKILL for whatever is still there after 15 s (a shutdown hook that never
 * returns keeps the port, with some plugins already answering 503), then waits until nothing
 * answers on `port`. `exited` resolves when `child` exits.
 */
export async function stopProcessGroup(child, exited, port) {
  stopProcess(child);
  if (!(await groupGone(child.pid, 15_000))) {
    stopProcess(child, 'SIGKILL');
    await groupGone(child.pid, 5_000);
  }
  await Promise.race([exited, new Promise(r => setTimeout(r, 5_000))]);
  await waitForPortFree(port, 10_000);
}

function stopProcess(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Resolves true once no process of the group `pgid` is left, false after `timeoutMs`. */
async function groupGone(pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Waits until nothing accepts connections on 127.0.0.1:`port`; throws naming the port after `timeoutMs`. */
export async function waitForPortFree(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (await portAnswers(port)) {
    if (Date.now() > deadline) {
      throw new Error(
        `port ${port} is still in use by another process after ${timeoutMs / 1000} s (a backend left running? set TERRACE_E2E_PORT to use another port)`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

function portAnswers(port) {
  return new Promise(resolve => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The moto AWS emulator that .ci/run / scripts/test.sh start on 127.0.0.1. */
export const MOTO_ENDPOINT = process.env.TERRACE_MOTO_ENDPOINT ?? 'http://127.0.0.1:5000';

/** moto accepts any credentials; these dummy values only satisfy the SDK's default chain. */
export const MOTO_ENV = {
  TERRACE_MOTO_ENDPOINT: MOTO_ENDPOINT,
  AWS_ACCESS_KEY_ID: 'moto',
  AWS_SECRET_ACCESS_KEY: 'moto',
  AWS_REGION: 'us-east-1',
};

/** Seeds moto with the example environments' resources, as scripts/demo.sh does. */
export function seedMoto() {
  execFileSync(process.execPath, [path.join(ROOT, 'plugins/environments-backend/bin/seed-moto')], {
    cwd: ROOT,
    env: { ...process.env, ...MOTO_ENV },
    stdio: 'inherit',
  });
}

/** A guest user's token, as the sign-in page gets it (from the backend at `baseUrl`). */
export async function guestToken(timeoutMs = 60_000, baseUrl = BASE_URL) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (res.status === 200) return (await res.json()).backstageIdentity.token;
    // 503: the auth plugin has not started yet (a backend started elsewhere, without the
    // readiness wait of startBackend)
    if (res.status !== 503 || Date.now() > deadline) {
      const body = await res.text().catch(() => '');
      throw new Error(`guest sign-in answered ${res.status}: ${body.slice(0, 300)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/**
 * Waits until the catalog (of the backend at `baseUrl`) has ingested the example environments;
 * returns their names.
 */
export async function waitForEnvironments(count = 3, timeoutMs = 120_000, baseUrl = BASE_URL) {
  const token = await guestToken(60_000, baseUrl);
  const deadline = Date.now() + timeoutMs;
  let names = [];
  while (Date.now() < deadline) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=resource,spec.type=environment`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.ok) {
      names = (await res.json()).items.map(e => e.metadata.name).sort();
      if (names.length >= count) return names;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `the catalog lists ${names.length} environments (${names.join(', ') || 'none'}) after ${timeoutMs / 1000} s; expected at least ${count}`,
  );
}

/**
 * Runs the template `template:default/<template>` through the scaffolder API as the guest (of
 * the backend at `baseUrl`) with the form's `values` and waits for the task to end. Resolves with
 * the completed task (GET /api/scaffolder/v2/tasks/:id: `{ id, status, spec, ... }`); throws if
 * the task cannot be created (the API's answer), or fails, is cancelled or still runs after
 * `timeoutMs` (its status and the last 3000 characters of its log).
 */
export async function runTemplate(template, values, { timeoutMs = 180_000, baseUrl = BASE_URL } = {}) {
  const headers = {
    Authorization: `Bearer ${await guestToken(60_000, baseUrl)}`,
    'Content-Type': 'application/json',
  };
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateRef: `template:default/${template}`, values }),
  });
  const text = await res.text();
  if (res.status !== 201) {
    throw new Error(`creating a task of ${template} answered ${res.status}: ${text.slice(0, 1000)}`);
  }
  const { id } = JSON.parse(text);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await (await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, { headers })).json();
    if (task.status === 'completed') return task;
    if (task.status === 'failed' || task.status === 'cancelled' || Date.now() > deadline) {
      const events = await (
        await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}/events`, { headers })
      ).json();
      throw new Error(
        `task ${id} of ${template}: ${task.status}\n${events
          .map(e => e.body?.message ?? '')
          .join('\n')
          .slice(-3000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * Starts scripts/moto-env.sh's moto (moto's server on `serverPort`, behind the CBOR proxy on
 * `port`, both on 127.0.0.1) in a process group of its own, logging to `log`; resolves once it
 * answers, with a function that stops it (SIGTERM to the group). A moto of its own keeps a test's
 * resources apart from the shared one (port 5000) that other browser tests seed. Throws with the
 * log's path if it does not start.
 */
export async function startMoto(log, { port, serverPort = port + 1 }) {
  const child = spawn(
    'bash',
    ['-c', `source scripts/moto-env.sh && terrace_start_moto "$1" && echo ready && wait`, 'moto', log],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TERRACE_ROOT: ROOT,
        // both ports given: a shell that sourced moto-env.sh before exports the shared moto's
        TERRACE_MOTO_PORT: String(port),
        TERRACE_MOTO_SERVER_PORT: String(serverPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let err = '';
  child.stderr.on('data', c => (err += c));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', c => String(c).includes('ready') && resolve());
    child.on('exit', code => reject(new Error(`moto did not start (exit ${code}): ${err}; log ${log}`)));
  });
  return () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
}

/** Launches Debian's Chromium headless, as this machine allows it. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.TERRACE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the portal and signs in as guest. */
export async function signInAsGuest(page) {
  await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 120_000 });
  await enter.click();
  // signed in once the portal's sidebar shows
  await page.getByText('Create...').first().waitFor({ timeout: 120_000 });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs axe-core (injected into the page) and returns the serious and critical violations as
 * `rule: help (selectors)` lines; an empty list means none.
 */
export async function seriousA11yViolations(page, selector = 'main') {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  // evaluated, not added as a <script>: the portal's Content-Security-Policy refuses inline scripts
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  const violations = await page.evaluate(
    async sel => (await window.axe.run(document.querySelector(sel) ?? document)).violations,
    selector,
  );
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
}

/**
 * Table cells (th, td) inside `selector` that are narrower than their longest word, i.e. where
 * the browser had to break a word in the middle. A line may end after a hyphen, or after a "/"
 * where the page put a <wbr>: those are not breaks inside a word. Each as
 * `word (cell width < word width)`.
 */
export async function cellsNarrowerThanTheirWords(page, selector) {
  return page.evaluate(sel => {
    const out = [];
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    for (const root of document.querySelectorAll(sel)) {
      for (const cell of root.querySelectorAll('th, td')) {
        const style = getComputedStyle(cell);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const inner =
          cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        // read the rendered text with each <wbr> as a space, then put the <wbr>s back
        const swapped = [...cell.querySelectorAll('wbr')].map(wbr => {
          const space = document.createTextNode(' ');
          wbr.replaceWith(space);
          return [space, wbr];
        });
        const text = cell.innerText || '';
        for (const [space, wbr] of swapped) space.replaceWith(wbr);
        const words = text
          .split(/\s+/)
          .flatMap(w => w.split(/(?<=-)/))
          .filter(Boolean);
        for (const word of words) {
          const width = ctx.measureText(word).width;
          if (width > inner + 1) {
            out.push(`${word} (${Math.round(inner)} < ${Math.round(width)})`);
            break;
          }
        }
      }
    }
    return out;
  }, selector);
}
