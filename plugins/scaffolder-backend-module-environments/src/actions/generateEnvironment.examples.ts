import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Generate the environment repository from the form fields',
    example: yaml.stringify({
      steps: [
        {
          id: 'generate',
          action: 'terrace:environment:generate',
          name: 'Validate and generate',
          input: {
            name: 'shop-dev',
            title: 'Shop dev',
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
      'Regenerate from an environment.yaml already in the workspace, into a folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'generate',
          action: 'terrace:environment:generate',
          name: 'Regenerate',
          input: { specPath: 'environment.yaml', targetPath: 'repo' },
        },
      ],
    }),
  },
];
