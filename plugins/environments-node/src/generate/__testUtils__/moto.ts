import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

/**
 * Credentials moto accepts (it checks none); they name no real account. Terraform gets them
 * through the environment, never through a file.
 */
export const MOTO_CREDENTIALS = {
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
};

/** The environment for a Terraform run against moto: its credentials and no instance metadata. */
export function motoTerraformEnv(): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** The repository root (this file is plugins/environments-node/src/generate/__testUtils__). */
const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/**
 * How moto is started, as scripts/moto-env.sh does it: the pinned moto's Python
 * (`.tools/py`, or `TERRACE_MOTO_PYTHON`) running scripts/moto_server.py (moto_server plus one
 * DbiResourceId per RDS instance), behind scripts/moto-cbor-proxy.mjs (CloudWatch in the Smithy
 * RPC v2 CBOR protocol the AWS provider speaks, re-sent to moto in JSON).
 */
function motoCommands(): { python: string; server: string; proxy: string } {
  const python =
    process.env.TERRACE_MOTO_PYTHON ??
    path.join(REPO_ROOT, '.tools/py/bin/python3');
  const server = path.join(REPO_ROOT, 'scripts/moto_server.py');
  const proxy = path.join(REPO_ROOT, 'scripts/moto-cbor-proxy.mjs');
  if (!fs.existsSync(python)) {
    throw new Error(
      `moto's Python ${python} does not exist: run scripts/tools.sh (it installs moto in .tools/py) or set TERRACE_MOTO_PYTHON`,
    );
  }
  return { python, server, proxy };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A moto server of the test's own on 127.0.0.1 (see `startMoto`). */
export interface MotoServer {
  endpoint: string;
  /** The file moto writes its request log and tracebacks to. */
  log: string;
  /** The last `lines` lines of moto's log, for failure messages. */
  logTail(lines?: number): string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts moto on a free port of 127.0.0.1 with AWS-managed IAM policies loaded (as in every real
 * account), behind scripts/moto-cbor-proxy.mjs on another free port (`endpoint`), the way
 * scripts/moto-env.sh starts the shared one (see `motoCommands`). The apply tests use a server of their own: each run leaves names moto keeps after
 * destroy (final DB snapshots, secrets scheduled for deletion), and the shared server holds the
 * seeds of the other tests, which a reset would wipe. Fails with moto's output when it does not
 * answer within 60 s.
 *
 * Moto writes a line per request: its output goes to a file (`log`), never to a pipe. A pipe is
 * drained by this process's event loop, which stands still while a Terraform command runs
 * (`spawnSync`); after about 64 KB moto would block on the full pipe and stop answering.
 */
export async function startMoto(): Promise<MotoServer> {
  const { python, server, proxy } = motoCommands();
  const motoPort = await freePort();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-moto-'));
  const log = path.join(logDir, 'moto.log');
  const fd = fs.openSync(log, 'a');
  const children: ChildProcess[] = [
    spawn(python, [server, '-H', '127.0.0.1', '-p', String(motoPort)], {
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
      stdio: ['ignore', fd, fd],
    }),
    spawn(
      process.execPath,
      [
        proxy,
        '--listen',
        String(port),
        '--moto',
        `http://127.0.0.1:${motoPort}`,
      ],
      { stdio: ['ignore', fd, fd] },
    ),
  ];
  fs.closeSync(fd);
  const logTail = (lines = 40) =>
    fs.existsSync(log)
      ? fs.readFileSync(log, 'utf8').split('\n').slice(-lines).join('\n')
      : '';
  const spawnErrors: Error[] = [];
  const keepError = (e: Error) => spawnErrors.push(e);
  children.forEach(child => child.on('error', keepError));
  const stop = () =>
    Promise.all(
      children.map(
        child =>
          new Promise<void>(resolve => {
            if (child.exitCode !== null || child.signalCode !== null) {
              resolve();
              return;
            }
            child.once('exit', () => resolve());
            child.kill();
          }),
      ),
    ).then(() => fs.rmSync(logDir, { recursive: true, force: true }));
  const what = `moto (${python} ${server}) behind ${proxy} on ${endpoint}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = children.find(c => c.exitCode !== null);
    const spawnError = spawnErrors[0];
    if (spawnError || exited) {
      const tail = logTail();
      await stop();
      throw new Error(
        `could not start ${what}: ${
          spawnError?.message ?? `exit ${exited?.exitCode}`
        }\n${tail}`,
      );
    }
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(`${what} did not answer within 60 s:\n${tail}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    endpoint,
    log,
    logTail,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
    },
    stop,
  };
}

