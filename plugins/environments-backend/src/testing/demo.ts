/**
 * The demo on the product's own path (scripts/demo.sh, `bin/demo`): with the portal running on
 * app-config.demo.yaml (executor `local`, every AWS call of Terraform going to moto), creates
 * the example environments the way a user would — the Create environment template, through the
 * scaffolder REST API, signed in as the guest — so each one's repository, cost.json, catalog
 * entity and cloud resources come from Terrace itself. Then it seeds only what no API can
 * produce on a fresh emulator, each step saying so.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { alarmName } from '@terrace/plugin-environments-common';
import { stateLocation } from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import { costPeriods } from '../readers/costTally';
import {
  assertMotoReachable,
  costAndUsageResult,
  motoEndpoint,
  MotoSeeder,
} from './moto';

/** moto's default account: keys that are not moto's special ones all land in it. */
const ACCOUNT_ID = '123456789012';

/** One example: the Create environment form's values (examples/demo/<name>.yaml). */
export interface DemoEnvironment {
  name: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  cloud: 'aws';
  region: string;
  tier: 'dev' | 'staging' | 'prod';
  components: Array<Record<string, unknown>>;
}

/** Reads the examples' form values, in file name order. */
export async function readDemoEnvironments(
  dir: string,
): Promise<DemoEnvironment[]> {
  const files = (await fs.readdir(dir)).filter(f => f.endsWith('.yaml')).sort();
  return Promise.all(
    files.map(
      async f =>
        yaml.parse(
          await fs.readFile(path.join(dir, f), 'utf8'),
        ) as DemoEnvironment,
    ),
  );
}

function aws(region: string) {
  // the demo's dummy keys (moto accepts any); scripts/demo.sh exports them for the backend too
  return {
    endpoint: motoEndpoint(),
    region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'moto',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'moto',
    },
  };
}

/**
 * The one-time set-up the generated README asks for, per region of the portal's account (the
 * demo's app config lists one, so environments are placed in it): the state bucket (versioned)
 * and the lock table (key `LockID`), named as the generator names them. Not a seed: a user does
 * the same with the AWS CLI once per account and region.
 */
