/**
 * tools/aws-prices-from-snapshot.mjs, run as a contributor runs it, on rows of the AWS Price List
 * bulk offer snapshot of 2026-10-06 (John-Almos/CommitCost engine/src/cost/aws/snapshot.json).
 * The rows below are copied as they stand in that snapshot (us-east-1 and ap-northeast-1, plus
 * rows of other engines the generator must ignore); the snapshot itself is not in the repo.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awsRegions } from '@terrace/plugin-environments-common';
import { parseRegionCatalogFile } from '../../estimate/aws/catalog';

const repoRoot = path.resolve(__dirname, '../../../../..');
const generator = path.join(repoRoot, 'tools/aws-prices-from-snapshot.mjs');
const catalogDir = path.resolve(__dirname, '../../../prices/aws');

// Rows of the snapshot as they stand in it (us-east-1 and ap-northeast-1: a sample, plus rows of
// other engines the generator must ignore; us-east-2: every row the generator reads).
const snapshotRows = path.join(
  __dirname,
  '__fixtures__/priceListSnapshot-2026-10-06.json',
);

let tmp: string;
let snapshotFile: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-snapshot-'));
  snapshotFile = path.join(tmp, 'snapshot.json');
  fs.copyFileSync(snapshotRows, snapshotFile);
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function runGenerator(...args: string[]) {
  const r = spawnSync(process.execPath, [generator, ...args], {
    encoding: 'utf8',
  });
  return {
    code: r.status,
    stderr: r.stderr,
    report: r.stdout.startsWith('{') ? JSON.parse(r.stdout) : undefined,
  };
}

describe('tools/aws-prices-from-snapshot.mjs', () => {
  it('reproduces every us-east-1 and ap-northeast-1 price the bulk offer rows hold', () => {
    const { code, report } = runGenerator(
      '--snapshot',
      snapshotFile,
      '--dir',
      catalogDir,
      '--check',
      '--json',
    );
    // us-east-1 Multi-AZ db.t4g.small is 0.065 as the bulk offer lists it (it was 2 x 0.032 until
    // 2026-12-01; the infracost golden db_instance_test confirms $47.45 for 730 hours).
    expect(report.regions['us-east-1'].differences).toEqual([]);
    expect(report.regions['ap-northeast-1'].differences).toEqual([]);
    expect(report.regions['us-east-2'].differences).toEqual([]);
    expect(report.regions['us-east-2'].missing).toEqual([]);
    expect(code).toBe(0);
    // Every EC2 type, EBS gp3 and NAT price of us-east-1 was found and compared.
    const missing: string[] = report.regions['us-east-1'].missing;
    expect(missing.filter(m => /^(ec2|ebs|vpc)\./.test(m))).toEqual([]);
    expect(missing).toContain('rds.postgres.singleAz db.t3.micro');
  });

  it('lists a price of a file that differs from the bulk offer and exits 1 with --check, writing nothing', () => {
    const dir = path.join(tmp, 'catalog');
    fs.mkdirSync(dir);
    const eastFile = path.join(dir, 'us-east-1.json');
    const east = JSON.parse(
      fs.readFileSync(path.join(catalogDir, 'us-east-1.json'), 'utf8'),
    );
    east.groups['rds.postgres.multiAz'].prices['db.t4g.small'] = 0.064;
    const text = `${JSON.stringify(east, null, 2)}\n`;
    fs.writeFileSync(eastFile, text);
    const { code, report } = runGenerator(
      '--snapshot',
      snapshotFile,
      '--dir',
      dir,
      '--check',
      '--json',
    );
    expect(report.regions['us-east-1'].differences).toEqual([
      {
        group: 'rds.postgres.multiAz',
        size: 'db.t4g.small',
        file: 0.064,
        snapshot: 0.065,
      },
    ]);
    expect(code).toBe(1);
    expect(fs.readFileSync(eastFile, 'utf8')).toBe(text);
    expect(fs.existsSync(path.join(dir, 'us-east-2.json'))).toBe(false);
  });

  it('lists every commercial region the snapshot lacks and writes nothing for it', () => {
    const { report } = runGenerator(
      '--snapshot',
      snapshotFile,
      '--dir',
      catalogDir,
      '--check',
      '--json',
    );
    expect(
      [...report.notInSnapshot, ...Object.keys(report.regions)].sort(),
    ).toEqual([...awsRegions].sort());
    expect(report.notInSnapshot).toEqual(
      expect.arrayContaining(['eu-north-1', 'ap-south-1', 'me-central-1']),
    );
    expect(fs.existsSync(path.join(catalogDir, 'eu-north-1.json'))).toBe(false);
  });

  it('writes a region without a file with only the groups the snapshot answers, byte for byte the committed us-east-2.json', () => {
    const dir = path.join(tmp, 'catalog');
    fs.mkdirSync(dir);
    fs.copyFileSync(
      path.join(catalogDir, 'us-east-1.json'),
      path.join(dir, 'us-east-1.json'),
    );
    const { code, report } = runGenerator(
      '--snapshot',
      snapshotFile,
      '--dir',
      dir,
      '--json',
    );
    expect(code).toBe(0);
    expect(report.regions['us-east-2'].written).toBe(
      path.join(dir, 'us-east-2.json'),
    );
    const text = fs.readFileSync(path.join(dir, 'us-east-2.json'), 'utf8');
    expect(text).toBe(
      fs.readFileSync(path.join(catalogDir, 'us-east-2.json'), 'utf8'),
    );
    const file = parseRegionCatalogFile(text, 'us-east-2.json');
    expect(file.location).toBe('US East (Ohio)');
    expect(file.catalogVersion).toBe('2026.10.06');
    const source = file.sources['aws-price-list-snapshot'];
    expect(source.retrieved).toBe('2026-10-06');
    expect(Object.keys(file.groups).sort()).toEqual([
      'cloudwatch.logs.ingest',
      'ebs.gp3',
      'ec2.linux',
      'rds.postgres.multiAz',
      'rds.postgres.singleAz',
      'rds.storage.gp3.multiAz',
      'rds.storage.gp3.singleAz',
      's3.glacierFlexible',
      's3.standard',
      's3.standard.tiered',
      'vpc.natGateway.gb',
      'vpc.natGateway.hour',
    ]);
    // What the snapshot has no rows for is left out and named, never borrowed from us-east-1.
    expect(file.groups['elasticache.redis']).toBeUndefined();
    expect(source.note).toContain('elasticache.redis');
    expect(source.note).toContain('fargate.vcpu');
    // ap-northeast-1 has a file in the real catalog but not here: only complete groups are written.
    const tokyo = parseRegionCatalogFile(
      fs.readFileSync(path.join(dir, 'ap-northeast-1.json'), 'utf8'),
      'ap-northeast-1.json',
    );
    expect(tokyo.groups['rds.postgres.singleAz']).toBeUndefined();
    expect(tokyo.groups['rds.storage.gp3.multiAz']).toMatchObject({
      price: 0.276,
    });
  });

  it('refuses a missing --snapshot and an unreadable snapshot with the argument named', () => {
    const none = runGenerator('--dir', catalogDir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--snapshot <snapshot.json> is required');
    const absent = runGenerator('--snapshot', path.join(tmp, 'nope.json'));
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('snapshot');
    expect(absent.stderr).toContain('cannot be read (ENOENT)');
  });
});
