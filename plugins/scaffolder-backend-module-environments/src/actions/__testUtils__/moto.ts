/**
 * The moto emulator for the actions' end-to-end tests: its endpoint, AWS SDK clients pointed at
 * it, the state backend the generated README tells users to create, and the host-side files that
 * point the local executor's Terraform at it (`terrace.terraform.local`).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import {
  awsEmulatorProviderOverride,
  s3BackendEmulatorConfig,
} from '@terrace/plugin-environments-node';

export const MOTO =
  process.env.TERRACE_MOTO_ENDPOINT ?? 'http://127.0.0.1:5000';

/** Any keys work with moto (account 123456789012). */
export const motoCredentials = (secret: string) => ({
  AWS_ACCESS_KEY_ID: 'AKIATERRACETEST00001',
  AWS_SECRET_ACCESS_KEY: secret,
});

export async function assertMotoReachable() {
  const res = await fetch(`${MOTO}/moto-api/`).catch(e => e as Error);
  if (res instanceof Error || !res.ok) {
    throw new Error(
      `moto is not reachable at ${MOTO}: start it (scripts/moto-env.sh) and export TERRACE_MOTO_ENDPOINT`,
    );
  }
}

/** SDK client options for moto in `region`. */
export function motoClientConfig(region: string, secret: string) {
  const c = motoCredentials(secret);
  return {
    endpoint: MOTO,
    region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: c.AWS_ACCESS_KEY_ID,
      secretAccessKey: c.AWS_SECRET_ACCESS_KEY,
    },
  };
}

/** Creates the state bucket and lock table the generated README names (existing ones are fine). */
export async function createStateBackend(
  readme: string,
  region: string,
  secret: string,
) {
  const match =
    /S3 bucket `([^`]+)` under `([^`]+)`, locked with the DynamoDB table `([^`]+)`/.exec(
      readme,
    );
  if (!match) throw new Error(`the README does not name the state bucket`);
  const [, bucket, key, table] = match;
  const s3 = new S3Client(motoClientConfig(region, secret));
  await s3
    .send(
      new CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: {
          LocationConstraint: region as BucketLocationConstraint,
        },
      }),
    )
    .catch(e => {
      if (!/BucketAlreadyOwnedByYou/.test(e.name)) throw e;
    });
  await new DynamoDBClient(motoClientConfig(region, secret))
    .send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    .catch(e => {
      if (!/ResourceInUse/.test(e.name)) throw e;
    });
  return { bucket, key, table };
}

/**
 * Writes the portal's host-side files that point Terraform at moto (a provider override and an
 * S3 backend config) into `folder`; returns them as `terrace.terraform.local` settings. With
 * `credentials`, the files carry the host's own keys (what a drift check, which gets no task
 * secrets, plans with).
 */
export async function motoHostFiles(
  folder: string,
  binary: string,
  credentials?: { accessKeyId: string; secretAccessKey: string },
) {
  await fs.mkdir(folder, { recursive: true });
  const version = JSON.parse(
    execFileSync(binary, ['version', '-json'], {
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    }).toString(),
  ).terraform_version as string;
  const overrideFile = path.join(folder, 'moto.tf');
  const backendFile = path.join(folder, 'moto.s3.tfbackend');
  await fs.writeFile(
    overrideFile,
    awsEmulatorProviderOverride({ endpoint: MOTO, credentials }),
  );
  await fs.writeFile(
    backendFile,
    s3BackendEmulatorConfig({
      endpoint: MOTO,
      terraformVersion: version,
      credentials,
    }),
  );
  return { overrideFiles: [overrideFile], backendConfigFiles: [backendFile] };
}
