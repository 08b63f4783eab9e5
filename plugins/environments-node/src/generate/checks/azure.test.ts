import fs from 'fs';
import { parse } from '@cdktf/hcl2json';
import {
  componentTypes,
  TAG_COMPONENT,
  TAG_ENVIRONMENT,
} from '@terrace/plugin-environments-common';
import {
  azureCases,
  generateCase,
  writeFiles,
} from '../__testUtils__/fixtures';
import {
  azurermSchemaBin,
  checkovBin,
  newerAzurermSchemas,
  run,
  terraformBin,
} from '../__testUtils__/tools';
import { AZURERM_PROVIDER_CONSTRAINT } from '../azure';

jest.setTimeout(900_000);

/**
 * The checks of the Azure repos (the integration-platform stack's Azure variant and a variation
 * per tier): `terraform fmt` clean, every azurerm type, attribute and block in the azurerm schema
 * (4.40.0 from tools/azurerm-provider-schema; `azurerm_managed_redis`, added in 4.50.0, from its
 * 4.50.0 schema in tools/azurerm-provider-schema/newer), required ones set, every taggable resource
 * tagged, checkov 0 failed with a reason on every skip, and no secret literal.
 */

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

const cases = azureCases();
const files = new Map<string, Record<string, string>>();
const parsed = new Map<string, Parsed[]>();
let resources: Record<string, { block: SchemaBlock }>;
let dataSources: Record<string, { block: SchemaBlock }>;
let providerVersion: string;

beforeAll(async () => {
  const types = new Set<string>();
  for (const c of cases) {
    const generated = await generateCase(c);
    files.set(c.name, generated);
    const docs: Parsed[] = [];
    for (const [file, content] of Object.entries(generated)) {
      if (!file.endsWith('.tf')) continue;
      const doc = (await parse(file, content)) as Parsed;
      docs.push(doc);
      Object.keys(doc.resource ?? {})
        .filter(t => t.startsWith('azurerm_'))
        .forEach(t => types.add(t));
      Object.keys(doc.data ?? {})
        .filter(t => t.startsWith('azurerm_'))
        .forEach(t => types.add(`data.${t}`));
    }
    parsed.set(c.name, docs);
  }
  const newer = newerAzurermSchemas() as Record<string, { block: SchemaBlock }>;
  const result = run(
    azurermSchemaBin(),
    [...types].filter(t => !(t in newer)).sort(),
  );
  if (result.status !== 0)
    throw new Error(`azurerm-provider-schema failed: ${result.stderr}`);
  const dump = JSON.parse(result.stdout);
  if (dump.unknown.length > 0) {
    throw new Error(`not in azurerm 4.40.0: ${dump.unknown.join(', ')}`);
  }
  resources = { ...dump.resources, ...newer };
  dataSources = dump.dataSources;
  providerVersion = dump.providerVersion;
});

it('checks against azurerm 4.40.0, and managed Redis against its 4.50.0 schema (the lowest versions.tf allows)', () => {
  expect(providerVersion).toBe('4.40.0');
  expect(AZURERM_PROVIDER_CONSTRAINT.startsWith('>= 4.50.0,')).toBe(true);
  expect(Object.keys(newerAzurermSchemas())).toEqual(['azurerm_managed_redis']);
});

it('catches unknown names and missing required names in azurerm resources', async () => {
  const doc = (await parse(
    'bad.tf',
    'resource "azurerm_managed_redis" "x" {\n  name = "a"\n  bogus = 1\n}\n',
  )) as Parsed;
  expect(
    check(
      'r',
      doc.resource.azurerm_managed_redis.x[0],
      resources.azurerm_managed_redis.block,
      true,
    ),
  ).toEqual([
    'r.bogus is not in the schema',
    'r.location is required',
    'r.resource_group_name is required',
    'r.sku_name is required',
  ]);
});

it('covers every component type in every tier', () => {
  for (const tier of ['dev', 'staging', 'prod']) {
    const spec = cases.find(c => c.name === `azure-variation-${tier}`)!
      .spec as {
      spec: { components: Array<{ type: string }> };
    };
    expect([...new Set(spec.spec.components.map(c => c.type))].sort()).toEqual(
      [...componentTypes].sort(),
    );
  }
});

