import { parse } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';
import {
  LABEL_COMPONENT,
  LABEL_ENVIRONMENT,
  resolveEnvironment,
  validateEnvironment,
} from '@terrace/plugin-environments-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { type Case, writeFiles } from '../__testUtils__/fixtures';
import { checkovBin, run, terraformBin } from '../__testUtils__/tools';
import { gcpCases, generateGcpCase } from '../gcp/__testUtils__/cases';
import { GOOGLE_PROVIDER_CONSTRAINT } from '../gcp';
import { isPricedRegion } from '../../estimate';
import { generateEnvironmentRepo } from '../repo';

jest.setTimeout(900_000);

/**
 * The checks of the Google Cloud generation (issue [6/9]): every GCP case parses, is in `fmt`
 * form, is deterministic, writes no secret, uses only resource types, attributes and blocks of
 * the google provider schema of the version pinned (6.30.0, from the Go module proxy; the
 * provider binary is not built), labels every labelled resource, passes checkov with a reason on
 * every skip, and keeps Terrace's own rules where checkov 3.3.30 checks nothing (Cloud Run v2).
 */

const cases: Case[] = gcpCases();

interface SchemaBlock {
  attributes?: Record<
    string,
    { required?: boolean; optional?: boolean; computed?: boolean }
  >;
  block_types?: Record<
    string,
    { nesting_mode: string; min_items?: number; block: SchemaBlock }
  >;
}
interface Dump {
  providerVersion: string;
  resources: Record<string, { block: SchemaBlock }>;
  dataSources: Record<string, { block: SchemaBlock }>;
  unknown: string[];
}
type Parsed = Record<
  string,
  Record<string, Record<string, Array<Record<string, unknown>>>>
>;

const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
]);

/** Problems of one body against its schema block: unknown names, computed-only names set, required names missing. */
function check(
  where: string,
  body: Record<string, unknown>,
  schema: SchemaBlock,
  top: boolean,
): string[] {
  const problems: string[] = [];
  const attributes = schema.attributes ?? {};
  const blocks = schema.block_types ?? {};
  for (const [key, value] of Object.entries(body)) {
    if (top && META.has(key)) continue;
    if (key in attributes) {
      const a = attributes[key];
      if (!a.required && !a.optional)
        problems.push(`${where}.${key} is computed only`);
    } else if (key in blocks) {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) =>
        problems.push(
          ...check(
            `${where}.${key}[${i}]`,
            item as Record<string, unknown>,
            blocks[key].block,
            false,
          ),
        ),
      );
    } else {
      problems.push(`${where}.${key} is not in the schema`);
    }
  }
  for (const [key, a] of Object.entries(attributes)) {
    if (a.required && !(key in body))
      problems.push(`${where}.${key} is required`);
  }
  for (const [key, b] of Object.entries(blocks)) {
    if ((b.min_items ?? 0) > 0 && !(key in body))
      problems.push(`${where}.${key} block is required`);
  }
  return problems;
}

let schemaBin: string | undefined;

/**
 * tools/google-provider-schema: `TERRACE_GOOGLE_SCHEMA_BIN` (scripts/tools.sh builds it), else
 * built here from the module cache without network access (`GOPROXY=off`).
 */
function googleSchemaBin(): string {
  if (process.env.TERRACE_GOOGLE_SCHEMA_BIN)
    return process.env.TERRACE_GOOGLE_SCHEMA_BIN;
  if (schemaBin) return schemaBin;
  const out = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-google-schema-')),
    'google-provider-schema',
  );
  const built = run('go', ['build', '-o', out, '.'], {
    cwd: path.resolve(__dirname, '../../../../../tools/google-provider-schema'),
    env: { GOPROXY: 'off', GOFLAGS: '-mod=mod' },
  });
  if (built.status !== 0) {
    throw new Error(
      `could not build tools/google-provider-schema (run tools/google-provider-schema/install.sh, or set TERRACE_GOOGLE_SCHEMA_BIN): ${built.stderr}`,
    );
  }
  schemaBin = out;
  return out;
}

