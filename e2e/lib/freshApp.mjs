// A fresh Backstage app from @backstage/create-app with the Terrace packages added the way the
// plugin READMEs say, packed as they would be published. Used by e2e/install.test.mjs and
// bench/install.mjs.
//
// What stands in for the outside world, and why:
// - the packed @terrace/* tarballs are served by a tiny npm registry on 127.0.0.1 (the app's
//   `npmScopes.terrace`), so the READMEs' `yarn add @terrace/...` lines run verbatim;
// - create-app fetches a yarn.lock seed from GitHub that pins the app to its release; that host
//   is out of reach here (the fetch is refused, as is git), so the app's resolution is held to the
//   registry as it stood when this create-app was published (`npmMinimalAgeGate`), which is what
//   the seed does: every @backstage/* package at its release 1.55.0 version.
// Cached between runs (under artifacts/install, ignored): the packed tarballs per package
// content hash, and the installed app before Terrace was added (restored, then the README steps
// run again). The yarn global cache is shared with the repo.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
/** create-app version whose templates are release 1.55.0 (its dist/lib/versions says so). */
export const CREATE_APP_VERSION = '0.9.2';
/** When that create-app was published: the registry is read as of this moment. */
export const RELEASE_CUTOFF = '2026-09-18T02:51:45Z';
export const WORK = path.join(ROOT, 'artifacts', 'install');
export const APP = path.join(WORK, 'app');
const PACKS = path.join(WORK, 'packs');
const SHIMS = path.join(WORK, 'shims');
const BASE = path.join(WORK, 'base.tgz');
const BASE_KEY = path.join(WORK, 'base.key');
const YARN = path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');

/** The README files whose `terrace-install` blocks are run, in this order. */
export const READMES = [
  'plugins/environments-backend/README.md',
  'plugins/scaffolder-backend-module-environments/README.md',
  'plugins/catalog-backend-module-environments-template/README.md',
  'plugins/environments/README.md',
];

/** The packages that are packed and served (every plugins/* package). */
export const PACKAGES = fs
  .readdirSync(path.join(ROOT, 'plugins'))
  .filter(d => fs.existsSync(path.join(ROOT, 'plugins', d, 'package.json')))
  .sort();

const timings = {};
/** Wall-clock seconds per phase of this run (packing, app, readme, tsc, build, ...). */
export function phaseTimings() {
  return { ...timings };
}
async function timed(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
  }
}

/** Environment for every command run in the app: Node 22 first, git refused, yarn = repo's yarn 4. */
export function appEnv(extra = {}) {
  fs.mkdirSync(SHIMS, { recursive: true });
  fs.writeFileSync(
    path.join(SHIMS, 'git'),
    '#!/bin/sh\necho "git is not used by the install test" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(SHIMS, 'yarn'),
    `#!/bin/sh\nexec "${process.execPath}" "${YARN}" "$@"\n`,
    { mode: 0o755 },
  );
  const env = {
    ...process.env,
    PATH: `${SHIMS}:${path.dirname(process.execPath)}:${process.env.PATH}`,
    BACKSTAGE_APP_NAME: 'app',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    CI: '1',
    ...extra,
  };
  delete env.NODE_OPTIONS;
  delete env.npm_config_user_agent;
  for (const k of Object.keys(env))
    if (k.startsWith('npm_package_') || k.startsWith('YARN_IGNORE'))
      delete env[k];
  return env;
}

function run(cmd, args, { cwd = APP, env = appEnv(), log } = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const out = `${error.stdout ?? ''}\n${error.stderr ?? ''}`;
    if (log) fs.writeFileSync(log, out);
    throw new Error(
      `${[cmd, ...args].join(' ')} (in ${cwd}) failed:\n${out.slice(-4000)}`,
    );
  }
}

function hashDir(dir, hash) {
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    if (['node_modules', 'dist', 'dist-types'].includes(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) hashDir(file, hash);
    else if (entry.isFile())
      hash.update(entry.name).update(fs.readFileSync(file));
  }
}

