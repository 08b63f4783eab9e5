import { validateEnvironment } from '../../spec/validate';
import {
  GCP_ATLAS_PSC_ENDPOINTS,
  GCP_NAME_RULES,
  gcpComponentNames,
  gcpNamePlan,
  gcpNameViolations,
  type GcpNameKind,
} from './names';

/** A valid GCP spec with every component type the GCP generator names. */
function spec(name: string, components: unknown[]) {
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name, owner: 'group:default/shop' },
    spec: {
      cloud: 'gcp',
      region: 'europe-west1',
      tier: 'dev',
      components,
    },
  };
}

const all = [
  { name: 'db', type: 'postgres' },
  { name: 'cache', type: 'redis' },
  { name: 'api', type: 'service', public: true },
  { name: 'images', type: 'registry' },
  { name: 'assets', type: 'bucket', public: true },
  { name: 'edge', type: 'cdn', origins: ['assets', 'api'] },
  { name: 'app', type: 'secrets', names: ['stripe-key'] },
  { name: 'docs', type: 'mongodb', size: 'M10' },
  { name: 'workers', type: 'vm-group', port: 8080 },
];

function problems(raw: unknown) {
  const result = validateEnvironment(raw, { today: '2026-12-01' });
  return result.ok ? [] : result.problems;
}

describe('Google Cloud naming rules in validation', () => {
  it('accepts a spec whose every GCP name obeys its rule', () => {
    expect(problems(spec('shop-dev', all))).toEqual([]);
  });

  it('fits the longest environment and component names into every GCP limit', () => {
    const env = `a${'b'.repeat(30)}c`; // 32 characters, the spec's maximum
    const long = (n: string) => `${n}${'x'.repeat(20 - n.length)}`;
    const components = all.map(c => ({
      ...c,
      name: long(c.name),
      ...(c.type === 'cdn' ? { origins: [long('assets'), long('api')] } : {}),
    }));
    expect(problems(spec(env, components))).toEqual([]);
    const plan = gcpNamePlan(env, components);
    expect(plan.length).toBeGreaterThan(20);
    for (const p of plan) expect(gcpNameViolations(p.kind, p.name)).toEqual([]);
    // Service account ids (6-30) are the tightest: cut and hashed, still distinct.
    const a = gcpComponentNames(env, components[2].name).serviceAccount;
    const b = gcpComponentNames(
      env,
      `${components[2].name.slice(0, 19)}y`,
    ).serviceAccount;
    expect(a.length).toBeLessThanOrEqual(30);
    expect(a).not.toBe(b);
    // An instance template's name_prefix leaves room for the provider's 26-character suffix.
    const workers = gcpComponentNames(env, long('workers'));
    expect(`${workers.instanceTemplatePrefix}-`.length).toBeLessThanOrEqual(37);
    // Template, MIG, base instance name, autoscaler, health check, backend service, forwarding
    // rule, service account, firewall: all checked above.
    expect(
      plan.filter(p => p.component === components.length - 1),
    ).toHaveLength(9);
  });

  it('plans the Private Service Connect names of Atlas in prod, and fits them for the longest names', () => {
    const env = `a${'b'.repeat(30)}c`;
    const docs = `docs${'x'.repeat(16)}`;
    const prod = { ...spec(env, [{ name: docs, type: 'mongodb' }]) };
    prod.spec.tier = 'prod';
    expect(problems(prod)).toEqual([]);
    const psc = gcpNamePlan(env, [
      { name: docs, type: 'mongodb', privateLink: true },
    ]).filter(p => /-atlas-\d+$/.test(p.name));
    expect(psc.map(p => p.kind)).toEqual([
      'google_compute_address.name',
      'google_compute_forwarding_rule.name',
    ]);
    const prefix = gcpComponentNames(env, docs).atlasEndpointPrefix;
    expect(psc.map(p => p.name)).toEqual([
      `${prefix}${GCP_ATLAS_PSC_ENDPOINTS - 1}`,
      `${prefix}${GCP_ATLAS_PSC_ENDPOINTS - 1}`,
    ]);
    for (const p of psc) expect(gcpNameViolations(p.kind, p.name)).toEqual([]);
    expect(
      gcpNamePlan(env, [{ name: docs, type: 'mongodb', privateLink: false }])
        .map(p => p.name)
        .filter(n => n.includes('-atlas-')),
    ).toEqual([]);
  });

  it('refuses a component whose bucket name would contain "google", at the component name', () => {
    const found = problems(
      spec('shop-dev', [{ name: 'google', type: 'bucket' }]),
    );
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.components[0].name');
    expect(found[0].message).toMatch(
      /^makes Google Cloud names that Google refuses: Cloud Storage bucket name "shop-dev-google-p+" must not contain "google" or a close misspelling$/,
    );
  });

  it('refuses an environment name every bucket name would begin with "goog", at metadata.name', () => {
    const found = problems(
      spec('goog-shop', [{ name: 'assets', type: 'bucket' }]),
    );
    expect(found.map(p => p.path)).toEqual(['metadata.name']);
    expect(found[0].message).toContain('must not begin with "goog"');
  });

  it('refuses a secret name Secret Manager does not take, at names[j]', () => {
    const found = problems(
      spec('shop-dev', [
        { name: 'app', type: 'secrets', names: ['ok-name', 'has.dot'] },
      ]),
    );
    expect(found).toEqual([
      {
        path: 'spec.components[0].names[1]',
        message:
          'makes Google Cloud names that Google refuses: Secret Manager secret id "shop-dev-app-has.dot" must be made of letters, digits, hyphens and underscores',
      },
    ]);
  });

  it('refuses two components whose GCP names come out the same, at the later one', () => {
    // `a-b` + `c` and `a` + `b-c` both make the secret id `<env>-a-b-c`.
    const found = problems(
      spec('shop-dev', [
        { name: 'a-b', type: 'secrets', names: ['c'] },
        { name: 'a', type: 'secrets', names: ['b-c'] },
      ]),
    );
    expect(found.map(p => p.path)).toEqual(['spec.components[1].name']);
    expect(found[0].message).toContain(
      'Secret Manager secret id "shop-dev-a-b-c" is already the name of spec.components[0]',
    );
  });

  it('states each rule with its source, and reports what a name breaks', () => {
    for (const [kind, rule] of Object.entries(GCP_NAME_RULES)) {
      expect(rule.source).toMatch(
        /^https:\/\/(cloud\.google\.com|www\.mongodb\.com)\//,
      );
      expect(rule.minLength).toBeLessThanOrEqual(rule.maxLength);
      expect(kind).toMatch(/^(google|mongodbatlas)_[a-z0-9_]+\.[a-z_]+$/);
    }
    const k: GcpNameKind = 'google_service_account.account_id';
    expect(gcpNameViolations(k, 'ab-')).toEqual([
      'be 6-30 characters long (it is 3)',
      'not end with a hyphen',
    ]);
    expect(gcpNameViolations('google_redis_instance.name', '1cache')).toEqual([
      'begin with a lowercase letter',
    ]);
  });
});
