import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateEnvironment } from '../../spec/validate';
import { awsComponentNames, awsNameViolations } from './names';
import { awsEngineVersion } from './engines';

const TODAY = '2026-11-30';

function fieldCase(name: string): any {
  const dir = path.join(__dirname, '__fixtures__', 'field-cases');
  const file = fs.readdirSync(dir).find(f => f.startsWith(`${name}-`))!;
  return parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

function validate(spec: unknown) {
  const result = validateEnvironment(spec, { today: TODAY });
  return {
    problems: result.ok
      ? []
      : result.problems.map(p => `${p.path}: ${p.message}`),
    warnings: result.warnings.map(p => `${p.path}: ${p.message}`),
  };
}

function withName(spec: any, name: string) {
  return { ...spec, metadata: { ...spec.metadata, name } };
}

describe('AWS field cases in validation', () => {
  it('G01: refuses an environment whose load balancer name would begin with internal-', () => {
    expect(validate(fieldCase('G01')).problems).toEqual([
      'metadata.name: makes AWS names that AWS refuses: load balancer name "internal-tools-api" must not begin with "internal-" (reserved by AWS)',
    ]);
  });

  it('G03: refuses an environment name whose RDS identifiers would hold two hyphens in a row', () => {
    const { problems } = validate(fieldCase('G03'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^metadata\.name: makes AWS names that AWS refuses: /,
    );
    expect(problems[0]).toContain(
      'RDS DB instance identifier "shop--dev-db" must not contain two hyphens in a row',
    );
  });

  it('G14: accepts two long service names, whose target groups stay distinct within 32 characters', () => {
    expect(validate(fieldCase('G14')).problems).toEqual([]);
    const a = awsComponentNames('payments-platform-staging', 'worker-14');
    const b = awsComponentNames('payments-platform-staging', 'worker-38');
    expect(a.targetGroup).not.toEqual(b.targetGroup);
    for (const n of [a.targetGroup, b.targetGroup]) {
      expect(n.length).toBeLessThanOrEqual(32);
      expect(n.endsWith('-tg')).toBe(true);
      expect(awsNameViolations('aws_lb_target_group.name', n)).toEqual([]);
    }
  });

  it('G05a: accepts Redis 5.0.6 with family redis5.0, and warns that standard support ended', () => {
    const { problems, warnings } = validate(fieldCase('G05a'));
    expect(problems).toEqual([]);
    expect(awsEngineVersion('redis', '5.0.6')).toMatchObject({
      family: 'redis5.0',
      engineVersion: '5.0.6',
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^spec\.components\[0\]\.version: Redis OSS 5 left standard support on 2026-01-31/,
      ),
    ]);
  });

  it('F07: accepts PostgreSQL 12 with a warning naming its Extended Support dates', () => {
    const { problems, warnings } = validate(fieldCase('F07'));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'spec.components[0].version: PostgreSQL 12 left standard support on 2025-02-28; it is in paid RDS Extended Support (Yr1-Yr2, 2025-03-01 to 2027-02-28, charged per vCPU-hour and in the estimate) until 2028-02-29, when RDS upgrades it',
    ]);
  });

  it('F04: accepts me-central-1 (no catalog narrows the regions here)', () => {
    expect(validate(fieldCase('F04')).problems).toEqual([]);
  });

  it('G09: accepts the spec; the final snapshot name is completed by a suffix kept in state', () => {
    expect(validate(fieldCase('G09')).problems).toEqual([]);
    expect(awsComponentNames('pr-preview', 'db').finalSnapshotPrefix).toBe(
      'pr-preview-db-final-',
    );
  });
});

describe('AWS naming rules close the kind, not the case', () => {
  const base = () => fieldCase('G09');

  it('refuses an environment name beginning with sg- when it makes security groups', () => {
    expect(validate(withName(base(), 'sg-tools')).problems).toEqual([
      'metadata.name: makes AWS names that AWS refuses: security group name "sg-tools-db" must not begin with "sg-" (reserved by AWS)',
    ]);
  });

  it('blames the component when its own name breaks a rule (trailing hyphen)', () => {
    const spec = base();
    spec.spec.components[0].name = 'db-';
    expect(validate(spec).problems).toEqual([
      expect.stringMatching(
        /^spec\.components\[0\]\.name: makes AWS names that AWS refuses: .*"pr-preview-db-" must not end with a hyphen/,
      ),
    ]);
  });

  it('refuses a registry name with two hyphens in a row (ECR)', () => {
    const spec = base();
    spec.spec.components = [{ name: 'img--x', type: 'registry' }];
    expect(validate(spec).problems).toEqual([
      expect.stringMatching(
        /^spec\.components\[0\]\.name: makes AWS names that AWS refuses: ECR repository name "pr-preview-img--x"/,
      ),
    ]);
  });

  it('refuses secrets of an environment whose name begins with ssm (reserved SSM parameter prefix)', () => {
    const spec = withName(base(), 'ssm-tools');
    spec.spec.components = [{ name: 'app', type: 'secrets', names: ['k'] }];
    expect(validate(spec).problems).toEqual([
      'metadata.name: makes AWS names that AWS refuses: SSM parameter name "/ssm-tools/app/k" must not begin with "/ssm" (reserved by AWS)',
    ]);
  });

  it('refuses two components whose generated names would be the same', () => {
    const spec = base();
    spec.spec.components = [
      { name: 'api', type: 'service', image: 'nginx:1', port: 80 },
      { name: 'api-alb', type: 'service', image: 'nginx:1', port: 80 },
    ];
    expect(validate(spec).problems).toEqual([
      expect.stringContaining(
        'spec.components[1].name: makes AWS names that AWS refuses: security group name "pr-preview-api-alb" is already the name of spec.components[0]',
      ),
    ]);
  });
});

describe('AWS engine versions', () => {
  it('refuses a PostgreSQL version RDS does not run, listing the supported ones', () => {
    const spec = fieldCase('G09');
    spec.spec.components[0].version = '10';
    expect(validate(spec).problems).toEqual([
      'spec.components[0].version: "10" is not a version RDS for PostgreSQL runs (supported: 11, 11.<minor>; 12, 12.<minor>; 13, 13.<minor>; 14, 14.<minor>; 15, 15.<minor>; 16, 16.<minor>; 17, 17.<minor>)',
    ]);
  });

  it('refuses a Redis version ElastiCache does not run', () => {
    const spec = fieldCase('G05a');
    spec.spec.components[0].version = '4.0';
    expect(validate(spec).problems).toEqual([
      'spec.components[0].version: "4.0" is not a version ElastiCache for Redis OSS runs (supported: 5.0.6; 6.0, 6.2; 7.0, 7.1)',
    ]);
  });

  it.each([
    ['redis', '6.2', 'redis6.x', '6.2'],
    ['redis', '6', 'redis6.x', '6.2'],
    ['redis', '7.1', 'redis7', '7.1'],
    ['redis', '5', 'redis5.0', '5.0.6'],
    ['valkey', '7.2', 'valkey7', '7.2'],
    ['valkey', '8', 'valkey8', '8.1'],
    ['postgres', '16', 'postgres16', '16'],
    ['postgres', '15.6', 'postgres15', '15.6'],
  ] as const)(
    '%s %s: family %s, engine_version %s',
    (engine, v, family, ev) => {
      expect(awsEngineVersion(engine, v)).toMatchObject({
        family,
        engineVersion: ev,
      });
    },
  );

  it('does not warn about a version in standard support', () => {
    expect(validate(fieldCase('F04')).warnings).toEqual([]);
  });
});
