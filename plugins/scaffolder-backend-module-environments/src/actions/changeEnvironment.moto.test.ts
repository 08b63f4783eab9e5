/**
 * `terrace:environment:change` with a real plan: an environment (a bucket) created by the
 * Create template's steps (generate, publish to the local repository, apply with the local
 * executor: Terraform 1.5.7 and the real AWS provider against the moto emulator on 127.0.0.1),
 * then changed through the action — a Redis cache added. The plan the change carries is
 * Terraform's own, against the applied state. Host-side files point Terraform at moto, as in
 * applyTerraform.moto.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsEmulatorProviderOverride,
  EnvironmentLocks,
  estimateCostDelta,
  s3BackendEmulatorConfig,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import type { PublishSettings, TerraformSettings } from '../config';
import { createApplyTerraformAction } from './applyTerraform';
import { createChangeEnvironmentAction } from './changeEnvironment';
import { generateEnvironmentFiles } from '../generator';
import { git } from './git';
import { createLocalEnvironment, mockContext } from './__testUtils__';

jest.setTimeout(20 * 60_000);

const MOTO = process.env.TERRACE_MOTO_ENDPOINT ?? 'http://127.0.0.1:5000';
const REGION = 'eu-west-1';
const BINARY = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIATERRACETEST00001',
  AWS_SECRET_ACCESS_KEY: 'moto-secret-change',
};

function awsClientConfig() {
  return {
    endpoint: MOTO,
    region: REGION,
    forcePathStyle: true,
    credentials: {
      accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  };
}

/** The state bucket and lock table the generated README names, created as a user would. */
async function createStateBackend(readme: string) {
  const match =
    /S3 bucket `([^`]+)` under `([^`]+)`, locked with the DynamoDB table `([^`]+)`/.exec(
      readme,
    );
  if (!match) throw new Error('the README does not name the state bucket');
  await new S3Client(awsClientConfig())
    .send(
      new CreateBucketCommand({
        Bucket: match[1],
        CreateBucketConfiguration: {
          LocationConstraint: REGION as BucketLocationConstraint,
        },
      }),
    )
    .catch(e => {
      if (!/BucketAlreadyOwnedByYou/.test(e.name)) throw e;
    });
  await new DynamoDBClient(awsClientConfig())
    .send(
      new CreateTableCommand({
        TableName: match[3],
        AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    .catch(e => {
      if (!/ResourceInUse/.test(e.name)) throw e;
    });
}

describe('terrace:environment:change, local executor plan on moto', () => {
  const environment = `c${Math.random().toString(36).slice(2, 7)}-shop-dev`;
  const form = {
    name: environment,
    owner: 'group:default/shop',
    cloud: 'aws',
    region: REGION,
    tier: 'dev',
    components: [{ name: 'assets', type: 'bucket' }],
  };
  let root: string;
  let publish: PublishSettings;
  let terraform: TerraformSettings;
  let bare: string;

  beforeAll(async () => {
    const res = await fetch(`${MOTO}/moto-api/`).catch(e => e as Error);
    if (res instanceof Error || !res.ok) {
      throw new Error(
        `moto is not reachable at ${MOTO}: start it (scripts/moto-env.sh) and export TERRACE_MOTO_ENDPOINT`,
      );
    }
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-change-'));
    publish = {
      localRoot: path.join(root, 'repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    const host = path.join(root, 'host');
    await fs.mkdir(host);
    const version = JSON.parse(
      execFileSync(BINARY, ['version', '-json'], {
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      }).toString(),
    ).terraform_version as string;
    await fs.writeFile(
      path.join(host, 'moto.tf'),
      awsEmulatorProviderOverride({ endpoint: MOTO }),
    );
    await fs.writeFile(
      path.join(host, 'moto.s3.tfbackend'),
      s3BackendEmulatorConfig({ endpoint: MOTO, terraformVersion: version }),
    );
    terraform = {
      executor: 'local',
      allowedExecutors: ['local', 'ci'],
      binary: BINARY,
      local: {
        overrideFiles: [path.join(host, 'moto.tf')],
        backendConfigFiles: [path.join(host, 'moto.s3.tfbackend')],
      },
      timeoutMs: 15 * 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };

    // created as the Create template does it, and applied
    bare = await createLocalEnvironment(root, publish, form);
    const checkout = path.join(publish.localRoot, environment);
    await createStateBackend(
      await fs.readFile(path.join(checkout, 'README.md'), 'utf8'),
    );
    const applyWorkspace = path.join(root, 'apply');
    await git(['clone', '--quiet', bare, applyWorkspace], root);
    await createApplyTerraformAction({
      settings: terraform,
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    }).handler(
      mockContext({
        input: {
          environment,
          tier: 'dev',
          executor: 'local',
          credentials: CREDENTIALS,
        },
        workspacePath: applyWorkspace,
      }),
    );
  });
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("adds a redis: the change carries Terraform's plan of just the cache, and its cost lines", async () => {
    const workspacePath = path.join(root, 'change');
    await fs.mkdir(workspacePath);
    const logger = {
      info: jest.fn(),
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    } as any;
    const ctx = mockContext({
      logger,
      input: {
        ...form,
        components: [...form.components, { name: 'cache', type: 'redis' }],
        executor: 'local',
        credentials: CREDENTIALS,
      },
      workspacePath,
    });
    await createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform,
    }).handler(ctx);

    const output = (name: string) =>
      (ctx.output as jest.Mock).mock.calls.find(c => c[0] === name)?.[1];
    const plan = output('plan');
    // only what the cache brings is planned: the applied bucket and network stay as they are
    expect(plan.change).toBe(0);
    expect(plan.destroy).toBe(0);
    expect(plan.replace).toEqual([]);
    expect(plan.add).toBeGreaterThan(0);
    const addresses: string[] = plan.resources.map((r: any) => r.address);
    expect(addresses).toContain('aws_elasticache_replication_group.cache');
    expect(addresses.every(a => /cache/.test(a))).toBe(true);
    expect(
      plan.resources.every((r: any) => r.actions.join() === 'create'),
    ).toBe(true);
    expect(output('planSummary')).toBe(
      `Plan: ${plan.add} to add, 0 to change, 0 to destroy.`,
    );

    // the description on the branch carries the plan and the + lines with their amounts
    const branch = output('branch');
    const description = await git(
      ['show', `${branch}:.terrace/changes/${ctx.task.id}.md`],
      bare,
    );
    expect(description).toContain(
      `\`Plan: ${plan.add} to add, 0 to change, 0 to destroy.\` (local executor)`,
    );
    expect(description).toContain(
      '- `+ aws_elasticache_replication_group.cache` create',
    );
    const delta = estimateCostDelta(
      yaml.parse(await git(['show', 'main:environment.yaml'], bare)),
      yaml.parse(await git(['show', `${branch}:environment.yaml`], bare)),
    );
    if (!delta.ok) throw new Error(delta.reason);
    for (const line of delta.lines.filter(l => l.change === 'added')) {
      expect(description).toContain(
        `| + cache | ${line.item} | \`${line.resource}\` | $0.00 |`,
      );
    }
    // the plan's credentials never reach the description or the log
    const logged = JSON.stringify(logger.info.mock.calls);
    expect(description).not.toContain(CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    expect(logged).not.toContain(CREDENTIALS.AWS_SECRET_ACCESS_KEY);
  });
});