/**
 * `backstage-cli package build` + `yarn pack` for every plugins/* package, as `yarn npm publish`
 * would upload them; a tarball is reused while its package's files hash the same. Returns
 * `{ name: { version, file } }`.
 */
export async function packPlugins() {
  return timed('pack', async () => {
    fs.mkdirSync(PACKS, { recursive: true });
    const packs = {};
    const stale = [];
    for (const dir of PACKAGES) {
      const pkgDir = path.join(ROOT, 'plugins', dir);
      const hash = crypto.createHash('sha256');
      hashDir(pkgDir, hash);
      const { name, version } = JSON.parse(
        fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
      );
      const file = path.join(
        PACKS,
        `${dir}-${version}-${hash.digest('hex').slice(0, 12)}.tgz`,
      );
      packs[name] = { version, file, dir: pkgDir };
      if (!fs.existsSync(file)) stale.push(packs[name]);
    }
    if (stale.length) {
      // types come from the repo's dist-types (tsc is incremental: fast after scripts/test.sh's)
      run(process.execPath, [YARN, 'tsc'], {
        cwd: ROOT,
        env: { ...process.env },
      });
      for (const p of stale) {
        run(process.execPath, [YARN, 'build'], {
          cwd: p.dir,
          env: { ...process.env },
        });
        run(process.execPath, [YARN, 'pack', '--out', p.file], {
          cwd: p.dir,
          env: { ...process.env },
        });
      }
    }
    return packs;
  });
}

/**
 * A read-only npm registry for the @terrace scope on 127.0.0.1: packuments built from the
 * packed package.json files, tarballs served as packed. Resolves to `{ url, close() }`.
 */
