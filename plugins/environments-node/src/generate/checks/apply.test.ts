import { parse } from '@cdktf/hcl2json';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import fs from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import {
  Case,
  generateCase,
  referenceStackDirs,
  writeFiles,
} from '../__testUtils__/fixtures';
import {
  MOTO_CREDENTIALS,
  MotoServer,
  emptyBuckets,
  motoTerraformEnv,
  requestCertificate,
  runReadmeStateBootstrap,
  startMoto,
} from '../__testUtils__/moto';
import {
  assertProviderMirror,
  readS3Backend,
  terraformClis,
  tf,
  TerraformCli,
} from '../__testUtils__/terraform';
import {
  awsEmulatorProviderOverride,
  s3BackendEmulatorConfig,
} from '../../terraform';

/** The test's own moto (started in beforeAll). */
let moto: MotoServer;

// A plan, apply, plan, destroy of a 100-resource stack with the real AWS provider against moto
// takes minutes on a loaded two-core machine.
jest.setTimeout(1_800_000);

/**
 * What moto 5.2.5 does not serve that a generated resource needs. Resources of these types, and
 * every resource that refers to one, are left out of the apply with `-target` of the rest (the
 * generated code is not changed); the README's testing section lists the same table.
 */
const MOTO_GAPS: Array<{
  type: string;
  call: string;
  message: string;
}> = [
  {
    type: 'aws_elasticache_parameter_group',
    call: 'CreateCacheParameterGroup',
    message: 'HTTP 500: the action is not implemented by moto',
  },
  {
    type: 'aws_appautoscaling_target',
    call: 'ListTagsForResource (Application Auto Scaling)',
    message:
      'HTTP 500: NotImplementedError: The list_tags_for_resource action has not been implemented',
  },
  {
    type: 'data.aws_cloudfront_cache_policy',
    call: 'ListCachePolicies (the AWS-managed cache policies)',
    message: 'HTTP 404: moto has no route for GET /2020-05-31/cache-policy',
  },
  {
    type: 'data.aws_cloudfront_origin_request_policy',
    call: 'ListOriginRequestPolicies (the AWS-managed origin request policies)',
    message:
      'HTTP 404: moto has no route for GET /2020-05-31/origin-request-policy',
  },
  {
    type: 'aws_cloudfront_response_headers_policy',
    call: 'CreateResponseHeadersPolicy',
    message:
      'HTTP 404: moto has no route for POST /2020-05-31/response-headers-policy',
  },
  {
    type: 'aws_elasticache_subnet_group',
    call: 'DeleteCacheSubnetGroup (at destroy)',
    message:
      'HTTP 500: NotImplementedError: The delete_cache_subnet_group action has not been implemented',
  },
];

/**
 * What moto 5.2.5 reads back differently from AWS, so that a second plan after a clean apply
 * updates these attributes in place. The second plan may show exactly these updates and nothing
 * else; the README's testing section lists the same table.
 */
const MOTO_DRIFT: Array<{
  type: string;
  attributes: string[];
  call: string;
  message: string;
}> = [
  {
    type: 'aws_db_instance',
    attributes: [
      'performance_insights_enabled',
      'performance_insights_kms_key_id',
      'performance_insights_retention_period',
    ],
    call: 'CreateDBInstance (EnablePerformanceInsights)',
    message: 'moto keeps no Performance Insights settings',
  },
  {
    type: 'aws_ecs_service',
    attributes: [
      'enable_ecs_managed_tags',
      'health_check_grace_period_seconds',
    ],
    call: 'CreateService (enableECSManagedTags, healthCheckGracePeriodSeconds)',
    message: 'moto keeps neither setting',
  },
  ...(
    [
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
    ] as const
  ).map(type => ({
    type,
    attributes: ['description'],
    call: 'DescribeSecurityGroupRules',
    message:
      'moto returns the description of CIDR rules only, not of rules that reference a security group',
  })),
];

/** One planned change of `show -json`: address, type, actions and the top-level attributes it changes. */
interface PlannedChange {
  address: string;
  type: string;
  actions: string[];
  attributes: string[];
}

/** The changes (no no-ops, no data source reads) of a saved plan, from `show -json`. */
function plannedChanges(
  cli: TerraformCli,
  dir: string,
  planFile: string,
  env: NodeJS.ProcessEnv,
): PlannedChange[] {
  const shown = tf(cli, ['show', '-json', planFile], dir, env);
  expectExit('show -json', shown, 0);
  const plan = JSON.parse(shown.stdout) as {
    resource_changes?: Array<{
      address: string;
      type: string;
      mode: string;
      change: {
        actions: string[];
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        after_unknown?: Record<string, unknown>;
      };
    }>;
  };
  return (plan.resource_changes ?? [])
    .filter(
      r =>
        r.mode === 'managed' &&
        !(r.change.actions.length === 1 && r.change.actions[0] === 'no-op'),
    )
    .map(r => {
      const before = r.change.before ?? {};
      const after = r.change.after ?? {};
      const keys = new Set([
        ...Object.keys(before),
        ...Object.keys(after),
        ...Object.keys(r.change.after_unknown ?? {}),
      ]);
      return {
        address: r.address,
        type: r.type,
        actions: r.change.actions,
        attributes: [...keys]
          .filter(
            k =>
              JSON.stringify(before[k]) !== JSON.stringify(after[k]) ||
              Boolean(r.change.after_unknown?.[k]),
          )
          .sort(),
      };
    });
}