describe.each(cases.map(c => [c.name]))('%s', name => {
  it('is formatted as terraform fmt writes it', () => {
    const dir = writeFiles(files.get(name)!, name);
    try {
      const fmt = run(terraformBin(), [
        'fmt',
        '-check',
        '-recursive',
        '-list=true',
        dir,
      ]);
      expect({ status: fmt.status, files: fmt.stdout.trim() }).toEqual({
        status: 0,
        files: '',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses only azurerm types, attributes and blocks of the schema, with required ones set', () => {
    const problems: string[] = [];
    for (const doc of parsed.get(name)!) {
      for (const [kind, schemas] of [
        ['resource', resources],
        ['data', dataSources],
      ] as const) {
        for (const [type, byName] of Object.entries(doc[kind] ?? {})) {
          if (!type.startsWith('azurerm_')) continue;
          for (const [label, [body]] of Object.entries(byName)) {
            const schema = schemas[type];
            if (!schema) {
              problems.push(`${kind} ${type} is not in the provider`);
              continue;
            }
            problems.push(
              ...check(`${type}.${label}`, body, schema.block, true),
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it(`tags every taggable azurerm resource with ${TAG_ENVIRONMENT} and ${TAG_COMPONENT}`, () => {
    const untagged: string[] = [];
    let tagged = 0;
    for (const doc of parsed.get(name)!) {
      for (const [type, byName] of Object.entries(doc.resource ?? {})) {
        if (!resources[type]?.block.attributes?.tags) continue;
        for (const [label, [body]] of Object.entries(byName)) {
          const tags = body.tags as Record<string, string> | undefined;
          if (!tags || !(TAG_COMPONENT in tags) || !(TAG_ENVIRONMENT in tags))
            untagged.push(`${type}.${label}`);
          else tagged++;
        }
      }
    }
    expect(untagged).toEqual([]);
    expect(tagged).toBeGreaterThan(10);
  });

  it('sends the logs and metrics of every resource that has them to Log Analytics (checkov has no such check)', () => {
    const watched = [
      'azurerm_key_vault',
      'azurerm_postgresql_flexible_server',
      'azurerm_managed_redis',
      'azurerm_network_security_group',
      'azurerm_virtual_network',
      'azurerm_public_ip',
      'azurerm_cdn_frontdoor_profile',
      'azurerm_storage_account',
      'azurerm_container_registry',
      'azurerm_container_app',
      'azurerm_lb',
    ];
    const docs = parsed.get(name)!;
    const targets = docs.flatMap(doc =>
      Object.values(doc.resource?.azurerm_monitor_diagnostic_setting ?? {}).map(
        ([body]) => String(body.target_resource_id),
      ),
    );
    const missing: string[] = [];
    let watchedCount = 0;
    for (const doc of docs) {
      for (const type of watched) {
        for (const label of Object.keys(doc.resource?.[type] ?? {})) {
          watchedCount++;
          const address = new RegExp(
            `\\$\\{${type}\\.${label}(\\[count\\.index\\])?\\.id\\}`,
          );
          if (!targets.some(t => address.test(t)))
            missing.push(`${type}.${label}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(watchedCount).toBeGreaterThan(5);
  });

  it('serves public buckets only through Front Door routes that answer HTTPS only (checkov has no Front Door checks)', () => {
    const docs = parsed.get(name)!;
    const routes = docs.flatMap(doc =>
      Object.values(doc.resource?.azurerm_cdn_frontdoor_route ?? {}).map(
        ([b]) => b,
      ),
    );
    for (const route of routes) {
      expect({
        forwarding: route.forwarding_protocol,
        redirect: route.https_redirect_enabled,
      }).toEqual({ forwarding: 'HttpsOnly', redirect: true });
    }
    const routed = new Set(routes.map(r => String(r.name)));
    for (const doc of docs) {
      for (const [label, [body]] of Object.entries(
        doc.resource?.azurerm_storage_container ?? {},
      )) {
        if (body.container_access_type === 'private') continue;
        expect({
          label,
          access: body.container_access_type,
          routed: routed.has(String(body.name)),
        }).toEqual({
          label,
          access: 'blob',
          routed: true,
        });
        expect(body.storage_account_id).toBe(
          '${azurerm_storage_account.public.id}',
        );
      }
    }
  });

  it('opens a container app to the internet only when its service is public (checkov has no Container Apps checks)', () => {
    const spec = cases.find(c => c.name === name)!.spec as {
      spec: {
        components: Array<{ name: string; type: string; public?: boolean }>;
      };
    };
    for (const doc of parsed.get(name)!) {
      for (const [label, [body]] of Object.entries(
        doc.resource?.azurerm_container_app ?? {},
      )) {
        const svc = spec.spec.components.find(
          c => c.name.replace(/-/g, '_') === label,
        )!;
        const ingress = (body.ingress as Array<Record<string, unknown>>)[0];
        expect({
          label,
          external: ingress.external_enabled,
          insecure: ingress.allow_insecure_connections,
        }).toEqual({
          label,
          external: svc.public === true,
          insecure: false,
        });
      }
    }
  });

  it('writes no secret literal: Key Vault values are generated passwords, keys or the placeholder', () => {
    for (const doc of parsed.get(name)!) {
      for (const [label, [body]] of Object.entries(
        doc.resource?.azurerm_key_vault_secret ?? {},
      )) {
        expect({ label, value: body.value }).toEqual({
          label,
          value: expect.stringMatching(
            /^(\$\{(random_password\.[a-z0-9_]+\.result|azurerm_managed_redis\.[a-z0-9_]+\.default_database\[0\]\.primary_access_key)\}|set-me-outside-terraform)$/,
          ),
        });
      }
    }
  });

  it('passes every checkov check that is not skipped with a reason', () => {
    const dir = writeFiles(files.get(name)!, name);
    try {
      const result = run(
        checkovBin(),
        ['-d', dir, '--skip-download', '-o', 'json'],
        {
          env: { BC_SKIP_MAPPING: 'TRUE' },
        },
      );
      const parsedReport = JSON.parse(result.stdout.trim());
      const reports = (
        Array.isArray(parsedReport) ? parsedReport : [parsedReport]
      ) as Array<{
        check_type: string;
        summary: { passed: number };
        results: {
          failed_checks: Array<{ check_id: string; resource: string }>;
          skipped_checks: Array<{
            check_id: string;
            resource: string;
            check_result: { suppress_comment?: string };
          }>;
        };
      }>;
      expect(
        reports.find(r => r.check_type === 'terraform')?.summary.passed,
      ).toBeGreaterThan(30);
      expect(
        reports.flatMap(r =>
          r.results.failed_checks.map(
            f => `${r.check_type} ${f.check_id} ${f.resource}`,
          ),
        ),
      ).toEqual([]);
      for (const r of reports) {
        for (const s of r.results.skipped_checks) {
          expect(
            `${s.check_id} ${s.resource}: ${
              s.check_result.suppress_comment ?? ''
            }`,
          ).toMatch(/: \S.{24,}/);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
