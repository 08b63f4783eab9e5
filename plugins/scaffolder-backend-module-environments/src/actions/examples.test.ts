/**
 * Every action's examples run as tests: each example's step input is checked against the
 * action's own schema and then run.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { Validator } from 'jsonschema';
import yaml from 'yaml';
import { createApplyTerraformAction } from './applyTerraform';
import { createEstimateEnvironmentAction } from './estimateEnvironment';
import { createGenerateEnvironmentAction } from './generateEnvironment';
import { generateEnvironmentFiles } from '../generator';
import { createPublishGitAction } from './publishGit';
import { createRegisterCatalogAction } from './registerCatalog';
import { mockContext } from './__testUtils__';

jest.setTimeout(120_000);

const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const SPEC = [
  'apiVersion: terrace.dev/v1alpha1',
  'kind: Environment',
  'metadata: { name: shop-dev, owner: group:default/shop }',
  'spec:',
  '  cloud: aws',
  '  region: ap-southeast-2',
  '  tier: dev',
  '  components: [{ name: db, type: postgres }]',
].join('\n');

let root: string;
let workspacePath: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-examples-'));
  workspacePath = path.join(root, 'workspace');
  for (const dir of ['', 'repo', 'terraform']) {
    await fs.mkdir(path.join(workspacePath, dir), { recursive: true });
  }
  await fs.writeFile(path.join(workspacePath, 'environment.yaml'), SPEC);
  await fs.writeFile(
    path.join(workspacePath, 'repo', 'catalog-info.yaml'),
    'kind: Resource\n',
  );
  await fs.writeFile(
    path.join(workspacePath, 'terraform', 'main.tf'),
    'resource "terraform_data" "x" {\n  input = "example"\n}\n',
  );
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

function exampleInputs(action: TemplateAction<any, any, any>) {
  return (action.examples ?? []).map(e => {
    const doc = yaml.parse(e.example);
    return [e.description, doc.steps[0].action, doc.steps[0].input] as const;
  });
}

/** Runs each example: its input must satisfy the schema and the handler must succeed. */
async function runExamples(
  action: TemplateAction<any, any, any>,
  substitute: (input: any) => any = i => i,
  check: (ctx: any, description: string) => void | Promise<void> = () => {},
) {
  const examples = exampleInputs(action);
  expect(examples.length).toBeGreaterThan(0);
  for (const [description, id, rawInput] of examples) {
    expect(id).toBe(action.id);
    const input = substitute(rawInput);
    const result = new Validator().validate(input, action.schema!.input as any);
    expect({ description, errors: result.errors.map(e => e.stack) }).toEqual({
      description,
      errors: [],
    });
    const ctx = mockContext({ input, workspacePath });
    await action.handler(ctx);
    await check(ctx, description);
  }
}

describe('action examples run as tests', () => {
  it('terrace:environment:generate', async () => {
    await runExamples(
      createGenerateEnvironmentAction({ generate: generateEnvironmentFiles }),
      undefined,
      ctx =>
        expect(ctx.output).toHaveBeenCalledWith(
          'entityRef',
          'resource:default/shop-dev',
        ),
    );
    await expect(
      fs.stat(path.join(workspacePath, 'repo', 'terraform', 'main.tf')),
    ).resolves.toBeDefined();
  });

  it('terrace:environment:estimate', async () => {
    await runExamples(createEstimateEnvironmentAction(), undefined, ctx => {
      expect(ctx.output).toHaveBeenCalledWith('monthly', expect.any(Number));
    });
  });

  it('terrace:git:publish', async () => {
    let n = 0;
    const settings = {
      localRoot: path.join(root, 'repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    // each example publishes its own repository
    await runExamples(
      createPublishGitAction({ settings }),
      input => ({ ...input, name: `${input.name}-${++n}` }),
      ctx =>
        expect(ctx.output).toHaveBeenCalledWith(
          'commitHash',
          expect.stringMatching(/^[0-9a-f]{40}$/),
        ),
    );
  });

  it('terrace:terraform:apply', async () => {
    const settings = {
      executor: 'local' as const,
      allowedExecutors: ['local' as const, 'ci' as const],
      binary,
      timeoutMs: 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };
    await runExamples(
      createApplyTerraformAction({
        settings,
        permissions: mockServices.permissions({
          result: AuthorizeResult.ALLOW,
        }),
      }),
      input => ({
        ...input,
        approved:
          input.approved === '${{ parameters.approved }}'
            ? true
            : input.approved,
      }),
      ctx =>
        expect(ctx.output).toHaveBeenCalledWith(
          'status',
          expect.stringMatching(/applied|planned|delegated/),
        ),
    );
  });

  it('terrace:catalog:register', async () => {
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockResolvedValue({ location: {}, entities: [] }),
      getEntityByRef: jest.fn().mockResolvedValue({ kind: 'Resource' }),
      refreshEntity: jest.fn().mockResolvedValue(undefined),
    });
    await runExamples(
      createRegisterCatalogAction({
        catalog,
        auth: mockServices.auth(),
        waitSeconds: 1,
      }),
      input => ({
        ...input,
        catalogInfoUrl: input.catalogInfoUrl.startsWith('${{')
          ? `file://${path.join(workspacePath, 'repo', 'catalog-info.yaml')}`
          : input.catalogInfoUrl,
      }),
      ctx =>
        expect(ctx.output).toHaveBeenCalledWith(
          'locationRef',
          expect.any(String),
        ),
    );
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'file',
        target: path.join(workspacePath, 'repo', 'catalog-info.yaml'),
      },
      expect.anything(),
    );
  });
});