const generated = new Map<
  string,
  { files: Record<string, string>; dir: string; docs: Parsed[] }
>();
let dump: Dump;

beforeAll(async () => {
  const types = new Set<string>();
  for (const c of cases) {
    const files = await generateGcpCase(c);
    const docs: Parsed[] = [];
    for (const [file, content] of Object.entries(files)) {
      if (!file.endsWith('.tf')) continue;
      const doc = (await parse(file, content)) as Parsed;
      docs.push(doc);
      Object.keys(doc.resource ?? {})
        .filter(t => t.startsWith('google_'))
        .forEach(t => types.add(t));
      Object.keys(doc.data ?? {})
        .filter(t => t.startsWith('google_'))
        .forEach(t => types.add(`data.${t}`));
    }
    generated.set(c.name, { files, dir: writeFiles(files, c.name), docs });
  }
  const result = run(googleSchemaBin(), [...types].sort());
  if (result.status !== 0)
    throw new Error(`google-provider-schema failed: ${result.stderr}`);
  dump = JSON.parse(result.stdout);
});

afterAll(() => {
  for (const { dir } of generated.values())
    fs.rmSync(dir, { recursive: true, force: true });
});

it('validates against the lowest google provider version that versions.tf allows', () => {
  expect(
    GOOGLE_PROVIDER_CONSTRAINT.startsWith(`>= ${dump.providerVersion},`),
  ).toBe(true);
  expect(dump.providerVersion).toBe('6.30.0');
  expect(dump.unknown).toEqual([]);
});

it('catches unknown names and missing required names in the google schema', async () => {
  const doc = (await parse(
    'bad.tf',
    'resource "google_redis_instance" "x" {\n  name = "a"\n  auth_string = "b"\n  bogus = 1\n}\n',
  )) as Parsed;
  expect(
    check(
      'r',
      doc.resource.google_redis_instance.x[0],
      dump.resources.google_redis_instance.block,
      true,
    ),
  ).toEqual([
    'r.auth_string is computed only',
    'r.bogus is not in the schema',
    'r.memory_size_gb is required',
  ]);
});

/** Every (type, label, body) of the google resources of a case. */
function googleResources(docs: Parsed[]) {
  return docs.flatMap(doc =>
    Object.entries(doc.resource ?? {})
      .filter(([type]) => type.startsWith('google_'))
      .flatMap(([type, byName]) =>
        Object.entries(byName).map(([label, [body]]) => ({
          type,
          label,
          body,
        })),
      ),
  );
}