export async function startScopeRegistry(packs) {
  const docs = {};
  const files = {};
  for (const [name, { file }] of Object.entries(packs)) {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    const data = fs.readFileSync(file);
    const base = path.basename(file);
    files[base] = data;
    docs[name] = { manifest, base, data };
  }
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    const port = server.address().port;
    if (url.startsWith('/-/tarballs/')) {
      const data = files[url.slice('/-/tarballs/'.length)];
      if (!data) return res.writeHead(404).end();
      return res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(data);
    }
    const doc = docs[url.slice(1)];
    if (!doc)
      return res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":"not found"}');
    const { manifest, base, data } = doc;
    const version = manifest.version;
    const body = {
      name: manifest.name,
      'dist-tags': { latest: version },
      time: {
        created: '2026-01-01T00:00:00.000Z',
        [version]: '2026-01-01T00:00:00.000Z',
      },
      versions: {
        [version]: {
          ...manifest,
          dist: {
            tarball: `http://127.0.0.1:${port}/-/tarballs/${base}`,
            shasum: crypto.createHash('sha1').update(data).digest('hex'),
            integrity: `sha512-${crypto
              .createHash('sha512')
              .update(data)
              .digest('base64')}`,
          },
        },
      },
    };
    return res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const srv = net.createServer();
  await new Promise(resolve => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise(resolve => srv.close(resolve));
  return port;
}

function gateMinutes() {
  return Math.ceil((Date.now() - Date.parse(RELEASE_CUTOFF)) / 60_000);
}

/** The harness lines added to the app's .yarnrc.yml (kept apart so a restore resets them). */
function yarnrcHarness(registryUrl) {
  return [
    '',
    '# install test harness (e2e/lib/freshApp.mjs): the registry as of the release, @terrace from 127.0.0.1',
    `npmMinimalAgeGate: ${gateMinutes()}m`,
    'npmPreapprovedPackages:',
    "  - '@terrace/*'",
    'npmScopes:',
    '  terrace:',
    `    npmRegistryServer: '${registryUrl}'`,
    'unsafeHttpWhitelist:',
    "  - '127.0.0.1'",
    '',
  ].join('\n');
}

/**
 * The app's .yarnrc.yml with the harness block; create-app's own age gate and its pre-approval
 * of @backstage/* are replaced (the gate must hold @backstage/* to the release too).
 */
function writeYarnrc(registryUrl) {
  const yarnrc = path.join(APP, '.yarnrc.yml');
  const own = fs.readFileSync(yarnrc, 'utf8').split('\n# install test harness')[0];
  const kept = [];
  let inList = false;
  for (const line of own.split('\n')) {
    if (inList && line.startsWith('  - ')) continue;
    inList = line.startsWith('npmPreapprovedPackages:');
    if (inList || line.startsWith('npmMinimalAgeGate:')) continue;
    kept.push(line);
  }
  fs.writeFileSync(yarnrc, `${kept.join('\n').trimEnd()}\n${yarnrcHarness(registryUrl)}`);
}

/**
 * The fresh app before Terrace: `npx @backstage/create-app@<pinned> --path app --skip-install`,
 * then `yarn install`; or, when the cached copy was made by the same create-app and cutoff, that
 * copy with its files reset. Returns `'created'` or `'restored'`.
 */
export async function prepareApp(registryUrl) {
  const key = `${CREATE_APP_VERSION} ${RELEASE_CUTOFF} v1`;
  const cached =
    fs.existsSync(BASE) &&
    fs.existsSync(path.join(APP, 'node_modules')) &&
    fs.existsSync(BASE_KEY) &&
    fs.readFileSync(BASE_KEY, 'utf8') === key;
  if (cached) {
    await timed('app-restore', async () => {
      run('tar', ['-xzf', BASE, '-C', APP]);
    });
  } else {
    await timed('create-app', async () => {
      fs.rmSync(APP, { recursive: true, force: true });
      fs.rmSync(BASE_KEY, { force: true });
      fs.mkdirSync(WORK, { recursive: true });
      const preload = path.join(WORK, 'no-remote-fetch.cjs');
      fs.writeFileSync(
        preload,
        [
          '// create-app fetches a yarn.lock seed from GitHub; only the npm registry is reachable here.',
          'const realFetch = globalThis.fetch;',
          'globalThis.fetch = async (input, init) => {',
          "  const url = new URL(typeof input === 'string' ? input : input.url ?? String(input));",
          "  if (url.hostname !== '127.0.0.1') throw new Error(`not fetched in the install test: ${url.host}`);",
          '  return realFetch(input, init);',
          '};',
          '',
        ].join('\n'),
      );
      run(
        'npx',
        [
          '--yes',
          `@backstage/create-app@${CREATE_APP_VERSION}`,
          '--path',
          'app',
          '--skip-install',
        ],
        { cwd: WORK, env: appEnv({ NODE_OPTIONS: `--require ${preload}` }) },
      );
    });
    await timed('app-install', async () => {
      writeYarnrc(registryUrl);
      run('yarn', ['install'], { log: path.join(WORK, 'app-install.log') });
      run('tar', [
        '-czf',
        BASE,
        '--exclude=./node_modules',
        '--exclude=./packages/*/node_modules',
        '--exclude=./packages/*/dist',
        '--exclude=./dist-types',
        '.',
      ]);
      fs.writeFileSync(BASE_KEY, key);
    });
  }
  writeYarnrc(registryUrl);
  // archives of earlier packs with the same version would be taken from the global cache
  const cacheFolder = run('yarn', ['config', 'get', 'cacheFolder']).trim();
  for (const f of fs.readdirSync(cacheFolder)) {
    if (f.startsWith('@terrace-')) fs.rmSync(path.join(cacheFolder, f));
  }
  return cached ? 'restored' : 'created';
}

/**
 * The README code blocks tagged `terrace-install`, in README order: `{ readme, lang, attrs, code }`.
 * Info string: "<lang> terrace-install [file=<path in the app>] [before=<line prefix>]".
 */
export function installBlocks() {
  const blocks = [];
  for (const readme of READMES) {
    const text = fs.readFileSync(path.join(ROOT, readme), 'utf8');
    for (const m of text.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```\s*$/gm)) {
      const words = m[2].trim().split(/\s+/);
      if (!words.includes('terrace-install')) continue;
      const attrs = Object.fromEntries(
        words
          .filter(w => w.includes('='))
          .map(w => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
      );
      blocks.push({ readme, lang: m[1], attrs, code: m[3] });
    }
  }
  return blocks;
}

/**
 * Runs a README block in the app: shell blocks line by line; code blocks into `file`, their
 * `import` lines after the file's last import, the other lines before the line starting with
 * `before` (else at the end).
 */
export function applyBlock(block) {
  if (block.lang === 'bash' || block.lang === 'sh') {
    for (const line of block.code.split('\n').map(l => l.trim())) {
      if (!line || line.startsWith('#')) continue;
      run('bash', ['-c', line], { log: path.join(WORK, 'readme-step.log') });
    }
    return;
  }
  if (!block.attrs.file)
    throw new Error(
      `${block.readme}: a ${block.lang} terrace-install block needs file=`,
    );
  const file = path.join(APP, block.attrs.file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const code = block.code.replace(/\n$/, '').split('\n');
  const imports = code.filter(l => l.startsWith('import '));
  const rest = code.filter(l => !l.startsWith('import '));
  let lastImport = -1;
  lines.forEach((l, i) => {
    if (/^import .*;$/.test(l) || /^} from '.*';$/.test(l)) lastImport = i;
  });
  const at = block.attrs.before
    ? lines.findIndex(l => l.startsWith(block.attrs.before))
    : -1;
  if (block.attrs.before && at < 0)
    throw new Error(
      `${block.readme}: no line starting with "${block.attrs.before}" in ${block.attrs.file}`,
    );
  const out = [...lines];
  out.splice(at < 0 ? out.length : at, 0, ...rest, '');
  out.splice(lastImport + 1, 0, ...imports);
  fs.writeFileSync(file, out.join('\n'));
}

/** Runs every tagged README block in the app; returns how many ran. */
export async function followReadmes() {
  return timed('readme', async () => {
    const blocks = installBlocks();
    for (const block of blocks) applyBlock(block);
    return blocks.length;
  });
}

/** Runs `yarn <args>` in the app, timed under `name`; throws with the output's tail on failure. */
export async function appYarn(name, args) {
  return timed(name, async () =>
    run('yarn', args, { log: path.join(WORK, `${name}.log`) }),
  );
}

/** Config for the test run: port, an environment entity to look at, AWS never reached. */
export function writeHarnessConfig(port) {
  const entities = path.join(WORK, 'environment.yaml');
  fs.writeFileSync(
    entities,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: shop-staging',
      '  title: Shop staging',
      '  annotations:',
      '    terrace.dev/cloud: aws',
      '    terrace.dev/region: ap-southeast-2',
      '    terrace.dev/tier: staging',
      'spec:',
      '  type: environment',
      '  owner: group:default/guests',
      '',
    ].join('\n'),
  );
  const config = path.join(WORK, 'app-config.install.yaml');
  const base = `http://localhost:${port}`;
  fs.writeFileSync(
    config,
    [
      'app:',
      `  baseUrl: ${base}`,
      'backend:',
      `  baseUrl: ${base}`,
      '  listen:',
      `    port: ${port}`,
      '  cors:',
      `    origin: ${base}`,
      'catalog:',
      '  processingInterval: { seconds: 2 }',
      '  locations:',
      '    - type: file',
      `      target: ${entities}`,
      '      rules:',
      '        - allow: [Resource]',
      'environments:',
      '  aws:',
      '    endpoint: http://127.0.0.1:9 # never a cloud endpoint from a test',
      '',
    ].join('\n'),
  );
  return config;
}

/** `yarn workspace backend start` in the app; resolves once the catalog answers. */
export async function startAppBackend({ port, config, timeoutMs = 300_000 }) {
  const child = spawn(
    process.execPath,
    [
      YARN,
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    {
      cwd: APP,
      env: appEnv({
        LOG_LEVEL: 'warn',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_REGION: 'us-east-1',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const keep = c => {
    output = (output + c.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise(resolve => child.on('exit', resolve));
  const started = Date.now();
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
  };
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(
        `http://localhost:${port}/api/catalog/entities?limit=1`,
      );
      if (res.status === 401 || res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`backend not ready after ${timeoutMs} ms:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  timings['backend-ready'] = Math.round((Date.now() - started) / 100) / 10;
  return { stop, output: () => output };
}
