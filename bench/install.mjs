// Times e2e/install.test.mjs cold (artifacts/install removed: no packs, no installed app, no
// better-sqlite3 prebuild but the repo's own) or warm (all kept, as between two CI runs), and
// prints the phase durations the test wrote to artifacts/install/timings.json with the machine.
// Usage: node bench/install.mjs [--cold]; exits with the test's status. Results: bench/install.md.
// The yarn global cache (~/.yarn/berry/cache) is shared with the repo and is never emptied here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'artifacts', 'install');
const cold = process.argv.includes('--cold');
if (cold) fs.rmSync(WORK, { recursive: true, force: true });
const started = Date.now();
const res = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    'e2e/install.test.mjs',
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
const timings = JSON.parse(
  fs.readFileSync(path.join(WORK, 'timings.json'), 'utf8'),
);
console.log(
  JSON.stringify(
    {
      run: cold ? 'cold' : 'warm',
      exit: res.status,
      wallSeconds: Math.round((Date.now() - started) / 1000),
      ...timings,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: os.loadavg().map(l => Math.round(l * 10) / 10),
        node: process.version,
      },
    },
    null,
    2,
  ),
);
process.exit(res.status ?? 1);