export async function createStateBackends(regions: string[]) {
  for (const region of [...new Set(regions)]) {
    const { bucket, dynamodbTable } = stateLocation({
      env: { accountId: ACCOUNT_ID, region, name: 'any' },
    } as never);
    const s3 = new S3Client(aws(region));
    await s3
      .send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(region !== 'us-east-1' && {
            CreateBucketConfiguration: {
              LocationConstraint: region as BucketLocationConstraint,
            },
          }),
        }),
      )
      .catch(e => {
        if (!/BucketAlreadyOwnedByYou/.test(e.name)) throw e;
      });
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    await new DynamoDBClient(aws(region))
      .send(
        new CreateTableCommand({
          TableName: dynamodbTable,
          AttributeDefinitions: [
            { AttributeName: 'LockID', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      )
      .catch(e => {
        if (!/ResourceInUse/.test(e.name)) throw e;
      });
  }
}

/** The portal's REST API as the signed-in guest (the sign-in page's own call). */
export class PortalClient {
  private token?: string;
  constructor(readonly baseUrl: string) {}

  async waitUntilUp(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`${this.baseUrl}/api/catalog/entities?limit=1`);
        if (res.status === 401 || res.ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the portal did not answer on ${this.baseUrl} within ${
            timeoutMs / 1000
          } s`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  private async auth() {
    if (!this.token) {
      const res = await fetch(`${this.baseUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!res.ok) throw new Error(`guest sign-in answered HTTP ${res.status}`);
      this.token = ((await res.json()) as any).backstageIdentity.token;
    }
    return { authorization: `Bearer ${this.token}` };
  }

  async get(url: string) {
    const res = await fetch(`${this.baseUrl}${url}`, {
      headers: await this.auth(),
    });
    return {
      status: res.status,
      body: res.ok ? await res.json() : await res.text(),
    };
  }

  async post(url: string, body: unknown) {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method: 'POST',
      headers: { ...(await this.auth()), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as any,
    };
  }
}

/**
 * Runs the Create environment template for one example, as the form's Create button does, and
 * streams the task's log; resolves with the task's output, throws with the log tail on failure.
 */
export async function createEnvironment(
  portal: PortalClient,
  env: DemoEnvironment,
  log: (line: string) => void,
): Promise<Record<string, any>> {
  const values = {
    ...env,
    executor: 'local',
    // prod applies only with approval (and the apply permission, which the demo's allow-all
    // policy grants)
    approved: env.tier === 'prod',
    publishTarget: 'local',
  };
  const created = await portal.post('/api/scaffolder/v2/tasks', {
    templateRef: 'template:default/create-environment',
    values,
  });
  if (created.status !== 201) {
    throw new Error(
      `creating ${env.name} was refused (HTTP ${
        created.status
      }): ${JSON.stringify(created.body)}`,
    );
  }
  const id = created.body.id as string;
  let after = '';
  const tail: string[] = [];
  for (;;) {
    const events = await portal.get(
      `/api/scaffolder/v2/tasks/${id}/events${after ? `?after=${after}` : ''}`,
    );
    for (const e of (events.body as any[]) ?? []) {
      after = String(e.id);
      if (e.type === 'log') {
        // the task log's lines carry the logger's coloured level: show the message only
        const message = String(e.body.message)
          // eslint-disable-next-line no-control-regex
          .replace(/\u001b\[[0-9;]*m/g, '')
          .replace(/^(info|warn|error|debug): /, '');
        const line = `${env.name} | ${e.body.stepId ?? ''}: ${message}`;
        log(line);
        tail.push(line);
        if (tail.length > 40) tail.shift();
      }
      if (e.type === 'completion') {
        const task = (await portal.get(`/api/scaffolder/v2/tasks/${id}`))
          .body as any;
        if (task.status !== 'completed') {
          throw new Error(
            `creating ${env.name} ${task.status}:\n${tail.join('\n')}`,
          );
        }
        return task.spec
          ? { ...(e.body.output ?? {}), taskId: id }
          : e.body.output;
      }
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** AWS billing's service names (Cost Explorer's SERVICE dimension) by resource type prefix. */
const BILLED_AS: Array<[RegExp, string]> = [
  [/^aws_db_/, 'Amazon Relational Database Service'],
  [/^aws_elasticache_/, 'Amazon ElastiCache'],
  [/^aws_s3_/, 'Amazon Simple Storage Service'],
  [/^aws_cloudfront_/, 'Amazon CloudFront'],
  [/^aws_kms_/, 'AWS Key Management Service'],
  [/^aws_secretsmanager_/, 'AWS Secrets Manager'],
  [/^aws_cloudwatch_/, 'AmazonCloudWatch'],
  [/^aws_(ecs|appautoscaling)_/, 'Amazon Elastic Container Service'],
  [/^aws_lb/, 'Elastic Load Balancing'],
  [/^aws_ecr_/, 'Amazon EC2 Container Registry (ECR)'],
  [
    /^aws_(instance|autoscaling|launch_template)/,
    'Amazon Elastic Compute Cloud - Compute',
  ],
];

/**
 * Spend per AWS service: last month and month to date. The estimate's lines (cost.json) grouped
 * by billing service, scaled by `factor`, so actual sits beside the estimate with a difference.
 */
export function spendFromEstimate(
  cost: { lines: Array<{ resource: string; monthly: number }> },
  factor: number,
  monthElapsed: number,
): Record<string, [number, number]> {
  const byService: Record<string, [number, number]> = {};
  for (const line of cost.lines) {
    const type = line.resource.split('.')[0];
    const service =
      BILLED_AS.find(([re]) => re.test(type))?.[1] ?? 'EC2 - Other';
    const [last, mtd] = byService[service] ?? [0, 0];
    byService[service] = [
      Math.round((last + line.monthly * factor) * 100) / 100,
      Math.round((mtd + line.monthly * factor * monthElapsed) * 100) / 100,
    ];
  }
  return byService;
}

/**
 * The only seeds of the demo — what a fresh emulator cannot produce through any API:
 *  - Cost Explorer spend history: billing data exists only after a month of running; moto
 *    serves what it is given (moto-api static results). Taken from each environment's own
 *    cost.json, scaled per environment.
 *  - One alarm firing: nothing in moto sends metrics, so every alarm stays in INSUFFICIENT_DATA;
 *    SetAlarmState forces shop-production's database CPU alarm into ALARM.
 *  - A backup that fails its policy: moto reports every database's latest restorable time as
 *    "now", so no backup can age; shop-staging's database has its automated backups turned off
 *    out of band (ModifyDBInstance, as someone in the console would), which its tier forbids.
 */
export async function seedWhatNoApiProduces(
  envs: DemoEnvironment[],
  repos: string,
  log: (line: string) => void,
) {
  const now = new Date();
  const periods = costPeriods(now);
  const daysInMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
  ).getUTCDate();
  const monthElapsed = now.getUTCDate() / daysInMonth;
  const factors: Record<string, number> = {
    dev: 0.86,
    staging: 1.07,
    prod: 1.18,
  };
  const costs: Record<string, Record<string, [number, number]>> = {};
  for (const env of envs) {
    const cost = JSON.parse(
      await fs.readFile(path.join(repos, env.name, 'cost.json'), 'utf8'),
    );
    costs[env.name] = spendFromEstimate(
      cost,
      factors[env.tier] ?? 1,
      monthElapsed,
    );
  }
  const seeder = new MotoSeeder(
    motoEndpoint(),
    ACCOUNT_ID,
    aws('us-east-1').credentials,
  );
  await seeder.costAndUsage([costAndUsageResult(periods, costs)]);
  log(
    `seeded Cost Explorer spend (last month, month to date) for ${envs
      .map(e => e.name)
      .join(', ')}`,
  );

  const prod = envs.find(e => e.tier === 'prod');
  if (prod) {
    const name = alarmName(prod.name, 'db', 'cpu-high');
    const cloudwatch = new CloudWatchClient(aws(prod.region));
    const found = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [name] }),
    );
    if (!found.MetricAlarms?.length)
      throw new Error(`alarm ${name} was not created`);
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: name,
        StateValue: 'ALARM',
        StateReason:
          'Demo: forced with SetAlarmState (moto has no metrics). Threshold Crossed: 3 datapoints [91.2, 88.7, 93.4] were greater than or equal to the threshold (80.0).',
      }),
    );
    log(`forced alarm ${name} into ALARM (SetAlarmState)`);
  }
  const staging = envs.find(e => e.tier === 'staging');
  if (staging) {
    const id = `${staging.name}-db`;
    await new RDSClient(aws(staging.region)).send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: id,
        BackupRetentionPeriod: 0,
        ApplyImmediately: true,
      }),
    );
    log(
      `turned off automated backups of ${id} out of band (its tier requires them)`,
    );
  }
}

