// Bench: generating the environment repo of each reference stack in-process (validate + resolve +
// estimate + Terraform emit + format). Target: < 100 ms per stack once the formatter is loaded.
// Run: source scripts/node-env.sh && node bench/generate.bench.cjs [iterations]
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parse } = require('yaml');

const pkg = path.join(__dirname, '..', 'plugins', 'environments-node');
const { resolveEnvironment, validateEnvironment } = require(path.join(
  __dirname, '..', 'plugins', 'environments-common', 'src',
));
const { estimateEnvironment } = require(path.join(pkg, 'src', 'estimate'));
const { generateEnvironmentRepo } = require(path.join(pkg, 'src', 'generate'));

const iterations = Number(process.argv[2] ?? 50);
const TARGET_MS = 100;
const stacks = [
  process.env.TERRACE_REFERENCE_STACKS,
  path.join(__dirname, '..', '..', 'shared', 'reference-stacks'),
  '/work/shared/reference-stacks',
].find(d => d && fs.existsSync(d));

async function generate(spec) {
  const v = validateEnvironment(spec);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const resolved = resolveEnvironment(v.environment);
  return generateEnvironmentRepo(resolved, { spec, estimate: estimateEnvironment(resolved) });
}

(async () => {
  let failed = false;
  for (const file of fs.readdirSync(stacks).filter(f => f.endsWith('.yaml')).sort()) {
    const spec = parse(fs.readFileSync(path.join(stacks, file), 'utf8'));
    const t0 = performance.now();
    await generate(spec); // first call loads the WebAssembly formatter
    const first = performance.now() - t0;
    const times = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await generate(spec);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)];
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
    const ok = p95 < TARGET_MS;
    failed ||= !ok;
    console.log(
      `${file.padEnd(32)} first ${first.toFixed(1)} ms  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  ${ok ? 'ok' : `over ${TARGET_MS} ms`}`,
    );
  }
  process.exit(failed ? 1 : 0);
})().catch(e => {
  console.error(e);
  process.exit(1);
});
