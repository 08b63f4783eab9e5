import type { Estimate } from '@terrace/plugin-environments-common';
import { formatEstimateTable } from './format';

const estimate: Estimate = {
  currency: 'USD',
  monthly: 69.35,
  hoursPerMonth: 730,
  prices: {
    source: 'Terrace AWS price catalog 2026.11.0, us-east-1',
    retrieved: '2026-11-25',
  },
  lines: [
    {
      component: 'db',
      resource: 'aws_db_instance.db',
      description: 'db.t3.small PostgreSQL 16, single-AZ',
      quantity: 730,
      unit: 'hours',
      unitPrice: 0.036,
      monthly: 26.28,
    },
    {
      component: 'api',
      resource: 'aws_ecs_service.api',
      description: 'Fargate memory | 1 GB',
      quantity: 1460,
      unit: 'GB-hours',
      unitPrice: 0.004445,
      monthly: 6.49,
    },
    {
      component: 'network',
      resource: 'aws_nat_gateway.this',
      description: 'NAT gateway, 1 gateway',
      quantity: 730,
      unit: 'hours',
      unitPrice: 0.045,
      monthly: 32.85,
    },
    {
      component: 'app',
      resource: 'aws_ssm_parameter.app',
      description: 'SSM',
      quantity: 2,
      unit: 'parameter-months',
      unitPrice: 0,
      monthly: 0,
    },
    {
      component: 'cdn',
      resource: 'aws_cloudfront_distribution.cdn',
      description: 'transfer',
      quantity: 1000,
      unit: 'GB',
      unitPrice: 0.00373,
      monthly: 3.73,
    },
  ],
};

describe('formatEstimateTable', () => {
  it('prints a padded table with every column and the total', () => {
    const text = formatEstimateTable(estimate);
    const rows = text.split('\n');
    expect(rows[0]).toMatch(
      /^Component\s+Resource\s+Description\s+Quantity\s+Unit price\s+Monthly$/,
    );
    expect(text).toContain('db.t3.small PostgreSQL 16, single-AZ');
    expect(text).toMatch(/730 hours\s+\$0\.036\s+\$26\.28/);
    expect(text).toMatch(/1,460 GB-hours\s+\$0\.004445\s+\$6\.49/);
    expect(text).toMatch(/2 parameter-months\s+\$0\.00\s+\$0\.00/);
    expect(rows.find(r => r.startsWith('Total'))).toMatch(/\$69\.35$/);
    expect(text).toContain(
      'prices: Terrace AWS price catalog 2026.11.0, us-east-1, retrieved 2026-11-25',
    );
    // right-aligned money: every "Monthly" cell ends in the same column
    const ends = rows.filter(r => /\$\d/.test(r)).map(r => r.length);
    expect(new Set(ends).size).toBe(1);
  });

  it('prints a markdown table for the README, escaping pipes', () => {
    const md = formatEstimateTable(estimate, 'markdown');
    const rows = md.split('\n');
    expect(rows[0]).toBe(
      '| Component | Resource | Description | Quantity | Unit price | Monthly |',
    );
    expect(rows[1]).toBe('| --- | --- | --- | ---: | ---: | ---: |');
    expect(md).toContain(
      '| api | aws_ecs_service.api | Fargate memory \\| 1 GB | 1,460 GB-hours | $0.004445 | $6.49 |',
    );
    expect(md).toContain('| **Total** |  |  |  |  | **$69.35** |');
  });
});
