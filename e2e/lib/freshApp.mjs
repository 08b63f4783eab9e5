// A fresh Backstage app from @backstage/create-app with the Terrace packages added the way the
// plugin READMEs say, packed as they would be published. Used by e2e/install.test.mjs and
// bench/install.mjs.
//
// What stands in for the outside world, and why:
// - the packed @terrace/* tarballs are served by a tiny npm registry on 127.0.0.1 (the app's
//   `npmScopes.terrace`), so the READMEs' `yarn add @terrace/...` lines run verbatim;
// - create-app fetches a yarn.lock seed from GitHub that pins the app's @backstage/* packages to
//   its release; that host is out of reach here (the fetch is refused, as is git). In its place
//   the same 127.0.0.1 registry answers for the @backstage scope: it passes the npm registry's
//   packuments on with the versions newer than release 1.55.0's (tools/backstage-release/
//   1.55.0.json) left out, so every `^<release version>` range resolves to the release version,
//   as with the seed. Everything else comes from the npm registry as create-app configures it
//   (its 3-day age gate included). Tarballs are fetched by yarn from the npm registry itself.
// - better-sqlite3 (the backend's SQLite driver) has no prebuilt binary reachable here (they are
//   on GitHub), so its install script compiles it (minutes on two cores). prebuild-install's own
//   documented local-prebuilds setting (`npm_config_better_sqlite3_local_prebuilds`) points at
//   artifacts/install/prebuilds, holding `better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>
//   .tar.gz` archives: the repo's own compiled module when its version and Node ABI match, else
//   the one the app compiled on an earlier run. A version or ABI without an archive compiles.
// Cached between runs (under artifacts/install, ignored): the packed tarballs per package
// content hash, the prebuilds above, and the installed app before Terrace was added (restored,
// then the README steps run again). The yarn global cache is shared with the repo.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcessGroup, waitForPortFree } from './portal.mjs';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
/** create-app version whose templates are release 1.55.0 (its dist/lib/versions says so). */
export const CREATE_APP_VERSION = '0.9.2';
export const WORK = path.join(ROOT, 'artifacts', 'install');
export const APP = path.join(WORK, 'app');
const PACKS = path.join(WORK, 'packs');
const SHIMS = path.join(WORK, 'shims');
const BASE = path.join(WORK, 'base.tgz');
const BASE_KEY = path.join(WORK, 'base.key');
const PREBUILDS = path.join(WORK, 'prebuilds');
const YARN = path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');
/** The Backstage release the app and the plugins are on (backstage.json). */
export const RELEASE = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'backstage.json'), 'utf8'),
).version;
const RELEASE_MANIFEST = JSON.parse(
  fs.readFileSync(
    path.join(ROOT, 'tools/backstage-release', `${RELEASE}.json`),
    'utf8',
  ),
);
/** `@backstage/<name>` -> its version in the release. */
export const RELEASE_VERSIONS = Object.fromEntries(
  RELEASE_MANIFEST.packages.map(p => [p.name, p.version]),
);

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
    // CI makes yarn's installs immutable; create-app's own first install writes the lockfile
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    npm_config_better_sqlite3_local_prebuilds: PREBUILDS,
    ...extra,
  };
  delete env.NODE_OPTIONS;
  delete env.npm_config_user_agent;
  for (const k of Object.keys(env))
    if (k.startsWith('npm_package_') || k.startsWith('YARN_IGNORE'))
      delete env[k];
  return env;
}

/**
 * Runs a command without blocking the event loop (the 127.0.0.1 registry of this process must
 * answer the app's yarn meanwhile); resolves to its stdout, rejects with the output's tail.
 */
function run(cmd, args, { cwd = APP, env = appEnv(), log } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', c => {
      stdout += c;
    });
    child.stderr.on('data', c => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', code => {
      if (log) fs.writeFileSync(log, `${stdout}\n${stderr}`);
      if (code === 0) return resolve(stdout);
      const out = `${stdout}\n${stderr}`;
      return reject(
        new Error(
          `${[cmd, ...args].join(
            ' ',
          )} (in ${cwd}) exited with ${code}:\n${out.slice(-4000)}`,
        ),
      );
    });
  });
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

