import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  createEstimateEnvironmentAction,
  estimateMarkdown,
} from './estimateEnvironment';
import { mockContext } from './__testUtils__';

const form = {
  name: 'shop-dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'ap-southeast-2',
  tier: 'dev',
  components: [{ name: 'db', type: 'postgres' }],
};

describe('terrace:environment:estimate', () => {
  let workspacePath: string;
  beforeEach(async () => {
    workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'terrace-estimate-'),
    );
  });
  afterEach(() => fs.rm(workspacePath, { recursive: true, force: true }));

  it('outputs the total, the itemised lines and a markdown table', async () => {
    const ctx = mockContext({ input: form, workspacePath });
    await createEstimateEnvironmentAction().handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.currency).toBe('USD');
    expect(outputs.monthly).toBeGreaterThan(0);
    expect(outputs.lines.some((l: any) => l.component === 'db')).toBe(true);
    const sum = outputs.lines.reduce((s: number, l: any) => s + l.monthly, 0);
    expect(outputs.monthly).toBeCloseTo(sum, 1);
    expect(outputs.markdown).toContain(
      `**Estimated monthly cost: ${outputs.monthly.toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      })} USD**`,
    );
    expect(outputs.markdown).toContain('| db |');
  });

  it('keeps unit prices at the precision they have, so quantity x unit price = the line', () => {
    const markdown = estimateMarkdown({
      currency: 'USD',
      monthly: 8285,
      hoursPerMonth: 730,
      prices: { source: 'test list', retrieved: '2026-11-01' },
      lines: [
        {
          component: 'db',
          resource: 'aws_db_instance.db',
          description: 'gp3 storage',
          quantity: 60000,
          unit: 'GB-months',
          unitPrice: 0.138,
          monthly: 8280,
        },
        {
          component: 'assets',
          resource: 'aws_s3_bucket.assets',
          description: 'PUT requests',
          quantity: 1000,
          unit: 'thousand requests',
          unitPrice: 0.005,
          monthly: 5,
        },
      ],
    });
    expect(markdown).toContain(
      '| Component | What | Quantity | Unit price (USD) | Monthly (USD) |',
    );
    expect(markdown).toContain(
      '| db | gp3 storage | 60,000 GB-months | 0.138 | 8,280.00 |',
    );
    expect(markdown).toContain(
      '| assets | PUT requests | 1,000 thousand requests | 0.005 | 5.00 |',
    );
    expect(markdown).toContain('**Estimated monthly cost: 8,285.00 USD**');
  });

  it('estimates an environment.yaml from the workspace the same as the form', async () => {
    const viaForm = mockContext({ input: form, workspacePath });
    await createEstimateEnvironmentAction().handler(viaForm);
    await fs.writeFile(
      path.join(workspacePath, 'environment.yaml'),
      [
        'apiVersion: terrace.dev/v1alpha1',
        'kind: Environment',
        'metadata: { name: shop-dev, owner: group:default/shop }',
        'spec:',
        '  cloud: aws',
        '  region: ap-southeast-2',
        '  tier: dev',
        '  components: [{ name: db, type: postgres }]',
      ].join('\n'),
    );
    const viaFile = mockContext({
      input: { specPath: 'environment.yaml' },
      workspacePath,
    });
    await createEstimateEnvironmentAction().handler(viaFile);
    const monthly = (ctx: any) =>
      (ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'monthly')[1];
    expect(monthly(viaFile)).toBe(monthly(viaForm));
  });

  it('lists every problem with its field path', async () => {
    const ctx = mockContext({
      input: {
        ...form,
        region: 'mars-1',
        components: [{ name: 'Bad Name', type: 'postgres' }],
      },
      workspacePath,
    });
    const error = await createEstimateEnvironmentAction()
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^The environment cannot be estimated: \d+ problems?/,
    );
    expect(error.message).toMatch(/\nspec\.region: /);
    expect(error.message).toMatch(/\nspec\.components\[0\]\.name: /);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('lets a valid spec in a region without prices yet go on, saying how to price it (F04)', async () => {
    const ctx = mockContext({
      input: { ...form, region: 'me-central-1' },
      workspacePath,
    });
    await createEstimateEnvironmentAction().handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(Object.keys(outputs)).toEqual(['markdown']);
    expect(outputs.markdown).toMatch(
      /^\*\*No estimate yet\.\*\* spec\.region: "me-central-1" has no aws price catalog yet, .*`terrace prices refresh --cloud aws --region me-central-1` .* writes its catalog file me-central-1\.json .*; the \d+ other price groups \(.*\) must then be added to it, each with its source, before it can be estimated$/,
    );
  });

  it('refuses a spec given two ways', async () => {
    const ctx = mockContext({
      input: { ...form, specPath: 'environment.yaml' },
      workspacePath,
    });
    await expect(
      createEstimateEnvironmentAction().handler(ctx),
    ).rejects.toThrow(
      'Give the environment as one of `spec`, `specPath` or the form fields, not several',
    );
  });
});
