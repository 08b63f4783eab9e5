/**
 * Builds the "Update environment" template
 * (plugins/catalog-backend-module-environments-template/templates/update-environment/template.yaml)
 * from the Create template's own pages, so both forms ask the same questions the same way. The
 * entity page's "Change this environment" opens it with `?formData=` holding the current spec's
 * form values (`environmentFormFromSpec`). `template.test.ts` checks the committed file is exactly
 * this output.
 */
import {
  ESTIMATE_FIELD,
  buildCreateEnvironmentTemplate,
  formFieldInputs,
} from './buildTemplate';

type Json = Record<string, any>;

/** What the form says, before submit, about losing a data store. */
export const DATA_LOSS_NOTICE =
  'Removing or replacing a data store (postgres, mongodb, bucket, redis) — deleting its row, changing its type, or anything that makes Terraform replace it — loses what it holds: the change is refused unless you tick "I acknowledge data loss" on the last step.';

function page(pages: Json[], title: string): Json {
  const found = pages.find(p => p.title === title);
  if (!found) throw new Error(`the Create template has no page "${title}"`);
  return found;
}

/** The whole template document. */
export function buildUpdateEnvironmentTemplate(): Json {
  // a copy of the Create template's pages: built fresh on each call
  const create: Json[] = buildCreateEnvironmentTemplate().spec.parameters;

  // Basics: the name says which environment; it cannot be renamed
  const basics = page(create, 'Basics');
  const {
    'ui:field': _picker,
    'ui:autofocus': _focus,
    ...name
  } = basics.properties.name;
  basics.title = 'Environment';
  basics.properties.name = {
    ...name,
    description: 'The environment to change (an environment cannot be renamed)',
    'ui:readonly': true,
  };

  // Cloud: moving an environment to another cloud or region replaces everything in it
  const cloud = page(create, 'Cloud');
  delete cloud.properties.accountId;
  cloud.properties.cloud = {
    ...cloud.properties.cloud,
    'ui:readonly': true,
  };
  cloud.dependencies.cloud.oneOf = cloud.dependencies.cloud.oneOf.map(
    (branch: Json) => ({
      ...branch,
      properties: {
        ...branch.properties,
        region: { ...branch.properties.region, 'ui:readonly': true },
      },
    }),
  );
  cloud.description =
    'The cloud and region stay: moving an environment replaces every resource in it. The tier changes sizing defaults and policy.';

  const components = page(create, 'Components');
  components.description = DATA_LOSS_NOTICE;

  const apply = page(create, 'Apply');
  const review: Json = {
    title: 'Review the change',
    description: DATA_LOSS_NOTICE,
    required: ['executor', 'publishTarget'],
    properties: {
      acknowledgeDataLoss: {
        title: 'I acknowledge data loss',
        type: 'boolean',
        default: false,
        description:
          'Required when this change removes or replaces a data store (postgres, mongodb, bucket, redis); back up what it holds first',
      },
      executor: {
        ...apply.properties.executor,
        title: 'Plan with',
        enumNames: [
          'ci — the repository workflow plans the pull request',
          'local — Terraform on the Backstage host plans now (the plan is in the change)',
          'hcp — an HCP Terraform / Terraform Enterprise plan-only run',
        ],
      },
      publishTarget: {
        ...apply.properties.publishTarget,
        enumNames: [
          'Local git repository on the Backstage host: a branch and a merge request file',
          'GitHub: a pull request (needs a GitHub integration)',
        ],
      },
      estimate: {
        ...ESTIMATE_FIELD,
        title: 'Estimated monthly cost after the change',
      },
    },
    'ui:order': [
      'acknowledgeDataLoss',
      'executor',
      'publishTarget',
      '*',
      'estimate',
    ],
    dependencies: apply.dependencies,
  };

  const parameters = [basics, cloud, components, review];
  const github = "${{ parameters.publishTarget == 'github' }}";
  const repoWeb =
    "${{ 'https://' + (parameters.repoUrl | parseRepoUrl).host + '/' + (parameters.repoUrl | parseRepoUrl).owner + '/' + (parameters.repoUrl | parseRepoUrl).repo }}";
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: 'update-environment',
      title: 'Update environment',
      description:
        'Change an existing environment: its repository regenerated from the new spec, with the Terraform plan and the cost delta per line, opened for review as a branch (local repository) or a pull request (GitHub).',
      tags: ['terrace', 'terraform', 'environment'],
    },
    spec: {
      owner: 'group:default/platform',
      type: 'environment',
      parameters,
      steps: [
        {
          id: 'fetch',
          name: 'Fetch the repository',
          if: github,
          action: 'fetch:plain',
          input: { url: repoWeb },
        },
        {
          id: 'change',
          name: 'Regenerate, plan and price the change',
          action: 'terrace:environment:change',
          input: {
            ...formFieldInputs(parameters),
            acknowledgeDataLoss: '${{ parameters.acknowledgeDataLoss }}',
            executor: '${{ parameters.executor }}',
            publishTarget: '${{ parameters.publishTarget }}',
          },
        },
        {
          id: 'pull-request',
          name: 'Open the pull request',
          if: github,
          action: 'publish:github:pull-request',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            branchName: '${{ steps.change.output.branch }}',
            title: 'Change environment ${{ parameters.name }}',
            description: '${{ steps.change.output.description }}',
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Pull request',
            icon: 'github',
            url: "${{ steps['pull-request'].output.remoteUrl }}",
          },
          {
            title: 'Open the environment in the catalog',
            icon: 'catalog',
            entityRef: 'resource:default/${{ parameters.name }}',
          },
        ],
        text: [
          {
            title: 'The change',
            content: '${{ steps.change.output.description }}',
          },
        ],
        planSummary: '${{ steps.change.output.planSummary }}',
        costDelta: '${{ steps.change.output.costDelta }}',
        branch: '${{ steps.change.output.branch }}',
      },
    },
  };
}
