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

const hrs = (p: number) => ({ u: 'Hrs', p });
const ec2UsEast1: Record<string, number> = {
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
  't3.large': 0.0832,
  't3.xlarge': 0.1664,
  't4g.micro': 0.0084,
  't4g.small': 0.0168,
  't4g.medium': 0.0336,
  't4g.large': 0.0672,
  't4g.xlarge': 0.1344,
  'm5.large': 0.096,
  'm5.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm6i.large': 0.096,
  'm6i.xlarge': 0.192,
  'm6i.2xlarge': 0.384,
  'm6g.large': 0.077,
  'm6g.xlarge': 0.154,
  'm6g.2xlarge': 0.308,
  'c5.large': 0.085,
  'c5.xlarge': 0.17,
  'c6i.large': 0.085,
  'c6i.xlarge': 0.17,
  'r5.large': 0.126,
  'r5.xlarge': 0.252,
  'r6i.large': 0.126,
  'r6i.xlarge': 0.252,
};

const snapshot = {
  source: 'AWS Price List bulk API, public on-demand offer files',
  url: 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws',
  generatedAt: '2026-10-06',
  publications: {
    AmazonS3: '2026-09-28',
    AmazonCloudWatch: '2026-09-22',
    AmazonRDS: '2026-10-06',
    AmazonEC2: '2026-10-06',
  },
  regions: {
    'us-east-1': {
      AmazonEC2: {
        ...Object.fromEntries(
          Object.entries(ec2UsEast1).map(([t, p]) => [`BoxUsage:${t}`, hrs(p)]),
        ),
        'BoxUsage:m5d.12xlarge': hrs(2.712),
        'EBS:VolumeUsage': { u: 'GB-Mo', p: 0.05 },
        'EBS:VolumeUsage.gp2': { u: 'GB-Mo', p: 0.1 },
        'EBS:VolumeUsage.gp3': { u: 'GB-Mo', p: 0.08 },
        'NatGateway-Hours': hrs(0.045),
        'NatGateway-Bytes': { u: 'GB', p: 0.045 },
      },
      AmazonRDS: {
        'InstanceUsage:db.t3.medium@postgres': hrs(0.072),
        'InstanceUsage:db.t3.large@postgres': hrs(0.145),
        'InstanceUsage:db.t4g.micro@postgres': hrs(0.016),
        'InstanceUsage:db.t4g.medium@postgres': hrs(0.065),
        'InstanceUsage:db.t4g.large@postgres': hrs(0.129),
        'InstanceUsage:db.m5.large@postgres': hrs(0.178),
        'InstanceUsage:db.m5.xlarge@postgres': hrs(0.356),
        'InstanceUsage:db.m5.2xlarge@postgres': hrs(0.712),
        'InstanceUsage:db.m6g.2xlarge@postgres': hrs(0.636),
        'InstanceUsage:db.r6i.xlarge@postgres': hrs(0.5),
        'InstanceUsage:db.r6g.2xlarge@postgres': hrs(0.899),
        'Multi-AZUsage:db.t3.large@postgres': hrs(0.29),
        'Multi-AZUsage:db.t4g.small@postgres': hrs(0.065),
        'Multi-AZUsage:db.m6i.2xlarge@postgres': hrs(1.424),
        'Multi-AZUsage:db.r6i.2xlarge@postgres': hrs(2),
        'Multi-AZUsage:db.t3.medium@mysql': hrs(0.136),
        'InstanceUsage:db.t3.large@mysql': hrs(0.136),
        'InstanceUsage:db.r6i.large@aurora-postgresql': hrs(0.29),
      },
    },
    'ap-northeast-1': {
      AmazonRDS: {
        'InstanceUsage:db.t4g.micro@postgres': hrs(0.025),
        'InstanceUsage:db.t4g.xlarge@postgres': hrs(0.403),
        'Multi-AZUsage:db.t3.xlarge@postgres': hrs(0.896),
        'InstanceUsage:db.t4g.xlarge@mysql': hrs(0.403),
        'Multi-AZUsage:db.t4g.micro@mysql': hrs(0.05),
        'RDS:GP3-Storage': { u: 'GB-Mo', p: 0.138 },
      },
      AmazonS3: {
        'TimedStorage-ByteHrs': {
          u: 'GB-Mo',
          t: [
            [0, 0.025],
            [51200, 0.024],
            [512000, 0.023],
          ],
        },
        'TimedStorage-SIA-ByteHrs': { u: 'GB-Mo', p: 0.0138 },
        'TimedStorage-GlacierByteHrs': { u: 'GB-Mo', p: 0.0045 },
      },
      AmazonCloudWatch: {
        'Logs-Storage-ByteHrs': { u: 'GB-Mo', p: 0.033 },
        'Logs-Ingestion-Bytes': { u: 'GB', p: 0.76 },
      },
    },
  },
};