/** Entry point of bin/demo: `demo <examples dir> <local repositories folder> [portal URL]`. */
export async function main(argv: string[]) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [dir, repos, baseUrl = 'http://localhost:7007'] = argv.slice(2);
  if (!dir || !repos) {
    throw new Error(
      'usage: demo <examples dir> <local repositories folder> [portal URL]',
    );
  }
  await assertMotoReachable(motoEndpoint());
  const envs = await readDemoEnvironments(path.resolve(dir));
  await createStateBackends(envs.map(e => e.region));
  out(
    `state buckets and lock table created in ${[
      ...new Set(envs.map(e => e.region)),
    ].join(', ')} (the generated README's one-time set-up)`,
  );
  const portal = new PortalClient(baseUrl);
  out(`waiting for the portal on ${baseUrl} ...`);
  await portal.waitUntilUp(10 * 60_000);
  // all at once, as several teams would: each run waits on the cloud far more than it computes
  const results = await Promise.allSettled(
    envs.map(async env => {
      const started = Date.now();
      out(
        `creating ${env.name} with the Create environment template (executor local, applying to moto) ...`,
      );
      await createEnvironment(portal, env, out);
      out(
        `created ${env.name} in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    }),
  );
  const failed = results.flatMap(r =>
    r.status === 'rejected' ? [(r.reason as Error).message] : [],
  );
  if (failed.length > 0) throw new Error(failed.join('\n\n'));
  await seedWhatNoApiProduces(envs, path.resolve(repos), out);
  out(`the demo is ready: ${baseUrl.replace(':7007', ':3000')}/environments`);
}
