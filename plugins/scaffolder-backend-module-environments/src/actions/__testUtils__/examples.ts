/**
 * Runs an action's examples as tests: each example's step input must satisfy the action's own
 * input schema, and the handler must succeed with it in a prepared workspace.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { Validator } from 'jsonschema';
import yaml from 'yaml';
import { mockContext } from './index';

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

/**
 * A temporary folder with a task workspace holding what the examples refer to: an
 * environment.yaml, a `repo/catalog-info.yaml` and a provider-free `terraform/` root module.
 */
export async function exampleWorkspace() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-examples-'));
  const workspacePath = path.join(root, 'workspace');
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
  return {
    root,
    workspacePath,
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/**
 * Runs each example of the action; `substitute` fills in template expressions, `context` adds to
 * each run's context (e.g. the task's user).
 */
export async function runExamples(
  action: TemplateAction<any, any, any>,
  workspacePath: string,
  substitute: (input: any) => any = i => i,
  check: (ctx: any, description: string) => void | Promise<void> = () => {},
  context: Partial<ActionContext<any, any>> = {},
) {
  const examples = action.examples ?? [];
  expect(examples.length).toBeGreaterThan(0);
  for (const example of examples) {
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const input = substitute(step.input);
    const result = new Validator().validate(input, action.schema!.input as any);
    expect({
      description: example.description,
      errors: result.errors.map(e => e.stack),
    }).toEqual({ description: example.description, errors: [] });
    const ctx = mockContext({ ...context, input, workspacePath });
    await action.handler(ctx);
    await check(ctx, example.description);
  }
}
