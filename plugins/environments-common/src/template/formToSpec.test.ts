import { validateEnvironment } from '../spec';
import {
  ENVIRONMENT_FORM_FIELDS,
  environmentFormFromSpec,
  environmentSpecFromForm,
  systemNameFromRef,
  type EnvironmentForm,
} from './formToSpec';

describe('environmentSpecFromForm', () => {
  it('builds a valid spec from the template form, ignoring fields that are not the spec', () => {
    const spec = environmentSpecFromForm({
      name: 'shop-dev',
      title: 'Shop dev',
      description: '',
      owner: 'group:default/shop',
      system: '',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [
        { name: 'db', type: 'postgres', size: '', storageGb: undefined },
      ],
      publishTarget: 'local',
      estimate: 12.5,
    });
    expect(spec).toEqual({
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: {
        name: 'shop-dev',
        title: 'Shop dev',
        owner: 'group:default/shop',
      },
      spec: {
        cloud: 'aws',
        region: 'ap-southeast-2',
        tier: 'dev',
        components: [{ name: 'db', type: 'postgres' }],
      },
    });
    expect(validateEnvironment(spec).ok).toBe(true);
  });

  it('puts every field of the form at the place ENVIRONMENT_FORM_FIELDS gives it', () => {
    const form: Required<EnvironmentForm> = {
      name: 'shop-dev',
      title: 'Shop dev',
      description: 'The shop, for developers',
      owner: 'group:default/shop',
      system: 'shop',
      tags: ['shop'],
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      network: { cidr: '10.1.0.0/16' },
      components: [{ name: 'db', type: 'postgres' }],
      usage: { natProcessedGb: 5 },
      expiresAt: '2026-12-24',
      // a TTL is not placed as it is: it becomes expiresAt (below); 0 is "none"
      expiresInDays: 0,
      destroyOnExpiry: true,
    };
    const doc = environmentSpecFromForm(form) as Record<
      string,
      Record<string, unknown>
    >;
    const placed = Object.entries(ENVIRONMENT_FORM_FIELDS)
      .filter(([field]) => field !== 'expiresInDays')
      .map(([field, { section }]) => [field, doc[section][field]]);
    const { expiresInDays: _ttl, ...placedFields } = form;
    expect(Object.fromEntries(placed)).toEqual(placedFields);
    expect(Object.keys(doc.metadata)).toEqual([
      'name',
      'title',
      'description',
      'owner',
      'system',
      'tags',
    ]);
    expect(validateEnvironment(doc).ok).toBe(true);
  });

  it('turns a TTL in days into spec.expiresAt counted from the clock', () => {
    const form = {
      name: 'shop-dev',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [{ name: 'db', type: 'postgres' }],
      expiresInDays: 30,
      destroyOnExpiry: false,
    };
    const now = () => new Date('2026-12-01T09:30:00.250Z');
    const doc = environmentSpecFromForm(form, { now }) as any;
    expect(doc.spec.expiresAt).toBe('2026-12-31T09:30:00Z');
    // false is the default and is not written
    expect(doc.spec).not.toHaveProperty('destroyOnExpiry');
    expect(validateEnvironment(doc, { today: '2026-12-01' }).ok).toBe(true);
    for (const none of [0, undefined, '', 'none']) {
      const plain = environmentSpecFromForm(
        { ...form, expiresInDays: none },
        { now },
      ) as any;
      expect(plain.spec).not.toHaveProperty('expiresAt');
    }
  });

  it('drops a TTL and destroyOnExpiry left from an earlier tier choice when the tier is prod', () => {
    const prod = environmentSpecFromForm({
      name: 'shop-prod',
      owner: 'group:default/shop',
      tier: 'prod',
      expiresInDays: 14,
      destroyOnExpiry: true,
    }) as any;
    expect(prod.spec).toEqual({ tier: 'prod' });
    // an explicit date is the user's own: validation names it
    const explicit = environmentSpecFromForm({
      tier: 'prod',
      expiresAt: '2026-12-24',
    }) as any;
    expect(explicit.spec.expiresAt).toBe('2026-12-24');
  });

  it('passes a spec document through unchanged', () => {
    const doc = {
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: {},
      spec: {},
    };
    expect(environmentSpecFromForm(doc)).toBe(doc);
  });

  it('keeps component positions so problems point at the right form row', () => {
    const spec = environmentSpecFromForm({
      name: 'shop-dev',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [{}, { name: 'db', type: 'postgres' }],
    });
    const result = validateEnvironment(spec);
    expect(result).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({ path: 'spec.components[0].type' }),
      ]),
    });
  });
});

describe('the System picker value', () => {
  it('stores the plain system name the spec contract names', () => {
    const spec = environmentSpecFromForm({
      name: 'shop-dev',
      owner: 'group:default/shop',
      system: 'system:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [{ name: 'db', type: 'postgres' }],
    }) as { metadata: { system?: string } };
    expect(spec.metadata.system).toBe('shop');
    expect(validateEnvironment(spec).ok).toBe(true);
  });

  it('keeps a plain name and names a ref to another kind as a problem of metadata.system', () => {
    expect(systemNameFromRef('shop')).toBe('shop');
    const spec = environmentSpecFromForm({
      name: 'shop-dev',
      owner: 'group:default/shop',
      system: 'component:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [{ name: 'db', type: 'postgres' }],
    });
    const result = validateEnvironment(spec);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(p => p.path)).toEqual([
      'metadata.system',
    ]);
  });
});

describe('environmentFormFromSpec', () => {
  it('gives the form data that builds the same spec again (the Update form opens with it)', () => {
    const doc = {
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: {
        name: 'shop-dev',
        title: 'Shop dev',
        owner: 'group:default/shop',
        system: 'shop',
        tags: ['team-a'],
      },
      spec: {
        cloud: 'aws',
        region: 'eu-west-1',
        tier: 'dev',
        components: [
          { name: 'db', type: 'postgres', size: 'db.t3.small' },
          { name: 'assets', type: 'bucket' },
        ],
        usage: { egressGb: 50 },
      },
    };
    const form = environmentFormFromSpec(doc);
    expect(form).toEqual({
      name: 'shop-dev',
      title: 'Shop dev',
      owner: 'group:default/shop',
      system: 'system:default/shop',
      tags: ['team-a'],
      cloud: 'aws',
      region: 'eu-west-1',
      tier: 'dev',
      components: doc.spec.components,
      usage: { egressGb: 50 },
    });
    expect(environmentSpecFromForm(form)).toEqual(doc);
  });

  it('gives an empty form for something that is not a spec document', () => {
    expect(environmentFormFromSpec('nope')).toEqual({});
    expect(environmentFormFromSpec({ metadata: 3 })).toEqual({});
  });
});
