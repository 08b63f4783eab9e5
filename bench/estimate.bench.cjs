// Bench: the estimate of each reference stack, in-process (validate + resolve + price), and the
// one-time load of the price catalog. Target: < 20 ms per estimate; the catalog loads once.
// Run: source scripts/node-env.sh && node bench/estimate.bench.cjs [iterations]
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parse } = require('yaml');

const pkg = path.join(__dirname, '..', 'plugins', 'environments-node');
const fixtures = path.join(pkg, 'src', 'estimate', '__fixtures__');
const iterations = Number(process.argv[2] ?? 200);
const TARGET_MS = 20;

const readsBefore = countCatalogReads();
const t0 = performance.now();
const { getAwsPriceCatalog } = require(path.join(
  pkg,
  'src',
  'estimate',
  'catalog',
));
const catalog = getAwsPriceCatalog();
const loadMs = performance.now() - t0;
const { estimateSpec } = require(path.join(
  pkg,
  'src',
  'estimate',
  'estimateSpec',
));

function countCatalogReads() {
  return countCatalogReads.n ?? 0;
}
// Count reads of catalog files from here on, to show the catalog is read once per process.
const realRead = fs.readFileSync;
fs.readFileSync = function patched(file, ...rest) {
  if (String(file).includes(`${path.sep}prices${path.sep}aws${path.sep}`)) {
    countCatalogReads.n = (countCatalogReads.n ?? 0) + 1;
  }
  return realRead.call(this, file, ...rest);
};

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rows = [];
let failed = false;
for (const name of fs
  .readdirSync(fixtures)
  .filter(f => f.endsWith('.yaml'))
  .sort()) {
  const raw = parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
  const first = estimateSpec(raw); // warm-up, and a sanity check
  if (!first.ok) throw new Error(`${name}: ${JSON.stringify(first.problems)}`);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    estimateSpec(raw);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const median = pct(times, 50);
  if (median >= TARGET_MS) failed = true;
  rows.push({
    stack: name.replace(/\.yaml$/, ''),
    lines: first.estimate.lines.length,
    monthlyUsd: first.estimate.monthly,
    medianMs: Number(median.toFixed(3)),
    p95Ms: Number(pct(times, 95).toFixed(3)),
    maxMs: Number(times[times.length - 1].toFixed(3)),
  });
}

console.log(
  `catalog: ${
    catalog.regionNames().length
  } regions, first load ${loadMs.toFixed(1)} ms (includes module load)`,
);
console.table(rows);
const reads = countCatalogReads() - readsBefore;
console.log(`catalog file reads after the first load: ${reads} (expected 0)`);
console.log(
  `target: median < ${TARGET_MS} ms per estimate (validate + resolve + price); ${iterations} runs per stack`,
);
if (failed || reads !== 0) {
  console.error('estimate bench: target missed');
  process.exitCode = 1;
}
