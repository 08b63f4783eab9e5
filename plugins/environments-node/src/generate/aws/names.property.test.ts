import fc from 'fast-check';
import {
  AWS_NAME_PLACEHOLDERS,
  AWS_NAME_RULES,
  awsNameViolations,
  resolveEnvironment,
  validateEnvironment,
  type AwsNameKind,
} from '@terrace/plugin-environments-common';
import type { BodyItem, Value } from '../hcl';
import { buildAwsTerraform } from '.';

/**
 * Property: for any valid spec, every name the AWS generator emits keeps every AWS naming rule
 * of its resource type (AWS_NAME_RULES), every emitted name has a rule, and names that must be
 * unique are. Fixed seed and bounded runs, so it runs the same in CI every time.
 */

/** Attributes that carry a resource's AWS name. */
const NAME_ATTRIBUTES = new Set([
  'name',
  'identifier',
  'final_snapshot_identifier',
  'bucket',
  'replication_group_id',
  'alarm_name',
  'family',
]);

/** `<type>.<attribute>` pairs among those that are not names (a parameter group's engine family). */
const NOT_NAMES = new Set([
  'aws_db_parameter_group.family',
  'aws_elasticache_parameter_group.family',
]);

/** A name's text with apply-time parts (account id, random suffix, index) filled in. */
function text(value: Value): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'kind' in value) {
    if (value.kind === 'template') {
      return value.parts
        .map(p => {
          if (typeof p === 'string') return p;
          if (p.text === 'data.aws_caller_identity.current.account_id') {
            return AWS_NAME_PLACEHOLDERS.accountId;
          }
          if (p.text === 'count.index') return AWS_NAME_PLACEHOLDERS.index;
          if (/^random_id\.[a-z0-9_]+\.hex$/.test(p.text)) {
            return AWS_NAME_PLACEHOLDERS.randomHex;
          }
          throw new Error(`unexpected interpolation in a name: ${p.text}`);
        })
        .join('');
    }
  }
  return undefined; // a reference to another resource, not a name of its own
}

/** Every `<type>.<attribute>` name of the managed resources, in the order emitted. */
function emittedNames(files: Map<string, BodyItem[]>) {
  const out: Array<{ key: string; name: string }> = [];
  for (const items of files.values()) {
    for (const item of items) {
      if (item.kind !== 'block' || item.type !== 'resource') continue;
      const type = item.labels[0];
      for (const attr of item.body) {
        if (attr.kind !== 'attribute' || !NAME_ATTRIBUTES.has(attr.name)) {
          continue;
        }
        const key = `${type}.${attr.name}`;
        if (NOT_NAMES.has(key)) continue;
        const name = text(attr.value);
        if (name !== undefined) out.push({ key, name });
      }
    }
  }
  return out;
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
/** Hyphen-joined words, as people name things; the validator judges the rest. */
const hyphenated = (maxWords: number) =>
  fc.array(word, { minLength: 1, maxLength: maxWords }).map(w => w.join('-'));

const environmentName = hyphenated(5).filter(
  n => n.length >= 3 && n.length <= 32,
);
const componentName = hyphenated(3).filter(n => n.length <= 20);

type Kind =
  | 'postgres'
  | 'redis'
  | 'bucket'
  | 'service'
  | 'vm-group'
  | 'registry'
  | 'secrets'
  | 'mongodb'
  | 'cdn';

const kinds: Kind[] = [
  'postgres',
  'redis',
  'bucket',
  'service',
  'vm-group',
  'registry',
  'secrets',
  'mongodb',
  'cdn',
];

function component(name: string, kind: Kind, publicFlag: boolean): any {
  switch (kind) {
    case 'service':
      return {
        name,
        type: kind,
        image: 'ghcr.io/acme/app:1.0.0',
        port: 8080,
        public: publicFlag,
      };
    case 'vm-group':
      return { name, type: kind, port: 8080, public: publicFlag };
    case 'secrets':
      return { name, type: kind, names: ['api-key', 'token'] };
    case 'bucket':
      return { name, type: kind };
    default:
      return { name, type: kind };
  }
}

const specArbitrary = fc
  .record({
    environment: environmentName,
    tier: fc.constantFrom('dev', 'staging', 'prod'),
    region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
    components: fc.uniqueArray(
      fc.record({
        name: componentName,
        kind: fc.constantFrom(...kinds),
        public: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6, selector: c => c.name },
    ),
  })
  .map(({ environment, tier, region, components }) => {
    const list: any[] = components
      .filter(c => c.kind !== 'cdn')
      .map(c => component(c.name, c.kind, c.public));
    // A cdn serves the first bucket, made public for it.
    const cdn = components.find(c => c.kind === 'cdn');
    const bucket = list.find(c => c.type === 'bucket');
    if (cdn && bucket) {
      bucket.public = true;
      list.push({ name: cdn.name, type: 'cdn', origins: [bucket.name] });
    }
    return {
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: environment, owner: 'group:default/team' },
      spec: { cloud: 'aws', region, tier, components: list },
    };
  });

describe('every emitted AWS name keeps every rule of its resource type', () => {
  it('holds for random valid specs (fast-check, seed 20261130, 200 runs)', () => {
    let checked = 0;
    fc.assert(
      fc.property(specArbitrary, spec => {
        const result = validateEnvironment(spec);
        fc.pre(result.ok);
        if (!result.ok) return;
        const files = buildAwsTerraform(resolveEnvironment(result.environment));
        const names = emittedNames(files);
        const seen = new Set<string>();
        const faults: string[] = [];
        for (const { key, name } of names) {
          checked += 1;
          if (!(key in AWS_NAME_RULES)) {
            faults.push(`${key} "${name}": no rule in AWS_NAME_RULES`);
            continue;
          }
          const kind = key as AwsNameKind;
          for (const broken of awsNameViolations(kind, name)) {
            faults.push(`${key} "${name}" must ${broken}`);
          }
          const id = `${key}\u0000${name}`;
          if (AWS_NAME_RULES[kind].unique !== 'parent' && seen.has(id)) {
            faults.push(`${key} "${name}" is emitted twice`);
          }
          seen.add(id);
        }
        expect(faults).toEqual([]);
      }),
      { seed: 20261130, numRuns: 200 },
    );
    // The property looked at real names, not at specs that were all skipped.
    expect(checked).toBeGreaterThan(1000);
  });
});