let tmp: string;
let snapshotFile: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-snapshot-'));
  snapshotFile = path.join(tmp, 'snapshot.json');
  fs.writeFileSync(snapshotFile, JSON.stringify(snapshot));
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
  it('reproduces the hand-made us-east-1 and ap-northeast-1 prices, except the one the bulk offer lists otherwise', () => {
    const { code, report } = runGenerator(
      '--snapshot',
      snapshotFile,
      '--dir',
      catalogDir,
      '--check',
      '--json',
    );
    // The hand-made file stores db.t4g.small Multi-AZ as 2 x 0.032; the bulk offer lists 0.065.
    expect(report.regions['us-east-1'].differences).toEqual([
      {
        group: 'rds.postgres.multiAz',
        size: 'db.t4g.small',
        file: 0.064,
        snapshot: 0.065,
      },
    ]);
    expect(report.regions['ap-northeast-1'].differences).toEqual([]);
    expect(code).toBe(1);
    // Every EC2 type, EBS gp3 and NAT price of us-east-1 was found and compared.
    const missing: string[] = report.regions['us-east-1'].missing;
    expect(missing.filter(m => /^(ec2|ebs|vpc)\./.test(m))).toEqual([]);
    expect(missing).toContain('rds.postgres.singleAz db.t3.micro');
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
    expect(fs.existsSync(path.join(catalogDir, 'eu-north-1.json'))).toBe(
      false,
    );
  });

  it('writes a region without a file with only the groups the snapshot answers completely, dated and sourced', () => {
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
    expect(report.regions['ap-northeast-1'].written).toBe(
      path.join(dir, 'ap-northeast-1.json'),
    );
    const text = fs.readFileSync(path.join(dir, 'ap-northeast-1.json'), 'utf8');
    const file = parseRegionCatalogFile(text, 'ap-northeast-1.json');
    const handMade = parseRegionCatalogFile(
      fs.readFileSync(path.join(catalogDir, 'ap-northeast-1.json'), 'utf8'),
      'ap-northeast-1.json',
    );
    expect(file.location).toBe('Asia Pacific (Tokyo)');
    expect(file.catalogVersion).toBe('2026.10.06');
    expect(file.sources['aws-price-list-snapshot'].retrieved).toBe(
      '2026-10-06',
    );
    expect(Object.keys(file.groups).sort()).toEqual([
      'cloudwatch.logs.ingest',
      'rds.storage.gp3.singleAz',
      's3.glacierFlexible',
      's3.standard',
      's3.standard.tiered',
    ]);
    for (const group of Object.keys(file.groups)) {
      const { source: _s, ...generated } = file.groups[group] as any;
      const { source: _h, ...expected } = handMade.groups[group] as any;
      expect({ group, ...generated }).toEqual({ group, ...expected });
    }
    // Incomplete groups are left out and named in the source note, never partly priced.
    expect(file.sources['aws-price-list-snapshot'].note).toContain(
      'rds.postgres.singleAz',
    );
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