/** A planned change that MOTO_DRIFT explains: an in-place update of the listed attributes only. */
function motoDrift(c: PlannedChange): boolean {
  const drift = MOTO_DRIFT.find(d => d.type === c.type);
  return (
    drift !== undefined &&
    c.actions.join() === 'update' &&
    c.attributes.length > 0 &&
    c.attributes.every(a => drift.attributes.includes(a))
  );
}

/** Reference stacks without a mongodb component, once each when the shared and in-repo copies agree. */
function applyStacks(): Case[] {
  const byName = new Map<string, Case>();
  for (const dir of referenceStackDirs()) {
    for (const f of fs
      .readdirSync(dir)
      .filter(x => x.endsWith('.yaml'))
      .sort()) {
      const spec = parseYaml(fs.readFileSync(path.join(dir, f), 'utf8'));
      const name = f.replace(/\.yaml$/, '');
      const seen = byName.get(name);
      if (seen && JSON.stringify(seen.spec) !== JSON.stringify(spec)) {
        throw new Error(
          `reference stack ${name} differs between ${referenceStackDirs().join(
            ' and ',
          )}; make the copies agree`,
        );
      }
      byName.set(name, { name, spec });
    }
  }
  return [...byName.values()].filter(
    c =>
      !(
        c.spec as { spec: { components: Array<{ type: string }> } }
      ).spec.components.some(x => x.type === 'mongodb'),
  );
}

/** Throws with the tail of the command's output unless it exited with one of `codes`. */
function expectExit(
  what: string,
  result: ReturnType<typeof tf>,
  ...codes: number[]
): void {
  if (codes.includes(result.status ?? -1)) return;
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter(
      l => l.trim() && !/Still (creating|destroying|modifying)\.\.\./.test(l),
    );
  // Terraform prints its errors last: from the first one on, or else the last lines.
  const firstError = lines.findIndex(l => /^(\u2502 )?Error: /.test(l));
  const tail = (firstError >= 0 ? lines.slice(firstError) : lines.slice(-60))
    .slice(0, 120)
    .join('\n');
  throw new Error(
    `${what} exited with ${result.status} (expected ${codes.join(
      ' or ',
    )}):\n${tail}${moto ? `\n\nmoto's log ends:\n${moto.logTail(30)}` : ''}`,
  );
}

/** Every string inside a parsed document (hcl2json gives expressions as `${...}` strings). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => strings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => strings(v, out));
  return out;
}

/** Resource and data source addresses the expressions of a body refer to. */
function references(body: unknown): Set<string> {
  const out = new Set<string>();
  const ref = /\b(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([a-z_][a-z0-9_-]*)/g;
  for (const text of strings(body)) {
    for (const expr of text.match(/\$\{[\s\S]*\}/g) ?? []) {
      // quoted strings inside an expression are not references
      const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      for (const m of code.matchAll(ref))
        out.add(`${m[1] ?? ''}${m[2]}.${m[3]}`);
    }
  }
  return out;
}

/**
 * The managed resources of the generated configuration that moto can serve: all but those of a
 * MOTO_GAPS type (`aws_x`, or `data.aws_x` for a data source) and, transitively, every resource
 * that refers to one. Read from the generated files (not from a plan: planning the whole stack
 * already fails on a data source moto lacks). Returns `[kept, left out]` as addresses.
 */
async function servable(terraformDir: string): Promise<[string[], string[]]> {
  const nodes: Array<{
    address: string;
    gapType: string;
    managed: boolean;
    refs: Set<string>;
  }> = [];
  for (const f of fs
    .readdirSync(terraformDir)
    .filter(x => x.endsWith('.tf') && !x.endsWith('_override.tf'))) {
    const doc = (await parse(
      f,
      fs.readFileSync(path.join(terraformDir, f), 'utf8'),
    )) as Record<string, Record<string, Record<string, unknown[]>>>;
    for (const mode of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries(doc[mode] ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          nodes.push({
            address:
              mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
            gapType: mode === 'data' ? `data.${type}` : type,
            managed: mode === 'resource',
            refs: references(body),
          });
        }
      }
    }
  }
  const out = new Set(
    nodes
      .filter(n => MOTO_GAPS.some(g => g.type === n.gapType))
      .map(n => n.address),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of nodes) {
      if (!out.has(n.address) && [...n.refs].some(a => out.has(a))) {
        out.add(n.address);
        grew = true;
      }
    }
  }
  const managed = nodes.filter(n => n.managed).map(n => n.address);
  return [
    managed.filter(a => !out.has(a)),
    managed.filter(a => out.has(a)).sort(),
  ];
}

