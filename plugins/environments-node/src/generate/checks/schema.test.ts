import { parse } from '@cdktf/hcl2json';
import { TAG_COMPONENT } from '@terrace/plugin-environments-common';
import {
  Case,
  generateCase,
  referenceStacks,
  variations,
} from '../__testUtils__/fixtures';
import { awsSchemaBin, run } from '../__testUtils__/tools';
import { AWS_PROVIDER_CONSTRAINT } from '../aws';

jest.setTimeout(600_000);

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

type Parsed = Record<
  string,
  Record<string, Record<string, Array<Record<string, unknown>>>>
>;

/** Every string inside a parsed document (expressions come out of hcl2json as `${...}` strings). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => strings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => strings(v, out));
  return out;
}

/** The expression parts of a string: what is inside `${...}`, not literal `$${...}` text. */
function expressions(text: string): string[] {
  const found: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf('${', at);
    if (start < 0) return found;
    if (start > 0 && text[start - 1] === '$') {
      at = start + 2; // `$${` is a literal
      continue;
    }
    let depth = 1;
    let i = start + 2;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    found.push(text.slice(start + 2, i - 1));
    at = i;
  }
}

const cases: Case[] = [...referenceStacks(), ...variations()];
const parsed = new Map<string, Parsed[]>();
let dump: Dump;

beforeAll(async () => {
  const types = new Set<string>();
  for (const c of cases) {
    const files = await generateCase(c);
    const docs: Parsed[] = [];
    for (const [file, content] of Object.entries(files)) {
      if (!file.endsWith('.tf')) continue;
      const doc = (await parse(file, content)) as Parsed;
      docs.push(doc);
      Object.keys(doc.resource ?? {})
        .filter(t => t.startsWith('aws_'))
        .forEach(t => types.add(t));
      Object.keys(doc.data ?? {})
        .filter(t => t.startsWith('aws_'))
        .forEach(t => types.add(`data.${t}`));
    }
    parsed.set(c.name, docs);
  }
  const result = run(awsSchemaBin(), [...types].sort());
  if (result.status !== 0)
    throw new Error(`aws-provider-schema failed: ${result.stderr}`);
  dump = JSON.parse(result.stdout);
});

it('validates against the lowest AWS provider version that versions.tf allows', () => {
  expect(
    AWS_PROVIDER_CONSTRAINT.startsWith(`>= ${dump.providerVersion},`),
  ).toBe(true);
  expect(dump.unknown).toEqual([]);
});

it('catches unknown names, computed-only names and missing required names', async () => {
  const doc = (await parse(
    'bad.tf',
    'resource "aws_lb_target_group" "x" {\n  arn = "a"\n  bogus = 1\n  health_check {\n    nope = true\n  }\n}\nresource "aws_subnet" "y" {\n  cidr_block = "10.0.0.0/24"\n}\n',
  )) as Parsed;
  const tg = check(
    'tg',
    doc.resource.aws_lb_target_group.x[0],
    dump.resources.aws_lb_target_group.block,
    true,
  );
  expect(tg).toEqual([
    'tg.arn is computed only',
    'tg.bogus is not in the schema',
    'tg.health_check[0].nope is not in the schema',
  ]);
  const subnet = check(
    'subnet',
    doc.resource.aws_subnet.y[0],
    dump.resources.aws_subnet.block,
    true,
  );
  expect(subnet).toEqual(['subnet.vpc_id is required']);
});

it('tells expressions from literal text', () => {
  expect(
    expressions('${aws_vpc.main.id}-x-$${aws:AutoScalingGroupName}-${var.a}'),
  ).toEqual(['aws_vpc.main.id', 'var.a']);
});

describe.each(cases.map(c => [c.name]))('%s', name => {
  it('uses only resource types, attributes and blocks of the AWS provider schema, with required ones set', () => {
    const problems: string[] = [];
    for (const doc of parsed.get(name)!) {
      for (const [kind, schemas] of [
        ['resource', dump.resources],
        ['data', dump.dataSources],
      ] as const) {
        for (const [type, byName] of Object.entries(doc[kind] ?? {})) {
          if (!type.startsWith('aws_')) continue;
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

  it('refers only to declared resources, data sources, variables and locals, and to attributes their schema has', () => {
    const docs = parsed.get(name)!;
    const declared = new Set<string>();
    for (const doc of docs) {
      for (const [type, byName] of Object.entries(doc.resource ?? {})) {
        Object.keys(byName).forEach(n => declared.add(`${type}.${n}`));
      }
      for (const [type, byName] of Object.entries(doc.data ?? {})) {
        Object.keys(byName).forEach(n => declared.add(`data.${type}.${n}`));
      }
      Object.keys(doc.variable ?? {}).forEach(n => declared.add(`var.${n}`));
      for (const l of (doc.locals ?? []) as unknown as Array<
        Record<string, unknown>
      >) {
        Object.keys(l).forEach(n => declared.add(`local.${n}`));
      }
    }
    const problems: string[] = [];
    let checked = 0;
    const ref =
      /\b(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+|var|local)\.([a-z_][a-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([a-z_][a-z0-9_]*))?/g;
    for (const doc of docs) {
      for (const expr of strings(doc).flatMap(expressions)) {
        // Drop quoted strings inside the expression (e.g. "" in a condition).
        const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
        for (const m of code.matchAll(ref)) {
          const [, isData, type, label, attribute] = m;
          if (['count', 'each', 'path', 'terraform'].includes(type)) continue;
          checked++;
          const key =
            type === 'var' || type === 'local'
              ? `${type}.${label}`
              : `${isData ?? ''}${type}.${label}`;
          if (!declared.has(key)) {
            problems.push(`${key} is not declared (in ${expr})`);
            continue;
          }
          if (!attribute || !type.startsWith('aws_')) continue;
          const schema = (isData ? dump.dataSources : dump.resources)[type];
          if (
            schema &&
            !(attribute in (schema.block.attributes ?? {})) &&
            !(attribute in (schema.block.block_types ?? {}))
          ) {
            problems.push(`${key}.${attribute} is not an attribute of ${type}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it(`tags every taggable AWS resource with ${TAG_COMPONENT}`, () => {
    const untagged: string[] = [];
    for (const doc of parsed.get(name)!) {
      for (const [type, byName] of Object.entries(doc.resource ?? {})) {
        const schema = dump.resources[type];
        if (!schema?.block.attributes?.tags) continue;
        for (const [label, [body]] of Object.entries(byName)) {
          const tags = body.tags as Record<string, string> | undefined;
          if (!tags || !(TAG_COMPONENT in tags))
            untagged.push(`${type}.${label}`);
        }
      }
    }
    expect(untagged).toEqual([]);
  });
});