/** Splits a shell command line into words: blanks separate, single quotes group. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2]);
  return out;
}

/** `--name value` options of a command (every option of these commands takes a value). */
function options(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`unexpected word ${argv[i]} in ${argv.join(' ')}`);
    }
    out[argv[i].slice(2)] = argv[++i];
  }
  return out;
}

/**
 * Empties every bucket on moto but those in `keep` (every object version and delete marker), as
 * the generated README says to before `terraform destroy` (buckets are not force-destroyed; the
 * access-log bucket fills with S3 server access logs, which moto delivers too). Returns the
 * number of objects deleted per bucket.
 */
export async function emptyBuckets(
  endpoint: string,
  region: string,
  keep: string[],
): Promise<Record<string, number>> {
  const s3 = new S3Client({
    region,
    endpoint,
    credentials: MOTO_CREDENTIALS,
    forcePathStyle: true,
  });
  const deleted: Record<string, number> = {};
  try {
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    const names = Buckets.map(b => b.Name!).filter(n => n && !keep.includes(n));
    // moto delivers S3 server access logs at once (AWS within hours), so every read of a logged
    // bucket during destroy would refill the access-log bucket: logging goes off first.
    for (const Bucket of names) {
      await s3.send(
        new PutBucketLoggingCommand({ Bucket, BucketLoggingStatus: {} }),
      );
    }
    for (const Name of names) {
      // The generated buckets deny every request not made over TLS (aws:SecureTransport), which
      // moto enforces on deletes and which every call to moto's plain-HTTP endpoint breaks; the
      // README's `aws s3 rm` runs over HTTPS. So the policy goes first (destroy removes it anyway).
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: Name }));
      deleted[Name] = 0;
      for (let round = 0; ; round++) {
        const page = await s3.send(
          new ListObjectVersionsCommand({ Bucket: Name }),
        );
        const objects = [
          ...(page.Versions ?? []),
          ...(page.DeleteMarkers ?? []),
        ]
          .filter(o => o.Key)
          .map(o => ({ Key: o.Key!, VersionId: o.VersionId }));
        if (objects.length === 0) break;
        if (round >= 50) {
          throw new Error(
            `${Name} still holds ${objects.length} objects after 50 rounds of deletes`,
          );
        }
        const result = await s3.send(
          new DeleteObjectsCommand({
            Bucket: Name,
            Delete: { Objects: objects },
          }),
        );
        if (result.Errors?.length) {
          const e = result.Errors[0];
          throw new Error(
            `emptying ${Name}: ${result.Errors.length} objects not deleted, e.g. ${e.Key}: ${e.Code} ${e.Message}`,
          );
        }
        deleted[Name] += objects.length;
      }
    }
  } finally {
    s3.destroy();
  }
  return deleted;
}

/** The AWS CLI shorthand `A=1,B=2`. */
function shorthand(text: string): Record<string, string> {
  return Object.fromEntries(text.split(',').map(kv => kv.split('=', 2)));
}

/**
 * The `aws ...` lines of a generated README's sh blocks, in order.
 */
export function readmeAwsCommands(readme: string): string[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]);
  return blocks.flatMap(b => b.split('\n')).filter(l => l.startsWith('aws '));
}

