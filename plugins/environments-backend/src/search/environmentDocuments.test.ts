import { environmentCatalogCollatorTransformer } from './environmentDocuments';

describe('environmentCatalogCollatorTransformer', () => {
  it('adds cloud, region and tier to an environment document', () => {
    const doc = environmentCatalogCollatorTransformer({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'shop-staging',
        title: 'Shop staging',
        annotations: {
          'terrace.dev/cloud': 'aws',
          'terrace.dev/region': 'ap-southeast-2',
          'terrace.dev/tier': 'staging',
        },
      },
      spec: { type: 'environment', owner: 'group:default/shop' },
    }) as Record<string, unknown>;
    expect(doc).toMatchObject({
      title: 'Shop staging',
      kind: 'Resource',
      type: 'environment',
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'staging',
    });
    expect(doc.text).toContain('ap-southeast-2');
  });

  it('leaves other entities as the catalog indexes them', () => {
    const doc = environmentCatalogCollatorTransformer({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: {
        type: 'website',
        owner: 'group:default/shop',
        lifecycle: 'production',
      },
    }) as Record<string, unknown>;
    expect(doc.cloud).toBeUndefined();
    expect(doc).toMatchObject({ kind: 'Component', type: 'website' });
  });
});
