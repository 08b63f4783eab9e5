// Bench: the real-Terraform tests, timed step by step. Runs the two jest files that drive
// terraform and OpenTofu with the real providers (init + validate per stack; init, plan, apply,
// second plan, destroy per reference stack on moto) and prints each test's duration from jest's
// JSON report, plus the wall clock of each file. Needs what scripts/tools.sh sets up
// (TF_CLI_CONFIG_FILE, TERRACE_TERRAFORM_BIN, TERRACE_TOFU_BIN, moto in .tools/py; the apply test
// starts it as scripts/moto_server.py behind scripts/moto-cbor-proxy.mjs on free ports).
// Run: source scripts/node-env.sh && source scripts/tools.sh && node bench/terraform.bench.mjs [validate|apply]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'plugins', 'environments-node');
const which = process.argv[2];
const files = [
  ['validate', 'src/generate/checks/validate.test.ts'],
  ['apply', 'src/generate/checks/apply.test.ts'],
].filter(([name]) => !which || which === name);

const yarn = path.join(root, '.yarn', 'releases', 'yarn-4.13.0.cjs');
for (const [name, file] of files) {
  const out = path.join(os.tmpdir(), `terrace-bench-${name}.json`);
  fs.rmSync(out, { force: true });
  const start = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      yarn,
      'backstage-cli',
      'package',
      'test',
      '--watchAll=false',
      '--runInBand',
      '--json',
      `--outputFile=${out}`,
      file,
    ],
    { cwd: pkg, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const wall = (Date.now() - start) / 1000;
  if (!fs.existsSync(out)) {
    console.error(`${name}: jest wrote no report (exit ${r.status})`);
    process.exitCode = 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  console.log(
    `\n## ${name}: ${file} (wall ${wall.toFixed(0)} s, load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')})`,
  );
  console.log('| test | status | seconds |\n|---|---|---:|');
  for (const suite of report.testResults) {
    for (const t of suite.assertionResults) {
      console.log(
        `| ${t.fullName} | ${t.status} | ${((t.duration ?? 0) / 1000).toFixed(
          1,
        )} |`,
      );
    }
    if (suite.status !== 'passed' && suite.message)
      console.log(suite.message.split('\n').slice(0, 20).join('\n'));
  }
}
