// Times e2e/install.test.mjs cold (no cached app, no cached packs: artifacts/install removed)
// or warm (both kept), and prints the phase durations the test wrote to
// artifacts/install/timings.json. Usage: node bench/install.mjs [--cold]
// The yarn global cache (~/.yarn/berry/cache) is shared with the repo and is never emptied here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'artifacts', 'install');
const cold = process.argv.includes('--cold');
if (cold) fs.rmSync(WORK, { recursive: true, force: true });
const started = Date.now();
const res = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', 'e2e/install.test.mjs'],
  { cwd: ROOT, stdio: 'inherit' },
);
const timings = JSON.parse(fs.readFileSync(path.join(WORK, 'timings.json'), 'utf8'));
console.log(
  JSON.stringify({ run: cold ? 'cold' : 'warm', exit: res.status, wallSeconds: Math.round((Date.now() - started) / 1000), ...timings }, null, 2),
);