describe.each(cases.map(c => [c.name]))('%s', name => {
  it('writes the repo layout of the contract (cost.json where the GCP catalog prices the region completely)', () => {
    const files = Object.keys(generated.get(name)!.files);
    for (const f of [
      'environment.yaml',
      'catalog-info.yaml',
      'README.md',
      '.github/workflows/terraform.yml',
      'terraform/versions.tf',
      'terraform/providers.tf',
      'terraform/backend.tf',
      'terraform/main.tf',
      'terraform/network.tf',
      'terraform/variables.tf',
      'terraform/outputs.tf',
      'terraform/terraform.tfvars',
    ]) {
      expect(files).toContain(f);
    }
    const region = (cases.find(c => c.name === name)!.spec as any).spec.region;
    expect(files.includes('cost.json')).toBe(isPricedRegion('gcp', region));
  });

  it('is already in terraform fmt form', () => {
    const result = run(terraformBin(), [
      'fmt',
      '-check',
      '-recursive',
      '-diff',
      path.join(generated.get(name)!.dir, 'terraform'),
    ]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('generates identical bytes twice', async () => {
    const again = await generateGcpCase(cases.find(c => c.name === name)!);
    expect(again).toEqual(generated.get(name)!.files);
  });

  it('writes no secret value and outputs no password', async () => {
    const { files } = generated.get(name)!;
    const all = Object.values(files).join('\n');
    expect(all).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(all).not.toMatch(/"private_key"\s*:/);
    expect(all).not.toMatch(/(password|secret_data|auth_string)\s*=\s*"/);
    const outputs = await parse('outputs.tf', files['terraform/outputs.tf']);
    for (const [outName, [o]] of Object.entries(outputs.output ?? {}) as Array<
      [string, any[]]
    >) {
      expect(`${outName} ${JSON.stringify(o.value)}`).not.toMatch(
        /random_password|\.password|auth_string/,
      );
    }
    // secrets components: slots only, no version with a value.
    const { docs } = generated.get(name)!;
    const versions = googleResources(docs).filter(
      r => r.type === 'google_secret_manager_secret_version',
    );
    for (const v of versions) {
      expect(String(v.body.secret_data)).toMatch(
        /^\$\{(random_password\.[a-z_]+\.result|google_redis_instance\.[a-z_]+\.auth_string)\}$/,
      );
    }
  });

  it('uses only resource types, attributes and blocks of the google provider schema, with required ones set', () => {
    const problems: string[] = [];
    for (const { type, label, body } of googleResources(
      generated.get(name)!.docs,
    )) {
      const schema = dump.resources[type];
      if (!schema) {
        problems.push(`resource ${type} is not in the provider`);
        continue;
      }
      problems.push(...check(`${type}.${label}`, body, schema.block, true));
    }
    expect(problems).toEqual([]);
  });

  it(`labels every labelled google resource with ${LABEL_COMPONENT}, and the provider with ${LABEL_ENVIRONMENT}`, () => {
    const { docs } = generated.get(name)!;
    const unlabelled: string[] = [];
    let labelled = 0;
    for (const { type, label, body } of googleResources(docs)) {
      const attrs = dump.resources[type].block.attributes ?? {};
      const settable = (k: string) =>
        Boolean(attrs[k] && (attrs[k].optional || attrs[k].required));
      // user_labels where a resource has both (a notification channel's labels are its config).
      const key = ['user_labels', 'labels'].find(settable);
      if (!key && type !== 'google_sql_database_instance') continue;
      // Cloud SQL labels live in settings.user_labels.
      const labels = (
        type === 'google_sql_database_instance'
          ? (body.settings as any[])[0].user_labels
          : body[key!]
      ) as Record<string, string> | undefined;
      labelled++;
      if (!labels || !(LABEL_COMPONENT in labels))
        unlabelled.push(`${type}.${label}`);
    }
    expect(labelled).toBeGreaterThan(5);
    expect(unlabelled).toEqual([]);
    const providers = docs.flatMap(d =>
      Object.values(
        (d.provider ?? {}) as unknown as Record<string, any[]>,
      ).flat(),
    );
    expect(providers[0].default_labels[LABEL_ENVIRONMENT]).toBe(
      cases.find(c => c.name === name)!.spec.metadata &&
        (cases.find(c => c.name === name)!.spec.metadata as any).name,
    );
  });

  it('serves public buckets only through a cdn: a CDN-enabled backend bucket behind HTTPS with TLS 1.2+ (our own rule)', () => {
    const spec = cases.find(c => c.name === name)!.spec as any;
    const resources = googleResources(generated.get(name)!.docs);
    const publicBuckets = (spec.spec.components as any[]).filter(
      c => c.type === 'bucket' && c.public === true,
    );
    const backendBuckets = resources.filter(
      r => r.type === 'google_compute_backend_bucket',
    );
    for (const b of publicBuckets) {
      const backend = backendBuckets.find(
        r => r.body.bucket_name === `\${google_storage_bucket.${b.name}.name}`,
      );
      expect(backend?.body.enable_cdn).toBe(true);
    }
    expect(backendBuckets).toHaveLength(publicBuckets.length);
    const rules = resources.filter(
      r => r.type === 'google_compute_global_forwarding_rule',
    );
    expect(
      rules.every(r => ['443', '80'].includes(String(r.body.port_range))),
    ).toBe(true);
    // Plain HTTP only ever redirects to HTTPS.
    const redirects = rules
      .filter(r => r.body.port_range === '80')
      .map(r => {
        const proxy = String(r.body.target).match(
          /target_http_proxy\.([a-z_]+)\./,
        )![1];
        const map = resources.find(
          m => m.type === 'google_compute_url_map' && m.label === proxy,
        )!;
        return {
          https: (map.body.default_url_redirect as any[])[0].https_redirect,
          service: map.body.default_service,
        };
      });
    expect(redirects).toEqual(
      (spec.spec.components as any[])
        .filter(c => c.type === 'cdn')
        .map(() => ({ https: true, service: undefined })),
    );
    for (const p of resources.filter(
      r => r.type === 'google_compute_ssl_policy',
    )) {
      expect(p.body.min_tls_version).toBe('TLS_1_2');
    }
  });

  it('keeps state in a GCS backend under a prefix per environment', () => {
    const backend = generated.get(name)!.files['terraform/backend.tf'];
    const env = (cases.find(c => c.name === name)!.spec.metadata as any).name;
    expect(backend).toContain('backend "gcs"');
    expect(backend).toContain(`prefix = "environments/${env}"`);
  });

  it('invokes a Cloud Run service by allUsers only when the spec says public: true (our own rule)', () => {
    const spec = cases.find(c => c.name === name)!.spec as any;
    const services = (spec.spec.components as any[]).filter(
      c => c.type === 'service',
    );
    const resources = googleResources(generated.get(name)!.docs);
    const actual = services.map(svc => {
      const label = svc.name.replace(/-/g, '_');
      const cloudRun = resources.find(
        r => r.type === 'google_cloud_run_v2_service' && r.label === label,
      )!;
      const invokers = resources.filter(
        r =>
          r.type.startsWith('google_cloud_run_v2_service_iam') &&
          String(r.body.name).includes(`google_cloud_run_v2_service.${label}.`),
      );
      return {
        name: svc.name,
        ingress: cloudRun.body.ingress,
        invokers: invokers.map(i => i.body.member),
      };
    });
    expect(actual).toEqual(
      services.map(svc => ({
        name: svc.name,
        ingress:
          svc.public === true
            ? 'INGRESS_TRAFFIC_ALL'
            : 'INGRESS_TRAFFIC_INTERNAL_ONLY',
        invokers: svc.public === true ? ['allUsers'] : [],
      })),
    );
    // Nothing else is granted to the internet but reads of buckets a cdn serves.
    const servedBuckets = (spec.spec.components as any[])
      .filter(c => c.type === 'bucket' && c.public === true)
      .map(c => `${c.name.replace(/-/g, '_')}_public_read`)
      .sort();
    const publicGrants = resources.filter(
      r =>
        /allUsers|allAuthenticatedUsers/.test(JSON.stringify(r.body)) &&
        !r.type.startsWith('google_cloud_run_v2_service_iam'),
    );
    expect(publicGrants.map(r => `${r.type}.${r.label}`).sort()).toEqual(
      servedBuckets.map(l => `google_storage_bucket_iam_member.${l}`),
    );
    for (const g of publicGrants)
      expect(g.body.role).toBe('roles/storage.objectViewer');
  });

  it('puts every vm-group in an autohealed, autoscaled regional MIG behind a load balancer, reachable from the internet only when public: true (our own rule)', () => {
    const spec = cases.find(c => c.name === name)!.spec as any;
    const resources = googleResources(generated.get(name)!.docs);
    const of = (type: string, label: string) =>
      resources.find(r => r.type === type && r.label === label)!;
    const groups = (spec.spec.components as any[]).filter(
      c => c.type === 'vm-group',
    );
    expect(
      resources.filter(
        r => r.type === 'google_compute_region_instance_group_manager',
      ),
    ).toHaveLength(groups.length);
    for (const vm of groups) {
      const l = vm.name.replace(/-/g, '_');
      const mig = of('google_compute_region_instance_group_manager', l);
      const healing = (mig.body.auto_healing_policies as any[])[0];
      expect(healing.health_check).toBe(
        `\${google_compute_region_health_check.${l}.id}`,
      );
      const probe = of('google_compute_region_health_check', l);
      expect((probe.body.http_health_check as any[])[0]).toEqual({
        port: vm.port,
        request_path: vm.healthCheckPath,
      });
      const scaler = of('google_compute_region_autoscaler', l);
      expect(scaler.body.target).toBe(
        `\${google_compute_region_instance_group_manager.${l}.id}`,
      );
      const policy = (scaler.body.autoscaling_policy as any[])[0];
      expect([policy.min_replicas, policy.max_replicas]).toEqual([
        vm.minCount,
        vm.maxCount,
      ]);
      const backend = of('google_compute_region_backend_service', l);
      expect((backend.body.backend as any[])[0].group).toBe(
        `\${google_compute_region_instance_group_manager.${l}.instance_group}`,
      );
      expect(backend.body.health_checks).toEqual([
        `\${google_compute_region_health_check.${l}.id}`,
      ]);
      const rule = of('google_compute_forwarding_rule', l);
      const scheme = vm.public === true ? 'EXTERNAL' : 'INTERNAL';
      expect([
        backend.body.load_balancing_scheme,
        rule.body.load_balancing_scheme,
      ]).toEqual([scheme, scheme]);
      expect(rule.body.ports).toEqual([String(vm.port)]);
      // Instances: no external address, Shielded VM, their own service account, OS Login.
      const template = of('google_compute_instance_template', l);
      const nic = (template.body.network_interface as any[])[0];
      expect(nic.access_config).toBeUndefined();
      expect((template.body.shielded_instance_config as any[])[0]).toEqual({
        enable_secure_boot: true,
        enable_vtpm: true,
        enable_integrity_monitoring: true,
      });
      expect((template.body.service_account as any[])[0].email).toBe(
        `\${google_service_account.${l}_vm.email}`,
      );
      expect((template.body.metadata as any)['block-project-ssh-keys']).toBe(
        'true',
      );
      // The firewall opens only the port, to the internet only when public.
      const firewall = of('google_compute_firewall', l);
      expect(firewall.body.allow).toEqual([
        { protocol: 'tcp', ports: [String(vm.port)] },
      ]);
      expect(
        (firewall.body.source_ranges as string[]).includes('0.0.0.0/0'),
      ).toBe(vm.public === true);
    }
  });

  it('keeps data stores private: Cloud SQL without public IP, Memorystore on Private Service Access with AUTH and TLS, buckets with public access prevention', () => {
    const resources = googleResources(generated.get(name)!.docs);
    for (const db of resources.filter(
      r => r.type === 'google_sql_database_instance',
    )) {
      const ip = (db.body.settings as any[])[0].ip_configuration[0];
      expect(ip.ipv4_enabled).toBe(false);
      expect(ip.ssl_mode).toBe('ENCRYPTED_ONLY');
    }
    for (const cache of resources.filter(
      r => r.type === 'google_redis_instance',
    )) {
      expect(cache.body.connect_mode).toBe('PRIVATE_SERVICE_ACCESS');
      expect(cache.body.auth_enabled).toBe(true);
      expect(cache.body.transit_encryption_mode).toBe('SERVER_AUTHENTICATION');
    }
    const spec = cases.find(c => c.name === name)!.spec as any;
    for (const b of resources.filter(r => r.type === 'google_storage_bucket')) {
      const component = (spec.spec.components as any[]).find(
        c => c.name.replace(/-/g, '_') === b.label,
      );
      expect(b.body.uniform_bucket_level_access).toBe(true);
      expect(b.body.force_destroy).toBe(false);
      // Public only when the spec says so, and then a cdn serves it (validation refuses others).
      expect(b.body.public_access_prevention).toBe(
        component.public === true ? 'inherited' : 'enforced',
      );
    }
  });
});

interface CheckovReport {
  check_type: string;
  summary: { passed: number; failed: number; skipped: number };
  results: {
    failed_checks: Array<{
      check_id: string;
      resource: string;
      file_path: string;
    }>;
    skipped_checks: Array<{
      check_id: string;
      resource: string;
      check_result: { suppress_comment?: string };
    }>;
  };
}

describe.each(cases.map(c => [c.name]))('%s under checkov', name => {
  let reports: CheckovReport[];

  beforeAll(() => {
    const result = run(
      checkovBin(),
      ['-d', generated.get(name)!.dir, '--skip-download', '-o', 'json'],
      { env: { BC_SKIP_MAPPING: 'TRUE' } },
    );
    const out = result.stdout.trim();
    if (!out.startsWith('{') && !out.startsWith('[')) {
      throw new Error(
        `checkov gave no report (exit ${result.status}): ${result.stderr}`,
      );
    }
    const parsed = JSON.parse(out);
    reports = (Array.isArray(parsed) ? parsed : [parsed]) as CheckovReport[];
  });

  it('checks the Terraform and the workflow', () => {
    const terraform = reports.find(r => r.check_type === 'terraform');
    expect(terraform?.summary.passed).toBeGreaterThan(20);
    expect(reports.map(r => r.check_type)).toContain('github_actions');
  });

  it('passes every checkov check that is not explicitly skipped', () => {
    const failed = reports.flatMap(r =>
      r.results.failed_checks.map(
        f => `${r.check_type} ${f.check_id} ${f.resource} (${f.file_path})`,
      ),
    );
    expect(failed).toEqual([]);
  });

  it('explains every skipped check, and skips none of the Cloud SQL logging flags', () => {
    for (const r of reports) {
      expect(r.results.skipped_checks.length).toBe(r.summary.skipped);
      for (const s of r.results.skipped_checks) {
        expect(
          `${s.check_id} ${s.resource}: ${
            s.check_result.suppress_comment ?? ''
          }`,
        ).toMatch(/: \S.{24,}/);
        expect([
          'CKV_GCP_51',
          'CKV_GCP_52',
          'CKV_GCP_53',
          'CKV_GCP_54',
          'CKV_GCP_108',
          'CKV_GCP_109',
          'CKV_GCP_110',
          'CKV_GCP_111',
          'CKV2_GCP_13',
          'CKV2_GCP_18',
        ]).not.toContain(s.check_id);
      }
    }
  });
});

describe('what Google Cloud generation refuses', () => {
  const base = () =>
    structuredClone(
      cases.find(c => c.name === 'aussie-markets-staging-gcp')!.spec,
    ) as any;

  it('refuses a cdn routed to a vm-group at its origins, naming it, and generates nothing', async () => {
    const spec = base();
    spec.spec.components.push(
      { name: 'workers', type: 'vm-group', port: 8080, public: true },
      { name: 'front', type: 'cdn', origins: ['workers'] },
    );
    const index = spec.spec.components.length - 1;
    const validated = validateEnvironment(spec);
    if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
    const resolved = resolveEnvironment(validated.environment);
    const attempt = generateEnvironmentRepo(resolved, { spec });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      `spec.components[${index}].origins: "workers" is a vm-group; on Google Cloud a cdn serves buckets and Cloud Run services, not vm-groups yet`,
    );
  });

  it('refuses a PostgreSQL version Cloud SQL does not run at its version field', async () => {
    const spec = base();
    spec.spec.components[0].version = '9.6';
    const validated = validateEnvironment(spec);
    if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
    await expect(
      generateEnvironmentRepo(resolveEnvironment(validated.environment), {
        spec,
      }),
    ).rejects.toThrow(
      'spec.components[0].version: PostgreSQL "9.6" is not a version Cloud SQL runs',
    );
  });
});
