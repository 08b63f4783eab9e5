import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The reference stacks every change must keep valid (copied from the project brief). */
export const REFERENCE_STACKS = ['aussie-markets-staging', 'mve-production'];

export function readReferenceStack(name: string): any {
  return parse(
    fs.readFileSync(
      path.join(__dirname, '..', '__fixtures__', `${name}.yaml`),
      'utf8',
    ),
  );
}

/** A small valid staging spec on AWS, to mutate in tests. */
export function baseSpec(): any {
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-staging', owner: 'group:default/shop' },
    spec: {
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'staging',
      components: [
        { name: 'db', type: 'postgres' },
        { name: 'cache', type: 'redis' },
        {
          name: 'api',
          type: 'service',
          image: 'ghcr.io/acme/api:1.0.0',
          public: true,
        },
        { name: 'assets', type: 'bucket', public: true },
        { name: 'web', type: 'cdn', origins: ['assets', 'api'] },
        { name: 'images', type: 'registry' },
        { name: 'app', type: 'secrets', names: ['jwt-secret'] },
      ],
    },
  };
}
