import { InputError } from '@backstage/errors';
import type {
  ResolvedEnvironment,
  SizeCatalog,
} from '@terrace/plugin-environments-common';
import { parse } from 'yaml';
import {
  estimateSpec,
  type CloudPricer,
  type CloudPricers,
  type LineCollector,
  type PricePoint,
} from '../estimate';
import {
  generateEnvironmentRepo,
  terraformEmitters,
  type TerraformEmitter,
  type TerraformEmitters,
} from '../generate';

/**
 * A cloud added through the interfaces alone: a stub Google Cloud emitter and pricer live in this
 * folder, nothing outside it knows them, and validation, generation and the estimate dispatch to
 * them because they are registered for `gcp`.
 */
const REGION = 'europe-west1';
const SIZES = ['db-f1-micro', 'db-g1-small'];

const stubSizes: SizeCatalog = {
  covers: (_cloud, type) => type === 'postgres',
  isKnownSize: (_cloud, _type, size, region) =>
    region === REGION && SIZES.includes(size),
  knownSizes: () => SIZES,
  knownRegions: () => [REGION],
};

const stubEmitter: TerraformEmitter = {
  cloud: 'gcp',
  async generate(env: ResolvedEnvironment) {
    return {
      'main.tf': env.components
        .map(c => `# ${stubEmitter.address('stub_thing', c.name)}\n`)
        .join(''),
    };
  },
  address: (type, component, suffix) =>
    `${type}.${[component, suffix].filter(Boolean).join('_')}`,
  readme: {
    describeComponent: c => `a stub ${c.type}`,
    alarmTarget: env => `the stub channel ${env.name}`,
    state: () => 'State lives in the stub bucket.',
    workflowCredentials: () => 'stub credentials',
    secrets: () => ['Secrets live in the stub vault.'],
  },
  workflowCredentialSteps: () => [{ name: 'Stub credentials', run: 'true' }],
};

const STUB_PRICE: PricePoint = {
  usd: 0.01,
  unit: 'hours',
  source: 'stub catalog',
  url: 'http://127.0.0.1/stub',
  retrieved: '2026-11-01',
};

const stubPricer: CloudPricer = {
  cloud: 'gcp',
  sizes: stubSizes,
  price(env: ResolvedEnvironment, out: LineCollector) {
    for (const c of env.components) {
      out.add(
        {
          component: c.name,
          resource: stubEmitter.address('stub_thing', c.name),
          description: `stub ${c.type}`,
          quantity: 730,
        },
        STUB_PRICE,
      );
    }
    return { currency: 'USD', source: 'stub catalog 1', catalogVersion: '1' };
  },
  assumptions: () => ['Stub prices.'],
};

const emitters: TerraformEmitters = { gcp: stubEmitter };
const pricers: CloudPricers = { gcp: stubPricer };

function spec(size: string) {
  return parse(`
apiVersion: terrace.dev/v1alpha1
kind: Environment
metadata: { name: stubby, owner: group:default/platform }
spec:
  cloud: gcp
  region: ${REGION}
  tier: dev
  components:
    - { name: db, type: postgres, size: ${size} }
`);
}

describe('a cloud registered through the interfaces alone', () => {
  it('validates sizes against the stub pricer', () => {
    const result = estimateSpec(spec('db-custom-2-7680'), { pricers });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'spec.components[0].size',
          message: `"db-custom-2-7680" is not a known gcp postgres size in ${REGION} (known: db-f1-micro, db-g1-small)`,
        },
      ],
    });
  });

  it('prices with the stub pricer, naming resources with the stub emitter', () => {
    const result = estimateSpec(spec('db-f1-micro'), { pricers });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.estimate).toMatchObject({
      monthly: 7.3,
      prices: { source: 'stub catalog 1', catalogVersion: '1' },
      lines: [{ component: 'db', resource: 'stub_thing.db', monthly: 7.3 }],
      assumptions: ['Stub prices.'],
    });
  });

  it('generates the repo with the stub emitter', async () => {
    const result = estimateSpec(spec('db-f1-micro'), { pricers });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const files = await generateEnvironmentRepo(result.resolved, {
      spec: spec('db-f1-micro'),
      emitters,
      pricers,
    });
    expect([...files.keys()]).toEqual([
      '.github/workflows/terraform.yml',
      '.gitignore',
      'README.md',
      'catalog-info.yaml',
      'cost.json',
      'environment.yaml',
      'terraform/main.tf',
    ]);
    expect(files.get('terraform/main.tf')).toBe('# stub_thing.db\n');
    expect(files.get('README.md')).toContain(
      '| db | postgres | a stub postgres |',
    );
    expect(files.get('README.md')).toContain('State lives in the stub bucket.');
    expect(files.get('.github/workflows/terraform.yml')).toContain(
      'name: Stub credentials',
    );
    expect(JSON.parse(files.get('cost.json')!).monthly).toBe(7.3);
  });

  it('is refused, naming spec.cloud, where it is not registered', async () => {
    const result = estimateSpec(spec('db-f1-micro'), { pricers });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const generating = generateEnvironmentRepo(result.resolved, {
      spec: {},
      estimate: result.estimate,
      // Every cloud Terrace generates, but the stub's.
      emitters: Object.fromEntries(
        Object.entries(terraformEmitters).filter(([cloud]) => cloud !== 'gcp'),
      ),
    });
    await expect(generating).rejects.toThrow(InputError);
    await expect(generating).rejects.toThrow(
      'spec.cloud: Terraform generation for gcp is not available yet; only aws, azure environments can be generated',
    );
  });
});
