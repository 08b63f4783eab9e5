import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Destroy a dev environment whose repository the fetch step put in the workspace, with its name typed again',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'terrace:environment:destroy',
          name: 'Destroy',
          input: {
            environment: 'shop-dev',
            confirmName: '${{ parameters.confirmName }}',
            executor: 'local',
          },
        },
      ],
    }),
  },
  {
    description:
      'Destroy an environment with deletion protection on and buckets holding objects, lifting the protection and deleting every object and object version in its buckets first (the form says what that means)',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'terrace:environment:destroy',
          name: 'Destroy',
          input: {
            environment: 'shop-dev',
            confirmName: 'shop-dev',
            liftDeletionProtection: true,
            forceDestroyBuckets: true,
            entityRef: 'resource:default/shop-dev',
            executor: 'local',
          },
        },
      ],
    }),
  },
];
