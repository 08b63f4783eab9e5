import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Estimate the environment described by the form fields',
    example: yaml.stringify({
      steps: [
        {
          id: 'estimate',
          action: 'terrace:environment:estimate',
          name: 'Estimate',
          input: {
            name: 'shop-dev',
            owner: 'group:default/shop',
            cloud: 'aws',
            region: 'ap-southeast-2',
            tier: 'dev',
            components: [
              { name: 'db', type: 'postgres' },
              { name: 'assets', type: 'bucket' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Estimate the environment.yaml written by terrace:environment:generate',
    example: yaml.stringify({
      steps: [
        {
          id: 'estimate',
          action: 'terrace:environment:estimate',
          name: 'Estimate',
          input: { specPath: 'environment.yaml' },
        },
      ],
    }),
  },
];