/** Resources whose deletion protection the generated code turns on: [type, name, argument]. */
async function deletionProtected(
  terraformDir: string,
): Promise<Array<[string, string, string]>> {
  const found: Array<[string, string, string]> = [];
  for (const f of fs.readdirSync(terraformDir).filter(x => x.endsWith('.tf'))) {
    const doc = (await parse(
      f,
      fs.readFileSync(path.join(terraformDir, f), 'utf8'),
    )) as {
      resource?: Record<string, Record<string, Array<Record<string, unknown>>>>;
    };
    for (const [type, byName] of Object.entries(doc.resource ?? {})) {
      for (const [name, [body]] of Object.entries(byName)) {
        for (const arg of [
          'deletion_protection',
          'enable_deletion_protection',
        ]) {
          if (body[arg] === true) found.push([type, name, arg]);
        }
      }
    }
  }
  return found;
}

/**
 * The inputs terraform.tfvars lists as required before the first plan, set the way a user would:
 * a certificate ARN from ACM (requested in moto), a DNS name for an origin domain.
 */
async function setRequiredInputs(
  terraformDir: string,
  endpoint: string,
  region: string,
): Promise<string[]> {
  const file = path.join(terraformDir, 'terraform.tfvars');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf('# Required before the first plan:');
  const set: string[] = [];
  if (start < 0) return set;
  for (let i = start + 1; i < lines.length; i++) {
    const m = lines[i].match(/^# ([a-z0-9_]+) = "\.\.\."$/);
    if (!m) continue;
    const name = m[1];
    let value: string;
    if (name.endsWith('_certificate_arn')) {
      value = await requestCertificate(endpoint, region, 'api.example.com');
    } else if (name.endsWith('_domain')) {
      value = 'api.example.com';
    } else {
      throw new Error(
        `terraform.tfvars asks for ${name}; the apply test does not know what to give it`,
      );
    }
    lines[i] = `${name} = "${value}"`;
    set.push(name);
  }
  fs.writeFileSync(file, lines.join('\n'));
  return set;
}

const stacks = applyStacks();
const clis = terraformClis();
const dirs: string[] = [];

beforeAll(async () => {
  assertProviderMirror();
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

it('has reference stacks to apply', () => {
  expect(stacks.map(s => s.name)).toEqual(
    expect.arrayContaining(['aussie-markets-staging', 'mve-production']),
  );
});

// One CLI per stack, taking turns (terraform for the first, tofu for the next): each stack's
// apply, second plan and destroy take 4 to 6 minutes here; both CLIs still meet the same provider
// and backend code, and the local executor's moto test runs each CLI on its own stack.
describe.each(
  stacks.map((s, i) => {
    const cli = clis[i % clis.length];
    return [`${s.name} with ${cli.name}`, s, cli] as const;
  }),
)('%s on moto', (_label, stack, cli: TerraformCli) => {
  let root: string;
  let dir: string;
  let targets: string[] = [];
  let leftOut: string[] = [];
  const env = motoTerraformEnv();
  const targetArgs = () => targets.map(t => `-target=${t}`);
  const region = (stack.spec as { spec: { region: string } }).spec.region;

  beforeAll(async () => {
    // A fresh account for each stack and CLI: destroy leaves final snapshots and secrets
    // scheduled for deletion whose names the next apply would reuse.
    await moto.reset();
    const files = await generateCase(stack);
    root = writeFiles(files, `apply-${stack.name}-${cli.name}`);
    dirs.push(root);
    dir = path.join(root, 'terraform');
  });

  it('creates the state bucket and lock table as the README says, and sets the required inputs', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const commands = await runReadmeStateBootstrap(readme, moto.endpoint);
    const backend = await readS3Backend(dir);
    expect(commands.join('\n')).toContain(`--bucket ${backend.bucket} `);
    expect(commands.join('\n')).toContain(
      `--table-name ${backend.dynamodb_table} `,
    );
    const set = await setRequiredInputs(dir, moto.endpoint, region);
    expect(set.length).toBeGreaterThan(0);
    // The emulator files of the local executor (terrace.terraform.local.awsEndpoint).
    fs.writeFileSync(
      path.join(dir, 'moto_override.tf'),
      awsEmulatorProviderOverride({ endpoint: moto.endpoint }),
    );
    fs.writeFileSync(
      path.join(dir, 'moto.s3.tfbackend'),
      s3BackendEmulatorConfig({
        endpoint: moto.endpoint,
        terraformVersion: cli.version,
      }),
    );
  });

  it('init with the S3 backend', () => {
    const init = tf(
      cli,
      ['init', '-no-color', '-backend-config=moto.s3.tfbackend'],
      dir,
      env,
    );
    expectExit('init', init, 0);
    expect(init.stdout).toContain('Successfully configured the backend "s3"');
  });

  it('plan creates the stack (what moto can serve of it)', async () => {
    [targets, leftOut] = await servable(dir);
    expect(targets.length).toBeGreaterThan(40);
    if (leftOut.length > 0) {
      // eslint-disable-next-line no-console
      console.log(
        `${stack.name} with ${
          cli.name
        }: left out for moto (README table): ${leftOut.join(', ')}`,
      );
    } else {
      targets = [];
    }
    const plan = tf(
      cli,
      [
        'plan',
        '-no-color',
        '-detailed-exitcode',
        '-out=tfplan',
        ...targetArgs(),
      ],
      dir,
      env,
    );
    expectExit('plan', plan, 2);
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
  });

  it('apply creates it and keeps the state in the README bucket', async () => {
    expectExit('apply', tf(cli, ['apply', '-no-color', 'tfplan'], dir, env), 0);
    const backend = await readS3Backend(dir);
    const s3 = new S3Client({
      region,
      endpoint: moto.endpoint,
      credentials: MOTO_CREDENTIALS,
      forcePathStyle: true,
    });
    const listed = await s3.send(
      new ListObjectsV2Command({
        Bucket: String(backend.bucket),
        Prefix: String(backend.key),
      }),
    );
    s3.destroy();
    expect(listed.Contents?.map(o => o.Key)).toEqual([backend.key]);
    const state = tf(cli, ['state', 'list'], dir, env);
    expectExit('state list', state, 0);
    expect(state.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(40);
  });

  it('a second plan reports no changes (but what moto reads back differently, README table)', () => {
    const again = tf(
      cli,
      [
        'plan',
        '-no-color',
        '-detailed-exitcode',
        '-out=again.tfplan',
        ...targetArgs(),
      ],
      dir,
      env,
    );
    expectExit('second plan (-detailed-exitcode 0 = no changes)', again, 0, 2);
    const changes = plannedChanges(cli, dir, 'again.tfplan', env);
    const drift = changes.filter(motoDrift);
    if (drift.length > 0) {
      // eslint-disable-next-line no-console
      console.log(
        `${stack.name} with ${cli.name}: moto drift (README table): ${drift
          .map(c => `${c.address} ${c.attributes.join('/')}`)
          .join(', ')}`,
      );
    }
    expect(changes.filter(c => !motoDrift(c))).toEqual([]);
    expect(again.status).toBe(drift.length > 0 ? 2 : 0);
  });

  it('destroy removes it (buckets emptied and deletion protection turned off first, as the README says)', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(
      /the access-log bucket `\S+-access-logs-<account-id>` fills with logs/,
    );
    expect(readme).toContain('option (`forceDestroyBuckets`)');
    const protectedResources = await deletionProtected(dir);
    if (protectedResources.length > 0) {
      fs.writeFileSync(
        path.join(dir, 'deletion_protection_override.tf'),
        `${protectedResources
          .map(
            ([type, name, arg]) =>
              `resource "${type}" "${name}" {\n  ${arg} = false\n}\n`,
          )
          .join('\n')}`,
      );
      expectExit(
        'apply with deletion protection off',
        tf(
          cli,
          ['apply', '-no-color', '-auto-approve', ...targetArgs()],
          dir,
          env,
        ),
        0,
      );
    }
    // The README: buckets keep their objects, so they are emptied first (the state bucket stays;
    // what force_destroy = true would do, and what the Destroy template's forceDestroyBuckets does).
    const backend = await readS3Backend(dir);
    const emptied = await emptyBuckets(moto.endpoint, region, [
      String(backend.bucket),
    ]);
    expect(Object.keys(emptied).some(b => b.includes('-access-logs-'))).toBe(
      true,
    );
    // The same targets: a destroy of everything would read the data sources moto lacks.
    expectExit(
      'destroy',
      tf(
        cli,
        ['destroy', '-no-color', '-auto-approve', ...targetArgs()],
        dir,
        env,
      ),
      0,
    );
    const state = tf(cli, ['state', 'list'], dir, env);
    expectExit('state list', state, 0);
    // No managed resource is left (a targeted destroy may keep data sources it read).
    expect(
      state.stdout.split('\n').filter(l => l.trim() && !l.startsWith('data.')),
    ).toEqual([]);
  });
});
