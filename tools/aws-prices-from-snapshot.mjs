#!/usr/bin/env node
/**
 * Builds AWS price catalog files (plugins/environments-node/prices/aws/<region>.json) from a
 * snapshot of the AWS Price List bulk offer files, and checks existing files against it.
 *
 * Input: a snapshot in the shape of John-Almos/CommitCost `engine/src/cost/aws/snapshot.json`
 * (generatedAt 2026-10-06; publications AmazonEC2 and AmazonRDS 2026-10-06, AmazonS3 2026-09-28,
 * AmazonCloudWatch 2026-09-22):
 *   { source, url, generatedAt: "YYYY-MM-DD", publications: { <service>: "YYYY-MM-DD" },
 *     regions: { <region>: { <service>: { <usage key>: { u: unit, p: USD } | { u, t: [[from, USD], ...] } } } } }
 * The snapshot is not part of this repository: pass its path.
 *
 * What it reads (everything else in the snapshot is ignored):
 *   AmazonRDS  "InstanceUsage:<class>@postgres" / "Multi-AZUsage:<class>@postgres" -> rds.postgres.singleAz / .multiAz
 *              "RDS:GP3-Storage" / "RDS:Multi-AZ-GP3-Storage"                     -> rds.storage.gp3.singleAz / .multiAz
 *   AmazonEC2  "BoxUsage:<type>" -> ec2.linux; "EBS:VolumeUsage.gp3" -> ebs.gp3;
 *              "NatGateway-Hours" / "NatGateway-Bytes" -> vpc.natGateway.hour / .gb
 *   AmazonS3   "TimedStorage-ByteHrs" (tiers) -> s3.standard.tiered and s3.standard (first tier);
 *              "TimedStorage-GlacierByteHrs" -> s3.glacierFlexible
 *   AmazonCloudWatch "Logs-Ingestion-Bytes" -> cloudwatch.logs.ingest
 * The classes and types priced are those of the reference file (`<dir>/us-east-1.json`). A sized
 * group is written only when the snapshot has every size of it for the region; a group the
 * snapshot lacks is left out and listed (the estimate then refuses what needs it, naming it). A
 * region never takes another region's price.
 *
 * Usage:
 *   node tools/aws-prices-from-snapshot.mjs --snapshot <snapshot.json> [--dir <catalog dir>] [--check] [--json]
 * For a region of the snapshot without a file in --dir, writes `<region>.json` (only the groups
 * above). For a region with a file, never overwrites it: compares every price the snapshot has
 * with the file's and lists the differences. Regions of the commercial partition missing from the
 * snapshot are listed. --check writes nothing and exits 1 when a price differs. --json prints the
 * report as JSON. Exit 2: bad arguments or an unreadable input, with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The Price List `location` of every region of the commercial partition (the profile's list). */
export const LOCATIONS = {
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-east-2': 'Asia Pacific (Taipei)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-south-2': 'Asia Pacific (Hyderabad)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ap-southeast-4': 'Asia Pacific (Melbourne)',
  'ap-southeast-5': 'Asia Pacific (Malaysia)',
  'ap-southeast-6': 'Asia Pacific (New Zealand)',
  'ap-southeast-7': 'Asia Pacific (Thailand)',
  'ca-central-1': 'Canada (Central)',
  'ca-west-1': 'Canada West (Calgary)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-central-2': 'EU (Zurich)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'eu-south-2': 'EU (Spain)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'il-central-1': 'Israel (Tel Aviv)',
  'me-central-1': 'Middle East (UAE)',
  'me-south-1': 'Middle East (Bahrain)',
  'mx-central-1': 'Mexico (Central)',
  'sa-east-1': 'South America (Sao Paulo)',
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
};

const SOURCE = 'aws-price-list-snapshot';

/** Sized groups: catalog group -> [service, usage key of a size]. */
const SIZED = {
  'rds.postgres.singleAz': ['AmazonRDS', s => `InstanceUsage:${s}@postgres`],
  'rds.postgres.multiAz': ['AmazonRDS', s => `Multi-AZUsage:${s}@postgres`],
  'ec2.linux': ['AmazonEC2', s => `BoxUsage:${s}`],
};

