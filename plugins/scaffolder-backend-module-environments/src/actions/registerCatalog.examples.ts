import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the environment entity from the local checkout made by terrace:git:publish',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'terrace:catalog:register',
          name: 'Register',
          input: {
            catalogInfoUrl: '${{ steps.publish.output.catalogInfoUrl }}',
            entityRef: 'resource:default/shop-dev',
          },
        },
      ],
    }),
  },
  {
    description:
      'Register an entity file served over https, without waiting for it',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'terrace:catalog:register',
          name: 'Register',
          input: {
            catalogInfoUrl:
              'https://git.example.test/platform/shop-dev/raw/main/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
