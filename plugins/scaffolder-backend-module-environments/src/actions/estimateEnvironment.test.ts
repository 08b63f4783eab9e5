import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createEstimateEnvironmentAction } from './estimateEnvironment';
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
      `**Estimated monthly cost: ${outputs.monthly.toFixed(2)} USD**`,
    );
    expect(outputs.markdown).toContain('| db |');
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