/** Flat groups: catalog group -> [service, usage key]. */
const FLAT = {
  'rds.storage.gp3.singleAz': ['AmazonRDS', 'RDS:GP3-Storage'],
  'rds.storage.gp3.multiAz': ['AmazonRDS', 'RDS:Multi-AZ-GP3-Storage'],
  'ebs.gp3': ['AmazonEC2', 'EBS:VolumeUsage.gp3'],
  'vpc.natGateway.hour': ['AmazonEC2', 'NatGateway-Hours'],
  'vpc.natGateway.gb': ['AmazonEC2', 'NatGateway-Bytes'],
  's3.glacierFlexible': ['AmazonS3', 'TimedStorage-GlacierByteHrs'],
  'cloudwatch.logs.ingest': ['AmazonCloudWatch', 'Logs-Ingestion-Bytes'],
};

/** Tiered groups: catalog group -> [service, usage key]; `s3.standard` is its first tier. */
const TIERED = {
  's3.standard.tiered': ['AmazonS3', 'TimedStorage-ByteHrs'],
};

function row(region, service, key) {
  return region[service]?.[key];
}

/** Tiers of a snapshot row (`t: [[from, price], ...]`) as catalog tiers (`upTo` = next from). */
function toTiers(t) {
  return t.map(([, price], i) => ({
    upTo: i + 1 < t.length ? t[i + 1][0] : null,
    price,
  }));
}

/**
 * The groups the snapshot answers for one region, and what it lacks.
 * @param region the snapshot's `regions[<name>]`
 * @param reference the reference catalog file (its sized groups give the sizes)
 * @returns {{ groups: object, missing: string[] }} groups in catalog shape; missing as
 *   `<group>` or `<group> <size>` for every price the snapshot has no row for
 */
export function groupsFromSnapshot(region, reference) {
  const groups = {};
  const missing = [];
  const unitOf = g => reference.groups[g]?.unit;
  for (const [group, [service, keyOf]] of Object.entries(SIZED)) {
    const sizes = Object.keys(reference.groups[group]?.prices ?? {});
    const prices = {};
    for (const size of sizes) {
      const r = row(region, service, keyOf(size));
      if (r && typeof r.p === 'number') prices[size] = r.p;
      else missing.push(`${group} ${size}`);
    }
    if (Object.keys(prices).length > 0) {
      groups[group] = { unit: unitOf(group), source: SOURCE, prices };
    }
  }
  for (const [group, [service, key]] of Object.entries(FLAT)) {
    const r = row(region, service, key);
    if (r && typeof r.p === 'number') {
      groups[group] = { unit: unitOf(group), source: SOURCE, price: r.p };
    } else missing.push(group);
  }
  for (const [group, [service, key]] of Object.entries(TIERED)) {
    const r = row(region, service, key);
    if (r && Array.isArray(r.t) && r.t.length > 0) {
      const tiers = toTiers(r.t);
      groups[group] = { unit: unitOf(group), source: SOURCE, tiers };
      groups['s3.standard'] = {
        unit: unitOf('s3.standard'),
        source: SOURCE,
        price: tiers[0].price,
      };
    } else missing.push(group, 's3.standard');
  }
  return { groups, missing };
}

/** Every price of `generated` that differs from the same price in `file` (absent in file: skipped). */
export function compareGroups(generated, file) {
  const differences = [];
  for (const [group, g] of Object.entries(generated)) {
    const f = file.groups[group];
    if (!f) continue;
    if (g.prices) {
      for (const [size, price] of Object.entries(g.prices)) {
        const had = f.prices?.[size];
        if (had !== undefined && had !== price) {
          differences.push({ group, size, file: had, snapshot: price });
        }
      }
    } else if (g.tiers) {
      if (JSON.stringify(g.tiers) !== JSON.stringify(f.tiers)) {
        differences.push({ group, file: f.tiers, snapshot: g.tiers });
      }
    } else if (f.price !== g.price) {
      differences.push({ group, file: f.price, snapshot: g.price });
    }
  }
  return differences;
}

/** A whole catalog file for a region without one: only complete groups, dated by the snapshot. */
export function newRegionFile(name, snapshot, groups, missing, reference) {
  const incomplete = new Set(missing.map(m => m.split(' ')[0]));
  const complete = Object.fromEntries(
    Object.entries(groups).filter(([g]) => !incomplete.has(g)),
  );
  const publications = Object.entries(snapshot.publications ?? {})
    .filter(([s]) =>
      ['AmazonEC2', 'AmazonRDS', 'AmazonS3', 'AmazonCloudWatch'].includes(s),
    )
    .map(([s, d]) => `${s} ${d}`)
    .join(', ');
  return {
    catalogVersion: snapshot.generatedAt.replace(/-/g, '.'),
    cloud: 'aws',
    region: name,
    location: LOCATIONS[name],
    currency: 'USD',
    sources: {
      [SOURCE]: {
        title:
          'AWS Price List bulk offer files (on-demand), as filtered in John-Almos/CommitCost engine/src/cost/aws/snapshot.json',
        url:
          snapshot.url ??
          'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws',
        retrieved: snapshot.generatedAt,
        note: `Generated by tools/aws-prices-from-snapshot.mjs (publications: ${publications}). Not priced in this region (the snapshot has no row for it, or not for every size; the estimate names it instead of borrowing another region's price): ${
          Object.keys(reference.groups)
            .filter(g => !(g in complete))
            .sort()
            .join(', ') || 'nothing'
        }.`,
      },
    },
    groups: complete,
  };
}

