import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Apply a proposed change: merge its branch in the workspace, apply, then push the merge',
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'terrace:environment:fetch',
          name: 'Fetch the repository',
          input: { entityRef: '${{ parameters.environment }}' },
        },
        {
          id: 'merge',
          action: 'terrace:environment:merge',
          name: 'Merge the change',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            branch: '${{ parameters.branch }}',
          },
        },
        {
          id: 'apply',
          action: 'terrace:terraform:apply',
          name: 'Apply',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            tier: '${{ steps.fetch.output.tier }}',
            recordHistory: false,
          },
        },
        {
          id: 'push',
          action: 'terrace:environment:push',
          name: 'Push the merge',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            branch: '${{ parameters.branch }}',
          },
        },
      ],
    }),
  },
];
