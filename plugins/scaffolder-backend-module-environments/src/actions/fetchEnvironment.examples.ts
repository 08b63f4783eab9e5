import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Put the repository of the environment picked in the form in the workspace, then read a git host's with fetch:plain",
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'terrace:environment:fetch',
          name: 'Fetch the repository',
          input: { entityRef: '${{ parameters.environment }}' },
        },
        {
          id: 'fetch-remote',
          if: '${{ steps.fetch.output.remoteUrl }}',
          action: 'fetch:plain',
          name: 'Fetch from the git host',
          input: { url: '${{ steps.fetch.output.remoteUrl }}' },
        },
      ],
    }),
  },
];
