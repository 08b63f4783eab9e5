/**
 * Builds the "Apply environment change" template
 * (plugins/catalog-backend-module-environments-template/templates/apply-change/template.yaml).
 * `applyChangeTemplate.test.ts` checks the committed file is exactly this output, and that each
 * step's input is one its action accepts.
 */

import { environmentEntityField } from './environmentField';

type Json = Record<string, any>;

/** The template's name: the entity page's "Review and apply" link opens it by this name. */
export const APPLY_CHANGE_TEMPLATE_NAME = 'apply-change';

/** The whole template document. */
export function buildApplyChangeTemplate(): Json {
  const parameters: Json[] = [
    {
      title: 'Change',
      description:
        'Applies a change proposed by "Change this environment" (a branch terrace/change-<task id> of the environment\'s local repository): merges it into the default branch in the task\'s workspace, applies it with Terraform, and only after the apply succeeded pushes the merge and deletes the branch. A change that no longer merges cleanly is refused and nothing is applied. Read the change (its plan and cost delta) on the entity page before applying it.',
      required: ['environment', 'branch', 'executor'],
      properties: {
        environment: environmentEntityField('The environment the change is for'),
        branch: {
          title: 'Change branch',
          type: 'string',
          description:
            'The branch of the proposed change, terrace/change-<task id> (the entity page\'s "Pending changes" lists them)',
          pattern: '^terrace/change-[A-Za-z0-9][A-Za-z0-9._-]*$',
        },
        executor: {
          title: 'Apply with',
          type: 'string',
          enum: ['local', 'hcp'],
          enumNames: [
            'local — Terraform on the Backstage host',
            'hcp — an HCP Terraform / Terraform Enterprise run',
          ],
          default: 'local',
          'ui:widget': 'radio',
        },
      },
    },
  ];
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: APPLY_CHANGE_TEMPLATE_NAME,
      title: 'Apply environment change',
      description:
        "Merges a proposed environment change into its repository, applies it with Terraform (a prod environment waits for a second person's approval) and records it in the environment's history.",
      tags: ['terrace', 'terraform', 'environment', 'change'],
    },
    spec: {
      owner: 'group:default/platform',
      type: 'environment',
      parameters,
      steps: [
        {
          id: 'fetch',
          name: 'Fetch the repository',
          action: 'terrace:environment:fetch',
          input: { entityRef: '${{ parameters.environment }}' },
        },
        {
          id: 'merge',
          name: 'Merge the change',
          action: 'terrace:environment:merge',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            branch: '${{ parameters.branch }}',
          },
        },
        {
          // the apply records no create event: the push step records the change
          id: 'apply',
          name: 'Apply',
          action: 'terrace:terraform:apply',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            tier: '${{ steps.fetch.output.tier }}',
            executor: '${{ parameters.executor }}',
            recordHistory: false,
          },
        },
        {
          id: 'push',
          name: 'Push the merge and delete the branch',
          action: 'terrace:environment:push',
          input: {
            environment: '${{ steps.fetch.output.name }}',
            branch: '${{ parameters.branch }}',
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open the environment in the catalog',
            icon: 'catalog',
            entityRef: '${{ steps.fetch.output.entityRef }}',
          },
        ],
        text: [
          {
            title: 'Apply',
            content: '${{ steps.apply.output.summary }}',
          },
        ],
      },
    },
  };
}
