import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  resolveEnvironment,
  validateEnvironment,
} from '@terrace/plugin-environments-common';
import { estimateSpec } from '../../estimate/estimateSpec';
import { validateSpec } from '../../spec';
import { runCli } from '../../cli';
import { generateAwsTerraform } from '.';

/** The field cases of issue [3/9], kept beside the AWS tables in environments-common. */
const DIR = path.resolve(
  __dirname,
  '../../../../environments-common/src/clouds/aws/__fixtures__/field-cases',
);

function fieldCase(name: string): any {
  const file = fs.readdirSync(DIR).find(f => f.startsWith(`${name}-`))!;
  return parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
}

async function generate(spec: unknown) {
  const result = validateEnvironment(spec);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return generateAwsTerraform(resolveEnvironment(result.environment));
}

const TODAY = '2026-11-30';

describe('AWS field cases in generation', () => {
  it('G14: two long service names give two target groups, both within 32 characters', async () => {
    const tf = await generate(fieldCase('G14'));
    const names = [tf['service-worker-14.tf'], tf['service-worker-38.tf']].map(
      t =>
        /resource "aws_lb_target_group"[^]*?\n\s*name\s*= "([^"]+)"/.exec(
          t,
        )![1],
    );
    expect(names[0]).not.toBe(names[1]);
    for (const n of names) {
      expect(n).toMatch(/^payments-platform-stag-[0-9a-f]{6}-tg$/);
      expect(n.length).toBeLessThanOrEqual(32);
    }
  });

  it('G05a: Redis 5.0.6 gets the redis5.0 parameter group family and engine_version 5.0.6', async () => {
    const tf = (await generate(fieldCase('G05a')))['redis-cache.tf'];
    expect(tf).toMatch(/family\s+= "redis5\.0"/);
    expect(tf).toMatch(/engine_version\s+= "5\.0\.6"/);
  });

  it('G09: the final snapshot name carries a random_id suffix kept in state; output stays byte-deterministic', async () => {
    const spec = fieldCase('G09');
    const first = await generate(spec);
    const again = await generate(spec);
    expect(again).toEqual(first);
    const tf = first['postgres-db.tf'];
    expect(tf).toMatch(
      /resource "random_id" "db_final_snapshot" \{\n\s*byte_length = 4\n\s*keepers = \{\n\s*identifier = "pr-preview-db"\n\s*\}\n\}/,
    );
    expect(tf).toMatch(
      /final_snapshot_identifier\s+= "pr-preview-db-final-\$\{random_id\.db_final_snapshot\.hex\}"/,
    );
    // Its relative: a Secrets Manager name stays taken for the recovery window after a destroy.
    expect(tf).toMatch(
      /name\s+= "pr-preview\/db\/master-\$\{random_id\.db_master_secret_name\.hex\}"/,
    );
    expect(first['versions.tf']).toMatch(
      /random = \{\n\s*source\s+= "hashicorp\/random"\n\s*version = ">= 3\.6\.0, < 4\.0\.0"/,
    );
  });

  it('F04: me-central-1 validates (warning: no prices yet, and what builds them) and generates', async () => {
    const result = validateSpec(fieldCase('F04'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect((result.warnings ?? []).map(w => `${w.path}: ${w.message}`)).toEqual(
      [
        'spec.region: "me-central-1" has no prices in the aws price catalog yet, so it cannot be estimated (fully priced: ap-northeast-1, ap-southeast-2, eu-central-1, eu-west-1, us-east-1, us-west-2); ' +
          '`terrace prices refresh --cloud aws --region me-central-1` (credentials allowed pricing:GetProducts) writes its catalog file me-central-1.json with the prices the AWS Price List API answers (AmazonRDS, AmazonElastiCache, AmazonEC2, AWSELB, AmazonECS); ' +
          'the 14 other price groups (atlas.cluster, cloudfront.requests, cloudwatch.alarm, cloudwatch.logs.ingest, ecr.storage, kms.key, rds.performanceInsights.freeTier, s3.glacierFlexible, s3.standard, s3.standard.tiered, secretsManager.secret, ssm.parameter.standard, vpc.interfaceEndpoint.hour, vpc.publicIpv4.hour) must then be added to it, each with its source, before it can be estimated',
      ],
    );
    const tf = await generate(fieldCase('F04'));
    expect(tf['terraform.tfvars']).toContain('region = "me-central-1"');
  });
});

describe('AWS field cases in the estimate', () => {
  it('F06: CloudFront transfer is tiered at the price class edge rates: 10,240 × 0.085 + 10,240 × 0.08 = 1,689.60', () => {
    const result = estimateSpec(fieldCase('F06'), { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const line = result.estimate.lines.find(l =>
      l.description.startsWith('CloudFront data transfer out'),
    )!;
    expect(line).toMatchObject({
      quantity: 20480,
      unit: 'GB',
      monthly: 1689.6,
      tiers: [
        { quantity: 10240, unitPrice: 0.085 },
        { quantity: 10240, unitPrice: 0.08 },
      ],
    });
    expect(line.description).toContain(
      'PriceClass_100 edge rates, 20,480 GB (spec.usage.cdnTransferGb): 10,240 × 0.085 + 10,240 × 0.08 = 1,689.60',
    );
  });

  it('F06 relatives: PriceClass_All is priced at its costlier edge rates, whatever the region', () => {
    const spec = fieldCase('F06');
    spec.spec.components[1].priceClass = 'PriceClass_All';
    spec.spec.region = 'eu-west-1';
    const result = estimateSpec(spec, { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const line = result.estimate.lines.find(l =>
      l.description.startsWith('CloudFront data transfer out'),
    )!;
    // 10,240 × 0.12 + 10,240 × 0.1 = 2,252.80
    expect(line.monthly).toBe(2252.8);
  });

  it('S3 storage is tiered: 60,000 GB in us-east-1 = 51,200 × 0.023 + 8,800 × 0.022', () => {
    const spec = fieldCase('F06');
    spec.spec.components[0].storageGb = 60000;
    const result = estimateSpec(spec, { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const line = result.estimate.lines.find(l =>
      l.description.startsWith('S3 Standard storage'),
    )!;
    expect(line.monthly).toBe(1371.2);
    expect(line.description).toContain(
      '51,200 × 0.023 + 8,800 × 0.022 = 1,371.20',
    );
  });

  it('F07: PostgreSQL 12 on db.t3.small in us-east-1 adds Extended Support: 2 vCPU × 0.100 × 730 = 146.00', () => {
    const result = estimateSpec(fieldCase('F07'), { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const db = result.estimate.lines.filter(l => l.component === 'db');
    expect(
      db.find(l => l.description.includes('PostgreSQL 12,')),
    ).toMatchObject({ unitPrice: 0.036, monthly: 26.28 });
    expect(
      db.find(l => l.description.startsWith('RDS Extended Support')),
    ).toMatchObject({
      description:
        'RDS Extended Support, PostgreSQL 12 (Yr1-Yr2, 2025-03-01 to 2027-02-28), 2 vCPU × 1 instance (db.t3.small)',
      quantity: 1460,
      unit: 'vCPU-hours',
      unitPrice: 0.1,
      monthly: 146,
    });
    expect(result.warnings.map(w => w.path)).toEqual([
      'spec.components[0].version',
    ]);
  });

  it('F07 relatives: year 3 is charged at its own rate, and no charge before Extended Support begins', () => {
    const year3 = estimateSpec(fieldCase('F07'), { today: '2027-03-01' });
    if (!year3.ok) throw new Error(JSON.stringify(year3.problems));
    expect(
      year3.estimate.lines.find(l =>
        l.description.startsWith('RDS Extended Support'),
      ),
    ).toMatchObject({ unitPrice: 0.2, monthly: 292 });
    const before = estimateSpec(fieldCase('F07'), { today: '2025-02-28' });
    if (!before.ok) throw new Error(JSON.stringify(before.problems));
    expect(
      before.estimate.lines.some(l =>
        l.description.startsWith('RDS Extended Support'),
      ),
    ).toBe(false);
  });

  it('F07 in a region without a sourced Extended Support rate: said in the assumptions, never borrowed', () => {
    const spec = fieldCase('F07');
    spec.spec.region = 'eu-west-1';
    const result = estimateSpec(spec, { today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(
      result.estimate.lines.some(l =>
        l.description.startsWith('RDS Extended Support'),
      ),
    ).toBe(false);
    expect(result.estimate.assumptions).toContainEqual(
      expect.stringContaining(
        'Not priced: RDS Extended Support of db (PostgreSQL 12, Yr1-Yr2 since 2025-03-01) has no sourced eu-west-1 rate',
      ),
    );
  });

  it('F04: a region without prices is refused by the estimate with the reason and the way to price it', () => {
    const result = estimateSpec(fieldCase('F04'), { today: TODAY });
    expect(result.ok ? [] : result.problems.map(p => p.path)).toEqual([
      'spec.region',
    ]);
  });
});

/**
 * Every field case through the three commands a user runs, as the CLI runs them: `terrace
 * validate`, `terrace generate` (the repo the scaffolder action writes too) and the estimate.
 * A case added to the folder without a row here fails the first test.
 */
describe('every field case through validate, generate and estimate', () => {
  interface Expected {
    /** Paths of the problems validation refuses the spec with (none: valid). */
    refused: string[];
    /** Paths of validation warnings. */
    warnings: string[];
    /**
     * Files of the generated repo that must show something: every pattern must match, `null`
     * means the file must not be written. Only for valid specs.
     */
    generated?: Record<string, RegExp[] | null>;
    /**
     * The estimate: a line (by a part of its description) and its monthly amount when the case
     * is about the price, or the paths it is refused at.
     */
    estimate: { line: string; monthly?: number } | { refused: string[] };
  }
  const expected: Record<string, Expected> = {
    G01: {
      refused: ['metadata.name'],
      warnings: [],
      estimate: { refused: ['metadata.name'] },
    },
    G03: {
      refused: ['metadata.name'],
      warnings: [],
      estimate: { refused: ['metadata.name'] },
    },
    G14: {
      refused: [],
      warnings: [],
      generated: {
        'terraform/service-worker-14.tf': [
          /name\s+= "payments-platform-stag-[0-9a-f]{6}-tg"/,
        ],
        'terraform/service-worker-38.tf': [
          /name\s+= "payments-platform-stag-[0-9a-f]{6}-tg"/,
        ],
      },
      estimate: { line: 'Fargate vCPU' },
    },
    G05a: {
      refused: [],
      warnings: ['spec.components[0].version'],
      generated: {
        'terraform/redis-cache.tf': [
          /family\s+= "redis5\.0"/,
          /engine_version\s+= "5\.0\.6"/,
        ],
      },
      estimate: { line: 'Redis OSS 5.0.6' },
    },
    G09: {
      refused: [],
      warnings: [],
      generated: {
        'terraform/postgres-db.tf': [
          /resource "random_id" "db_final_snapshot"/,
          /final_snapshot_identifier\s+= "pr-preview-db-final-\$\{random_id\.db_final_snapshot\.hex\}"/,
        ],
      },
      estimate: { line: 'PostgreSQL 16' },
    },
    F04: {
      refused: [],
      warnings: ['spec.region'],
      generated: {
        'terraform/terraform.tfvars': [/region = "me-central-1"/],
        // Generated without an estimate; the README says why and how to price the region.
        'cost.json': null,
        'README.md': [
          /No estimate was produced for this environment: spec\.region: "me-central-1" has no aws price catalog yet/,
          /terrace prices refresh --cloud aws --region me-central-1/,
          /must then be added to it, each with its source, before it can be estimated/,
        ],
      },
      estimate: { refused: ['spec.region'] },
    },
    F06: {
      refused: [],
      warnings: [],
      estimate: { line: 'CloudFront data transfer out', monthly: 1689.6 },
    },
    F07: {
      refused: [],
      warnings: ['spec.components[0].version'],
      estimate: { line: 'RDS Extended Support', monthly: 146 },
    },
  };

  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-field-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const terrace = (...args: string[]) =>
    runCli(['node', 'terrace', ...args], {
      io: { out: () => {}, err: () => {} },
    });

  /** What a user sees of one case: exit codes, problem paths, generated files, estimate line. */
  async function observe(name: string, want: Expected) {
    const file = path.join(
      DIR,
      fs.readdirSync(DIR).find(f => f.startsWith(`${name}-`))!,
    );
    const validation = validateSpec(fieldCase(name));
    const repo = path.join(tmp, 'repo');
    const validateExit = await terrace('validate', file);
    const generateExit = await terrace('generate', file, '--out', repo);
    const read = (f: string) =>
      fs.existsSync(path.join(repo, f))
        ? fs.readFileSync(path.join(repo, f), 'utf8')
        : null;
    const estimate = estimateSpec(fieldCase(name), { today: TODAY });
    const wantLine = 'line' in want.estimate ? want.estimate.line : '';
    const line = estimate.ok
      ? estimate.estimate.lines.find(l => l.description.includes(wantLine))
      : undefined;
    return {
      refused: validation.ok ? [] : validation.problems.map(p => p.path),
      warnings: (validation.warnings ?? []).map(w => w.path),
      validateExit,
      generateExit,
      wroteRepo: fs.existsSync(path.join(repo, 'environment.yaml')),
      generated: Object.fromEntries(
        Object.entries(want.generated ?? {}).map(([f, patterns]) => {
          const text = read(f);
          return [
            f,
            text === null ? null : (patterns ?? []).filter(p => p.test(text)),
          ];
        }),
      ),
      estimate: estimate.ok
        ? { line: line ? wantLine : 'no such line', monthly: line?.monthly }
        : { refused: estimate.problems.map(p => p.path) },
    };
  }

  it('F04 in us-east-2, priced in part from the Price List snapshot: validates with the region warning, generates without cost.json, and the README names each missing price', async () => {
    const file = path.join(tmp, 'ohio.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(
          path.join(DIR, fs.readdirSync(DIR).find(f => f.startsWith('F04-'))!),
          'utf8',
        )
        .replace('region: me-central-1', 'region: us-east-2'),
    );
    const repo = path.join(tmp, 'repo');
    expect(await terrace('validate', file)).toBe(0);
    // The warning names what the file lacks and says how each is added: the refresh adds what
    // the Price List API answers, the rest needs researched prices.
    const validation = validateSpec(parse(fs.readFileSync(file, 'utf8')));
    expect(
      (validation.warnings ?? []).map(w => `${w.path}: ${w.message}`),
    ).toEqual([
      'spec.region: "us-east-2" is priced only in part in the aws price catalog (no prices for atlas.cluster, cloudfront.requests, cloudwatch.alarm, ecr.storage, elasticache.redis, elb.alb.hour, elb.alb.lcu, fargate.memory, fargate.vcpu, kms.key, rds.performanceInsights.freeTier, secretsManager.secret, ssm.parameter.standard, vpc.interfaceEndpoint.hour, vpc.publicIpv4.hour), so it cannot be estimated (fully priced: ap-northeast-1, ap-southeast-2, eu-central-1, eu-west-1, us-east-1, us-west-2); ' +
        '`terrace prices refresh --cloud aws --region us-east-2` (credentials allowed pricing:GetProducts) adds the ones the AWS Price List API answers (elasticache.redis, elb.alb.hour, elb.alb.lcu, fargate.memory, fargate.vcpu); add the others (atlas.cluster, cloudfront.requests, cloudwatch.alarm, ecr.storage, kms.key, rds.performanceInsights.freeTier, secretsManager.secret, ssm.parameter.standard, vpc.interfaceEndpoint.hour, vpc.publicIpv4.hour) to its catalog file us-east-2.json, each with its source',
    ]);
    expect(await terrace('generate', file, '--out', repo)).toBe(0);
    expect(fs.existsSync(path.join(repo, 'cost.json'))).toBe(false);
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(readme).toMatch(
      /No estimate was produced for this environment: spec\.region: no vpc\.publicIpv4\.hour price in us-east-2/,
    );
    expect(readme).toContain('no kms.key price in us-east-2');
    expect(
      fs.readFileSync(path.join(repo, 'terraform/terraform.tfvars'), 'utf8'),
    ).toContain('region = "us-east-2"');
  });

  it('has a row for every field case in the folder', () => {
    const cases = fs
      .readdirSync(DIR)
      .filter(f => f.endsWith('.yaml'))
      .map(f => f.split('-')[0])
      .sort();
    expect(cases).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s', async name => {
    const want = expected[name];
    const valid = want.refused.length === 0;
    const seen = await observe(name, want);
    expect(seen).toEqual({
      refused: want.refused,
      warnings: want.warnings,
      validateExit: valid ? 0 : 1,
      generateExit: valid ? 0 : 1,
      wroteRepo: valid,
      generated: want.generated ?? {},
      estimate:
        'refused' in want.estimate
          ? want.estimate
          : {
              line: want.estimate.line,
              // A price the case is not about must still be there and above zero.
              monthly: want.estimate.monthly ?? seen.estimate.monthly,
            },
    });
    expect(seen.estimate.monthly ?? 1).toBeGreaterThan(0);
  });
});
