import { parse } from '@cdktf/hcl2json';
import {
  azureCases,
  type Case,
  generateCase,
  referenceStacks,
  variations,
} from '../__testUtils__/fixtures';
import {
  atlasBodyProblems,
  mongodbatlasSchemas,
  type AtlasResourceSchema,
} from '../__testUtils__/mongodbatlasSchema';
import { gcpCases, generateGcpCase } from '../gcp/__testUtils__/cases';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

type Parsed = {
  resource?: Record<string, Record<string, Array<Record<string, unknown>>>>;
};

/**
 * The mongodbatlas resources of every cloud's cases (AWS reference stacks and variations, the
 * Azure and GCP stacks and variations, prod with Private Link / Private Service Connect) against
 * the schema of mongodb/mongodbatlas 1.41.1 as @cdktf/provider-mongodbatlas 8.6.2 carries it: the
 * provider is not served by the Go module proxy, so it cannot be built for `terraform validate`.
 */
const schemas = mongodbatlasSchemas();

/** Whether a case's spec has a mongodb component. */
const hasMongodb = (c: Case) =>
  (
    c.spec as { spec: { components: Array<{ type: string }> } }
  ).spec.components.some(x => x.type === 'mongodb');

const cases = [
  ...[...referenceStacks(), ...variations(), ...azureCases()].map(c => ({
    c,
    files: () => generateCase(c),
  })),
  ...gcpCases().map(c => ({ c, files: () => generateGcpCase(c) })),
]
  .filter(x => hasMongodb(x.c))
  .map(x => ({ name: x.c.name, files: x.files }));

it('checks a case of each cloud in each tier', () => {
  expect(cases.map(c => c.name)).toEqual(
    expect.arrayContaining([
      'variation-prod',
      'azure-variation-dev',
      'azure-variation-prod',
      'gcp-variation-dev',
      'gcp-variation-prod',
    ]),
  );
});

it('reads the schema of mongodbatlas 1.41.1 and catches unknown and missing names', async () => {
  const endpointService: AtlasResourceSchema =
    schemas.mongodbatlas_privatelink_endpoint_service;
  expect(endpointService.providerVersion).toBe('1.41.1');
  expect(Object.keys(schemas).length).toBeGreaterThan(50);
  // Nested blocks are read to their leaves.
  const cluster = schemas.mongodbatlas_advanced_cluster.arguments;
  expect(
    cluster.replication_specs.block!.region_configs.block!.electable_specs
      .block!.instance_size,
  ).toEqual({ required: true, block: undefined });
  const doc = (await parse(
    'bad.tf',
    [
      'resource "mongodbatlas_privatelink_endpoint_service" "x" {',
      '  project_id = "p"',
      '  port_mapping_enabled = true',
      '  dynamic "endpoints" {',
      '    for_each = []',
      '    content {',
      '      ip_address = "10.0.0.1"',
      '      name = "n"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  )) as Parsed;
  expect(
    atlasBodyProblems(
      'x',
      doc.resource!.mongodbatlas_privatelink_endpoint_service.x[0],
      endpointService.arguments,
    ),
  ).toEqual([
    'x.dynamic.endpoints[0].content.name is not in the schema',
    // Port-mapped Private Service Connect came in provider 2.x.
    'x.port_mapping_enabled is not in the schema',
    'x.endpoint_service_id is required',
    'x.private_link_id is required',
    'x.provider_name is required',
  ]);
});

describe.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
  it('uses only mongodbatlas resource types and arguments of the 1.41.1 schema, with required ones set', async () => {
    const files = await c.files();
    const problems: string[] = [];
    let checked = 0;
    for (const [file, content] of Object.entries(files)) {
      if (!file.endsWith('.tf')) continue;
      const doc = (await parse(file, content)) as Parsed;
      for (const [type, byLabel] of Object.entries(doc.resource ?? {})) {
        if (!type.startsWith('mongodbatlas_')) continue;
        const schema = schemas[type];
        for (const [label, [body]] of Object.entries(byLabel)) {
          checked++;
          if (!schema) {
            problems.push(`${type}.${label}: no such resource type`);
            continue;
          }
          problems.push(
            ...atlasBodyProblems(`${type}.${label}`, body, schema.arguments),
          );
        }
      }
    }
    expect(problems).toEqual([]);
    // Project, cluster, database user and access list at least.
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
