import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the generated repository to the local bare repository (no git host needed)',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'terrace:git:publish',
          name: 'Publish',
          input: { name: 'shop-dev' },
        },
      ],
    }),
  },
  {
    description: 'Publish one folder of the workspace on a named branch',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'terrace:git:publish',
          name: 'Publish',
          input: {
            name: 'shop-dev',
            sourcePath: 'repo',
            branch: 'main',
            commitMessage: 'Create environment shop-dev',
          },
        },
      ],
    }),
  },
];