/** Deletes `<x>.d.ts` files under `dir` (in dist-types) whose `<x>.ts`/`<x>.tsx` source is gone. */
function removeOrphanDeclarations(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphanDeclarations(file);
    } else if (entry.name.endsWith('.d.ts')) {
      const source = path
        .join(ROOT, path.relative(path.join(ROOT, 'dist-types'), file))
        .replace(/\.d\.ts$/, '');
      if (!['.ts', '.tsx'].some(ext => fs.existsSync(source + ext)))
        fs.rmSync(file);
    }
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
      // types come from the repo's dist-types (tsc is incremental: fast after scripts/test.sh's);
      // tsc leaves the declarations of removed sources behind, and the type build would read them
      removeOrphanDeclarations(path.join(ROOT, 'dist-types', 'plugins'));
      await run(process.execPath, [YARN, 'tsc'], {
        cwd: ROOT,
        env: { ...process.env },
      });
      for (const p of stale) {
        await run(process.execPath, [YARN, 'build'], {
          cwd: p.dir,
          env: { ...process.env },
        });
        await run(process.execPath, [YARN, 'pack', '--out', p.file], {
          cwd: p.dir,
          env: { ...process.env },
        });
      }
    }
    return packs;
  });
}

/** `a` compared with `b` as semver versions (negative, 0, positive); a prerelease sorts before its release. */
function compareVersions(a, b) {
  const parse = v => {
    const [core, pre] = v.split('+')[0].split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++)
    if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * Whether `version` satisfies `range`, for the range forms npm packages use in dependencies
 * (`^x.y.z`, `~x.y.z`, `x.y.z`, `*`); a form this does not know counts as satisfied.
 */
function satisfies(version, range) {
  const r = range.trim();
  if (r === '*' || r === '') return true;
  const m = /^([~^]?)(\d+)\.(\d+)\.(\d+)(-[\w.]+)?$/.exec(r);
  if (!m) return true;
  const floor = `${m[2]}.${m[3]}.${m[4]}${m[5] ?? ''}`;
  if (version.includes('-') && !m[5]) return false;
  if (compareVersions(version, floor) < 0) return false;
  const [major, minor] = version.split('.').map(Number);
  const [fMajor, fMinor] = [Number(m[2]), Number(m[3])];
  if (m[1] === '') return compareVersions(version, floor) === 0;
  if (m[1] === '~') return major === fMajor && minor === fMinor;
  if (fMajor > 0) return major === fMajor;
  if (fMinor > 0) return major === 0 && minor === fMinor;
  return compareVersions(version, floor) === 0;
}

/**
 * The versions of a @backstage package that belong with the release. A package of the release
 * manifest: the versions up to its release version. Any other @backstage package (a dependency of
 * the release's packages, such as a `-common` or `-node` library the manifest does not list): the
 * non-prerelease versions whose @backstage dependencies can all be met by versions that belong
 * with the release (manifest packages by their release version; others by this rule, read with
 * `kept(name)`), which is what was current with the release. (The registry's publish times here
 * are not in publishing order, so they cannot decide it.)
 */
export async function versionsAsOfRelease(doc, kept) {
  const pinned = RELEASE_VERSIONS[doc.name];
  const all = Object.keys(doc.versions ?? {});
  if (pinned) return all.filter(v => compareVersions(v, pinned) <= 0);
  const out = [];
  for (const v of all) {
    if (v.includes('-')) continue;
    const deps = Object.entries({
      ...doc.versions[v].dependencies,
      ...doc.versions[v].peerDependencies,
    }).filter(
      ([dep, range]) =>
        dep.startsWith('@backstage/') && typeof range === 'string',
    );
    let ok = true;
    for (const [dep, range] of deps) {
      if (RELEASE_VERSIONS[dep]) ok = satisfies(RELEASE_VERSIONS[dep], range);
      else ok = (await kept(dep)).some(d => satisfies(d, range));
      if (!ok) break;
    }
    if (ok) out.push(v);
  }
  return out;
}

/** `doc` with only `versions` kept; `latest` is the newest of them that is not a prerelease. */
function packumentWith(doc, versions) {
  const keep = new Set(versions);
  const releases = versions.filter(v => !v.includes('-')).sort(compareVersions);
  const distTags = Object.fromEntries(
    Object.entries(doc['dist-tags'] ?? {}).filter(([, v]) => keep.has(v)),
  );
  if (releases.length) distTags.latest = releases[releases.length - 1];
  return {
    ...doc,
    versions: Object.fromEntries(
      Object.entries(doc.versions ?? {}).filter(([v]) => keep.has(v)),
    ),
    'dist-tags': distTags,
    time: Object.fromEntries(
      Object.entries(doc.time ?? {}).filter(
        ([v]) => !(v in (doc.versions ?? {})) || keep.has(v),
      ),
    ),
  };
}

/**
 * The npm registry on 127.0.0.1 that the app's `npmScopes` point at: the packed @terrace
 * packages (packuments built from the packed package.json files, tarballs served as packed), and
 * the @backstage scope passed on from `upstream` (the npm registry yarn uses) as of the release
 * (see versionsAsOfRelease). Resolves to `{ url, close() }`.
 */
export async function startScopeRegistry(packs, upstream) {
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
  const upstreamDocs = new Map();
  const upstreamDoc = name => {
    if (!upstreamDocs.has(name)) {
      upstreamDocs.set(
        name,
        fetch(`${upstream.replace(/\/$/, '')}/${name.replace('/', '%2f')}`, {
          headers: { accept: 'application/json' },
        }).then(async r => {
          if (!r.ok)
            throw new Error(`${name}: ${r.status} from the npm registry`);
          return r.json();
        }),
      );
      upstreamDocs.get(name).catch(() => upstreamDocs.delete(name));
    }
    return upstreamDocs.get(name);
  };
  // versions that belong with the release, per package, once worked out; a dependency cycle
  // (a package met again on its own dependency path) is not narrowed there
  const keptVersions = new Map();
  const kept = async (name, path = new Set()) => {
    if (keptVersions.has(name)) return keptVersions.get(name);
    const doc = await upstreamDoc(name);
    if (path.has(name)) return Object.keys(doc.versions ?? {});
    const inner = new Set(path).add(name);
    const versions = await versionsAsOfRelease(doc, dep => kept(dep, inner));
    keptVersions.set(name, versions);
    return versions;
  };
  const backstage = async (name, res) => {
    try {
      const doc = await upstreamDoc(name);
      const body = JSON.stringify(packumentWith(doc, await kept(name)));
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res
        .writeHead(/: 404 /.test(String(error)) ? 404 : 502, {
          'content-type': 'application/json',
        })
        .end(JSON.stringify({ error: String(error) }));
    }
  };
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
    const name = url.slice(1);
    if (name.startsWith('@backstage/')) return void backstage(name, res);
    const doc = docs[name];
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

/** The npm registry the repo's yarn uses (its configured default; no host is written here). */
export async function upstreamRegistry() {
  return (
    await run(process.execPath, [YARN, 'config', 'get', 'npmRegistryServer'], {
      cwd: ROOT,
      env: { ...process.env },
    })
  ).trim();
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const srv = net.createServer();
  await new Promise(resolve => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise(resolve => srv.close(resolve));
  return port;
}

/**
 * The app's .yarnrc.yml: create-app's own settings (its age gate and @backstage/* pre-approval
 * kept), then the harness block, replaced on every run: @terrace and @backstage from 127.0.0.1.
 */
function writeYarnrc(registryUrl) {
  const yarnrc = path.join(APP, '.yarnrc.yml');
  const own = fs
    .readFileSync(yarnrc, 'utf8')
    .split('\n# install test harness')[0]
    .trimEnd();
  const harness = [
    '',
    '# install test harness (e2e/lib/freshApp.mjs): @terrace packed, @backstage as of the release',
    'npmScopes:',
    '  terrace:',
    `    npmRegistryServer: '${registryUrl}'`,
    '  backstage:',
    `    npmRegistryServer: '${registryUrl}'`,
    'unsafeHttpWhitelist:',
    "  - '127.0.0.1'",
    '',
  ].join('\n');
  fs.writeFileSync(yarnrc, `${own}\n${harness}`);
}

/** The prebuild-install archive name of better-sqlite3 `version` for this Node and machine. */
function sqlitePrebuildName(version) {
  return `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
}

/**
 * Puts a compiled better-sqlite3 (`dir`: its package folder) into the prebuilds folder, unless an
 * archive of its version and ABI is there already; a folder without a compiled module is skipped.
 */
async function keepSqlitePrebuild(dir) {
  const pkg = path.join(dir, 'package.json');
  const module = path.join(dir, 'build/Release/better_sqlite3.node');
  if (!fs.existsSync(pkg) || !fs.existsSync(module)) return;
  const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8'));
  const archive = path.join(PREBUILDS, sqlitePrebuildName(version));
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(PREBUILDS, { recursive: true });
  await run(
    'tar',
    ['-czf', `${archive}.tmp`, '-C', dir, 'build/Release/better_sqlite3.node'],
    { cwd: dir },
  );
  fs.renameSync(`${archive}.tmp`, archive);
}

/**
 * The fresh app before Terrace: `npx @backstage/create-app@<pinned> --path app --skip-install`,
 * then `yarn install`; or, when the cached copy was made by the same create-app and release,
 * that copy with its files reset. Returns `'created'` or `'restored'`.
 */
export async function prepareApp(registryUrl) {
  const key = `${CREATE_APP_VERSION} ${RELEASE} v2`;
  const cached =
    fs.existsSync(BASE) &&
    fs.existsSync(path.join(APP, 'node_modules')) &&
    fs.existsSync(BASE_KEY) &&
    fs.readFileSync(BASE_KEY, 'utf8') === key;
  if (cached) {
    await timed('app-restore', async () => {
      await run('tar', ['-xzf', BASE, '-C', APP]);
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
      await run(
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
      // the repo's own compiled better-sqlite3 serves when the app resolves the same version
      await keepSqlitePrebuild(path.join(ROOT, 'node_modules/better-sqlite3'));
      await run('yarn', ['install'], {
        log: path.join(WORK, 'app-install.log'),
      });
      await keepSqlitePrebuild(path.join(APP, 'node_modules/better-sqlite3'));
      await run('tar', [
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
  const cacheFolder = (
    await run('yarn', ['config', 'get', 'cacheFolder'])
  ).trim();
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
export async function applyBlock(block) {
  if (block.lang === 'bash' || block.lang === 'sh') {
    for (const line of block.code.split('\n').map(l => l.trim())) {
      if (!line || line.startsWith('#')) continue;
      await run('bash', ['-c', line], {
        log: path.join(WORK, 'readme-step.log'),
      });
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
    for (const block of blocks) await applyBlock(block);
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

/** `yarn workspace backend start` in the app; resolves once its readiness check answers 200. */
export async function startAppBackend({ port, config, timeoutMs = 300_000 }) {
  await waitForPortFree(port, 30_000);
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
  const stop = () => stopProcessGroup(child, exited, port);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`backend exited with ${child.exitCode}:\n${output}`);
    try {
      // 200 once every plugin has started
      const res = await fetch(
        `http://localhost:${port}/.backstage/health/v1/readiness`,
      );
      if (res.ok) break;
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
