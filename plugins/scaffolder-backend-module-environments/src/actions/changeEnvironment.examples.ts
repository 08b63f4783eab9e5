import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Add a Redis cache to shop-dev: the local repository shop-dev.git is cloned, regenerated, priced against the current spec, and the change pushed on a branch terrace/change-<task id> with .terrace/changes/<task id>.md',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'terrace:environment:change',
          name: 'Propose the change',
          input: {
            name: 'shop-dev',
            owner: 'group:default/shop',
            cloud: 'aws',
            region: 'ap-southeast-2',
            tier: 'dev',
            components: [
              { name: 'db', type: 'postgres' },
              { name: 'cache', type: 'redis' },
            ],
            executor: 'ci',
          },
        },
      ],
    }),
  },
  {
    description:
      'Remove the database of shop-dev, acknowledging that its data is lost (refused without acknowledgeDataLoss)',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'terrace:environment:change',
          name: 'Propose the change',
          input: {
            name: 'shop-dev',
            owner: 'group:default/shop',
            cloud: 'aws',
            region: 'ap-southeast-2',
            tier: 'dev',
            components: [{ name: 'assets', type: 'bucket' }],
            acknowledgeDataLoss: true,
            executor: 'ci',
          },
        },
      ],
    }),
  },
];