/**
 * Runs the README's state bootstrap commands (`aws s3api create-bucket`, `put-bucket-versioning`,
 * `put-bucket-encryption`, `put-public-access-block`, `aws dynamodb create-table`) against moto
 * with AWS SDK v3, argument for argument; any other `aws` command there is an error, so a README
 * that grows a step fails this until the step is carried out here too. A bucket or table that
 * already exists is kept, as the README says. Returns the commands run.
 */
export async function runReadmeStateBootstrap(
  readme: string,
  endpoint: string,
): Promise<string[]> {
  const commands = readmeAwsCommands(readme).filter(
    l => l.startsWith('aws s3api ') || l.startsWith('aws dynamodb '),
  );
  for (const line of commands) {
    const [, service, operation, ...rest] = words(line);
    const o = options(rest);
    const client = {
      region: o.region,
      endpoint,
      credentials: MOTO_CREDENTIALS,
      forcePathStyle: true,
    };
    if (!o.region) throw new Error(`no --region in README command: ${line}`);
    if (service === 's3api') {
      const s3 = new S3Client(client);
      const Bucket = o.bucket;
      if (operation === 'create-bucket') {
        const constraint = o['create-bucket-configuration'];
        try {
          await s3.send(
            new CreateBucketCommand({
              Bucket,
              ...(constraint
                ? {
                    CreateBucketConfiguration: {
                      LocationConstraint: shorthand(constraint)
                        .LocationConstraint as BucketLocationConstraint,
                    },
                  }
                : {}),
            }),
          );
        } catch (e) {
          if (!(e instanceof BucketAlreadyOwnedByYou)) throw e;
        }
      } else if (operation === 'put-bucket-versioning') {
        await s3.send(
          new PutBucketVersioningCommand({
            Bucket,
            VersioningConfiguration: shorthand(
              o['versioning-configuration'],
            ) as { Status: 'Enabled' },
          }),
        );
      } else if (operation === 'put-bucket-encryption') {
        await s3.send(
          new PutBucketEncryptionCommand({
            Bucket,
            ServerSideEncryptionConfiguration: JSON.parse(
              o['server-side-encryption-configuration'],
            ),
          }),
        );
      } else if (operation === 'put-public-access-block') {
        const c = shorthand(o['public-access-block-configuration']);
        await s3.send(
          new PutPublicAccessBlockCommand({
            Bucket,
            PublicAccessBlockConfiguration: Object.fromEntries(
              Object.entries(c).map(([k, v]) => [k, v === 'true']),
            ),
          }),
        );
      } else {
        throw new Error(`the test does not carry out README command: ${line}`);
      }
      s3.destroy();
    } else if (service === 'dynamodb' && operation === 'create-table') {
      const dynamodb = new DynamoDBClient(client);
      const attribute = shorthand(o['attribute-definitions']);
      const key = shorthand(o['key-schema']);
      try {
        await dynamodb.send(
          new CreateTableCommand({
            TableName: o['table-name'],
            AttributeDefinitions: [
              {
                AttributeName: attribute.AttributeName,
                AttributeType: attribute.AttributeType as 'S',
              },
            ],
            KeySchema: [
              {
                AttributeName: key.AttributeName,
                KeyType: key.KeyType as 'HASH',
              },
            ],
            BillingMode: o['billing-mode'] as 'PAY_PER_REQUEST',
          }),
        );
      } catch (e) {
        if (!(e instanceof ResourceInUseException)) throw e;
      }
      dynamodb.destroy();
    } else {
      throw new Error(`the test does not carry out README command: ${line}`);
    }
  }
  return commands;
}

/** Requests an ACM certificate for `domain` in moto (issued at once there) and returns its ARN. */
export async function requestCertificate(
  endpoint: string,
  region: string,
  domain: string,
): Promise<string> {
  const acm = new ACMClient({
    region,
    endpoint,
    credentials: MOTO_CREDENTIALS,
  });
  const { CertificateArn } = await acm.send(
    new RequestCertificateCommand({
      DomainName: domain,
      ValidationMethod: 'DNS',
    }),
  );
  acm.destroy();
  if (!CertificateArn) throw new Error('moto returned no certificate ARN');
  return CertificateArn;
}