function parseArgs(argv) {
  const args = {
    dir: 'plugins/environments-node/prices/aws',
    check: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--snapshot' || a === '--dir') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a path`);
      args[a.slice(2)] = v;
    } else if (a === '--check') args.check = true;
    else if (a === '--json') args.json = true;
    else
      throw new Error(
        `unknown argument ${a} (use --snapshot, --dir, --check, --json)`,
      );
  }
  if (!args.snapshot) throw new Error('--snapshot <snapshot.json> is required');
  return args;
}

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${what} ${file}: cannot be read (${e.code ?? e.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${file}: not valid JSON (${e.message})`);
  }
}

/** Runs the generator; returns the report and the exit code. */
export function run(argv) {
  const args = parseArgs(argv);
  const snapshot = readJson(args.snapshot, 'snapshot');
  if (
    !snapshot ||
    typeof snapshot.regions !== 'object' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(snapshot.generatedAt ?? '')
  ) {
    throw new Error(
      `snapshot ${args.snapshot}: expected "regions" and "generatedAt" (YYYY-MM-DD)`,
    );
  }
  const reference = readJson(
    path.join(args.dir, 'us-east-1.json'),
    'reference file',
  );
  const report = {
    snapshot: snapshot.generatedAt,
    regions: {},
    notInSnapshot: [],
  };
  let differs = false;
  for (const name of Object.keys(snapshot.regions).sort()) {
    if (!LOCATIONS[name]) {
      report.regions[name] = {
        skipped: 'not a region of the commercial partition',
      };
      continue;
    }
    const { groups, missing } = groupsFromSnapshot(
      snapshot.regions[name],
      reference,
    );
    const file = path.join(args.dir, `${name}.json`);
    if (fs.existsSync(file)) {
      const differences = compareGroups(groups, readJson(file, 'catalog file'));
      if (differences.length > 0) differs = true;
      report.regions[name] = { compared: file, differences, missing };
    } else {
      const out = newRegionFile(name, snapshot, groups, missing, reference);
      if (!args.check)
        fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      report.regions[name] = {
        [args.check ? 'wouldWrite' : 'written']: file,
        groups: Object.keys(out.groups),
        missing,
      };
    }
  }
  report.notInSnapshot = Object.keys(LOCATIONS).filter(
    r => !snapshot.regions[r],
  );
  return { report, code: args.check && differs ? 1 : 0 };
}

function print(report) {
  const lines = [`snapshot of ${report.snapshot}`];
  for (const [name, r] of Object.entries(report.regions)) {
    if (r.skipped) lines.push(`${name}: skipped, ${r.skipped}`);
    else if (r.compared) {
      lines.push(
        `${name}: compared with ${r.compared}, ${r.differences.length} difference(s)`,
      );
      for (const d of r.differences) {
        lines.push(
          `  ${d.group}${d.size ? ` ${d.size}` : ''}: file ${JSON.stringify(
            d.file,
          )}, snapshot ${JSON.stringify(d.snapshot)}`,
        );
      }
    } else {
      lines.push(
        `${name}: ${r.written ? 'wrote' : 'would write'} ${
          r.written ?? r.wouldWrite
        } (${r.groups.join(', ')})`,
      );
    }
    if (r.missing?.length)
      lines.push(`  not in the snapshot: ${r.missing.join(', ')}`);
  }
  lines.push(
    `not in the snapshot (no file written): ${
      report.notInSnapshot.join(', ') || 'none'
    }`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const argv = process.argv.slice(2);
    const { report, code } = run(argv);
    process.stdout.write(
      `${
        argv.includes('--json')
          ? JSON.stringify(report, null, 2)
          : print(report)
      }\n`,
    );
    process.exit(code);
  } catch (e) {
    process.stderr.write(`aws-prices-from-snapshot: ${e.message}\n`);
    process.exit(2);
  }
}
