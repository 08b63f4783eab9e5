import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Apply a dev environment with the configured executor',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'terrace:terraform:apply',
          name: 'Apply',
          input: { environment: 'shop-dev', tier: 'dev' },
        },
      ],
    }),
  },
  {
    description:
      'Plan a prod environment on the Backstage host without applying it',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'terrace:terraform:apply',
          name: 'Plan',
          input: {
            environment: 'shop-prod',
            tier: 'prod',
            executor: 'local',
            planOnly: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply a prod environment: the task waits until someone other than the user who started it approves in the portal',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'terrace:terraform:apply',
          name: 'Apply',
          input: {
            environment: 'shop-prod',
            tier: 'prod',
            executor: 'local',
          },
        },
      ],
    }),
  },
];
