import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { awsStatusReadersFromConfig } from '../readers/aws';
import { azureStatusReadersFromConfig } from '../readers/azure';
import { StatusReadersRegistry } from '../readers/registry';
import { locateEnvironment } from './locateEnvironment';

const readers = new StatusReadersRegistry([
  awsStatusReadersFromConfig(new ConfigReader({})),
  azureStatusReadersFromConfig(
    new ConfigReader({ environments: { azure: {} } }),
  ),
]);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'shop-dev', annotations },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

describe('locateEnvironment', () => {
  it.each([
    ['aws', 'us-east-1'],
    ['azure', 'eastus'],
  ])(
    'names a region of the entity’s own cloud (%s) when the region annotation is missing',
    (cloud, example) => {
      const located = locateEnvironment(
        entity({
          'terrace.dev/cloud': cloud,
          'terrace.dev/tier': 'dev',
          'terrace.dev/account-id':
            cloud === 'aws'
              ? '123456789012'
              : '00000000-0000-0000-0000-000000000001',
        }),
        readers,
      );
      expect(located.located).toBe(false);
      if (located.located) return;
      expect(located.environment.problem).toContain(
        `terrace.dev/region (e.g. ${example})`,
      );
      expect(located.environment.problem).not.toContain('terrace.dev/tier');
    },
  );
});
