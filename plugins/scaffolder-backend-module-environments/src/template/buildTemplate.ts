/**
 * Builds the "Create environment" template (plugins/catalog-backend-module-environments-template/templates/create-environment/template.yaml) from the
 * spec's own schema, region lists and tier presets, so the form can never drift from what the
 * validator accepts. `template.test.ts` checks the committed file is exactly this output.
 */
import {
  ENVIRONMENT_FORM_FIELDS,
  EXPIRING_TIERS,
  EXPIRY_TTL_DAYS,
  cloudRegions,
  environmentJsonSchema,
  tierPresets,
  type Cloud,
  type ComponentType,
  type Tier,
} from '@terrace/plugin-environments-common';

type Json = Record<string, any>;

const CLOUD_TITLES: Record<Cloud, string> = {
  aws: 'Amazon Web Services',
  azure: 'Microsoft Azure',
  gcp: 'Google Cloud',
};

const COMPONENT_TITLES: Record<ComponentType, string> = {
  postgres: 'PostgreSQL database',
  mongodb: 'MongoDB Atlas cluster',
  redis: 'Redis cache',
  bucket: 'Object storage bucket',
  cdn: 'CDN',
  service: 'Container service',
  'vm-group': 'VM group behind a load balancer',
  registry: 'Container registry',
  secrets: 'Secrets',
};

const TIERS: Tier[] = ['dev', 'staging', 'prod'];

function titleCase(field: string) {
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return (
    words.charAt(0).toUpperCase() +
    words
      .slice(1)
      .replace(/\bgb\b/, 'GB')
      .replace(/\bmb\b/, 'MB')
  );
}

/** What a value of each patterned field looks like, for the form's error message. */
const FORMAT_EXAMPLES: Record<string, string> = {
  version: 'a version number such as 16 or 7.1',
  size: "a size in the cloud's own names, such as db.t3.small",
  instanceType: "an instance type in the cloud's own names, such as t3.small",
  healthCheckPath: 'a path starting with "/", such as /health',
  allowedCidr: 'an IPv4 CIDR block such as 10.0.0.0/16',
  image: 'a container image reference such as nginx:1.27',
};

/**
 * Gives a field with a `pattern` a sentence for the form to show instead of the pattern itself
 * (the form reads the `errorMessage` keyword of ajv-errors); list items get theirs too.
 */
function withErrorMessage(field: string, prop: Json): Json {
  if (typeof prop.pattern === 'string') {
    const example = FORMAT_EXAMPLES[field];
    return {
      ...prop,
      errorMessage: {
        pattern: example
          ? `must be ${example}`
          : 'is not in the expected format',
      },
    };
  }
  if (
    prop.type === 'array' &&
    prop.items &&
    typeof prop.items.pattern === 'string'
  ) {
    return {
      ...prop,
      items: {
        ...prop.items,
        errorMessage: {
          pattern:
            'must be letters, digits, ".", "_" or "-", starting with a letter or digit',
        },
      },
    };
  }
  return prop;
}

function stripSchema(schema: Json): Json {
  const { $schema: _s, additionalProperties: _a, ...rest } = schema;
  return rest;
}

/** The components array: `type` chooses the fields shown; tier defaults as placeholders. */
function componentsSchema(): Json {
  const spec = (environmentJsonSchema() as Json).properties.spec.properties;
  const items: Json[] = spec.components.items.oneOf;
  const types = items.map(i => i.properties.type.const as ComponentType);
  const branches = items.map(item => {
    const type = item.properties.type.const as ComponentType;
    const properties: Json = { type: { const: type } };
    for (const [field, raw] of Object.entries<Json>(item.properties)) {
      if (field === 'name' || field === 'type') continue;
      const prop: Json = withErrorMessage(field, {
        title: titleCase(field),
        ...stripSchema(raw),
      });
      // The scaffolder merges the ui schema of same-named fields across types, so a per-type
      // placeholder here would show another type's hint; the ComponentSetting field works out
      // this row's tier default (type, cloud, tier) itself.
      if (prop.type !== 'array' && prop.type !== 'object') {
        prop['ui:field'] = 'ComponentSetting';
      }
      properties[field] = prop;
    }
    return { properties };
  });
  const nameSchema = items[0].properties.name;
  return {
    title: 'Components',
    description:
      'What the environment holds. Leave a field empty to take the tier default shown in it.',
    type: 'array',
    minItems: spec.components.minItems,
    maxItems: spec.components.maxItems,
    items: {
      type: 'object',
      required: ['name', 'type'],
      properties: {
        name: {
          title: 'Name',
          type: 'string',
          pattern: nameSchema.pattern,
          errorMessage: {
            pattern:
              'must be 1-20 characters of lowercase letters, digits and hyphens, starting with a letter',
          },
          description:
            'Lower case letters, digits and "-", starting with a letter; at most 20 characters',
        },
        type: {
          title: 'Type',
          type: 'string',
          enum: types,
          enumNames: types.map(t => `${t} — ${COMPONENT_TITLES[t]}`),
        },
      },
      dependencies: { type: { oneOf: branches } },
    },
    default: [{ name: 'db', type: 'postgres' }],
  };
}

function regionsByCloud(): Json {
  return {
    oneOf: (Object.keys(cloudRegions) as Cloud[]).map(cloud => ({
      properties: {
        cloud: { const: cloud },
        region: {
          title: 'Region',
          description: `The ${CLOUD_TITLES[cloud]} region`,
          type: 'string',
          enum: [...cloudRegions[cloud]],
        },
      },
      required: ['region'],
    })),
  };
}

/**
 * Expiry, asked only for the preview tiers (dev, staging): a TTL that the generate step turns into
 * `spec.expiresAt`, and whether to destroy the environment then. A prod environment never expires.
 */
function expiryByTier(): Json {
  return {
    oneOf: [
      {
        properties: {
          tier: { enum: [...EXPIRING_TIERS] },
          expiresInDays: {
            title: 'Expires after',
            type: 'number',
            enum: [0, ...EXPIRY_TTL_DAYS],
            enumNames: [
              'Never (no expiry)',
              ...EXPIRY_TTL_DAYS.map(d => `${d} days`),
            ],
            default: 0,
            description:
              'A preview environment can expire: its owner is notified 3 days and 1 day before, and it is marked expired (spec.expiresAt, in UTC)',
          },
          destroyOnExpiry: {
            title: 'Destroy it when it expires',
            type: 'boolean',
            default: false,
            description:
              'Runs the Destroy environment template on expiry; otherwise the owner is notified and the environment is marked expired',
          },
        },
      },
      {
        properties: {
          tier: {
            enum: TIERS.filter(t => !EXPIRING_TIERS.includes(t)),
          },
        },
      },
    ],
  };
}

/**
 * The live estimate: on the Components step and again on the last step before the review and
 * Create. Leaving either step runs the estimate once more; a listed problem stops the step.
 */
export const ESTIMATE_FIELD: Json = {
  title: 'Estimated monthly cost',
  description:
    'Itemised list prices for what the generated Terraform creates; updates as you change the form. A problem listed here must be fixed before you can go on.',
  type: 'number',
  'ui:field': 'EnvironmentEstimate',
};

/** Every property name the form's pages ask for, with those of their conditional branches. */
function askedFields(schema: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    schema.forEach(item => askedFields(item, into));
  } else if (schema && typeof schema === 'object') {
    Object.keys(schema.properties ?? {}).forEach(name => into.add(name));
    for (const dependency of Object.values<Json>(schema.dependencies ?? {})) {
      askedFields(dependency.oneOf ?? [], into);
    }
  }
  return into;
}

/**
 * The generate step's form inputs: each of common's form fields (in its order) that the pages ask
 * for, passed on as the user filled it in.
 */
export function formFieldInputs(parameters: Json[]): Record<string, string> {
  const asked = askedFields(parameters);
  return Object.fromEntries(
    Object.keys(ENVIRONMENT_FORM_FIELDS)
      .filter(field => asked.has(field))
      .map(field => [field, `\${{ parameters.${field} }}`]),
  );
}

/** The whole template document. */
export function buildCreateEnvironmentTemplate(): Json {
  const metadata = (environmentJsonSchema() as Json).properties.metadata
    .properties;
  const parameters: Json[] = [
    {
      title: 'Basics',
      required: ['name', 'owner'],
      properties: {
        name: {
          title: 'Name',
          type: 'string',
          pattern: metadata.name.pattern,
          minLength: 3,
          maxLength: 32,
          errorMessage: {
            pattern:
              'must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
            minLength: 'must be at least 3 characters long',
            maxLength: 'must be at most 32 characters long',
          },
          description:
            '3 to 32 characters: lower case letters, digits and "-", starting with a letter and not ending with "-". Unique in the catalog, e.g. shop-staging',
          'ui:field': 'EnvironmentName',
          'ui:autofocus': true,
        },
        title: {
          title: 'Title',
          type: 'string',
          maxLength: metadata.title.maxLength,
          description: 'A human title, e.g. Shop staging',
        },
        description: {
          title: 'Description',
          type: 'string',
          maxLength: metadata.description.maxLength,
          'ui:widget': 'textarea',
          'ui:options': { rows: 3 },
        },
        owner: {
          title: 'Owner',
          type: 'string',
          description: 'The team that owns the environment',
          'ui:field': 'OwnerPicker',
          'ui:options': { catalogFilter: [{ kind: 'Group' }] },
        },
        system: {
          title: 'System',
          type: 'string',
          description: 'The system the environment serves (optional)',
          'ui:field': 'EntityPicker',
          'ui:options': {
            catalogFilter: [{ kind: 'System' }],
            defaultKind: 'System',
            defaultNamespace: 'default',
          },
        },
      },
    },
    {
      title: 'Cloud',
      required: ['cloud', 'region', 'tier'],
      properties: {
        cloud: {
          title: 'Cloud',
          type: 'string',
          enum: Object.keys(cloudRegions),
          enumNames: (Object.keys(cloudRegions) as Cloud[]).map(
            c => CLOUD_TITLES[c],
          ),
          default: 'aws',
        },
        accountId: {
          title: 'Account',
          type: 'string',
          description:
            "Where the environment is created: one of the portal's accounts for the chosen cloud (AWS account, Azure subscription, Google Cloud project)",
          'ui:field': 'EnvironmentAccount',
        },
        tier: {
          title: 'Tier',
          type: 'string',
          enum: TIERS,
          enumNames: TIERS.map(
            t => `${t} — ${tierPresets[t].policy.description}`,
          ),
          default: 'dev',
          description:
            'Sizing defaults and policy: what each tier implies is shown beside it',
          'ui:widget': 'radio',
        },
      },
      dependencies: { cloud: regionsByCloud(), tier: expiryByTier() },
    },
    {
      title: 'Components',
      required: ['components'],
      properties: {
        components: componentsSchema(),
        componentsEstimate: {
          ...ESTIMATE_FIELD,
          // the same estimate is on the last step, beside the review
          'ui:backstage': { review: { show: false } },
        },
      },
    },
    {
      title: 'Apply',
      description:
        'Applying a prod environment waits until someone other than you, with the terrace.environment.approve permission, approves it on the environment\'s page (the task log links to it).',
      required: ['executor', 'publishTarget'],
      properties: {
        executor: {
          title: 'Apply with',
          type: 'string',
          enum: ['ci', 'local', 'hcp'],
          enumNames: [
            'ci — the repository workflow plans on pull request and applies on merge',
            'local — Terraform on the Backstage host, now (Terrace-generated configuration only)',
            'hcp — an HCP Terraform / Terraform Enterprise run',
          ],
          default: 'ci',
          'ui:widget': 'radio',
        },
        publishTarget: {
          title: 'Repository',
          type: 'string',
          enum: ['local', 'github'],
          enumNames: [
            'Local git repository on the Backstage host (no git host needed)',
            'GitHub (needs a GitHub integration)',
          ],
          default: 'local',
        },
        estimate: ESTIMATE_FIELD,
      },
      'ui:order': ['executor', 'publishTarget', '*', 'estimate'],
      dependencies: {
        publishTarget: {
          oneOf: [
            { properties: { publishTarget: { const: 'local' } } },
            {
              properties: {
                publishTarget: { const: 'github' },
                repoUrl: {
                  title: 'GitHub repository',
                  type: 'string',
                  'ui:field': 'RepoUrlPicker',
                  'ui:options': { allowedHosts: ['github.com'] },
                },
              },
              required: ['repoUrl'],
            },
          ],
        },
      },
    },
  ];
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: 'create-environment',
      title: 'Create environment',
      description:
        'A cloud environment (network, databases, caches, buckets, services) as a Terraform repository, priced before you create it, registered in the catalog.',
      tags: ['terrace', 'terraform', 'environment'],
    },
    spec: {
      owner: 'group:default/platform',
      type: 'environment',
      parameters: parameters,
      steps: [
        {
          id: 'generate',
          name: 'Validate and generate',
          action: 'terrace:environment:generate',
          input: {
            ...formFieldInputs(parameters),
            // checked against the configured accounts; the only one when the cloud has one
            accountId: '${{ parameters.accountId }}',
            // the executor that will apply it, recorded on the entity: drift is checked with it
            executor: '${{ parameters.executor }}',
            sourceLocation:
              "${{ ('https://' + (parameters.repoUrl | parseRepoUrl).host + '/' + (parameters.repoUrl | parseRepoUrl).owner + '/' + (parameters.repoUrl | parseRepoUrl).repo) if parameters.publishTarget == 'github' else '' }}",
          },
        },
        {
          id: 'estimate',
          name: 'Estimate',
          action: 'terrace:environment:estimate',
          input: { specPath: 'environment.yaml' },
        },
        {
          id: 'publish',
          name: 'Publish to the local repository',
          if: "${{ parameters.publishTarget != 'github' }}",
          action: 'terrace:git:publish',
          input: {
            name: '${{ parameters.name }}',
            commitMessage: 'Create environment ${{ parameters.name }}',
          },
        },
        {
          id: 'publish-github',
          name: 'Publish to GitHub',
          if: "${{ parameters.publishTarget == 'github' }}",
          action: 'publish:github',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            description: 'Terrace environment ${{ parameters.name }}',
            defaultBranch: 'main',
            repoVisibility: 'private',
          },
        },
        {
          id: 'register',
          name: 'Register in the catalog',
          if: "${{ parameters.publishTarget != 'github' }}",
          action: 'terrace:catalog:register',
          input: {
            catalogInfoUrl: '${{ steps.publish.output.catalogInfoUrl }}',
            entityRef: '${{ steps.generate.output.entityRef }}',
          },
        },
        {
          id: 'register-github',
          name: 'Register in the catalog',
          if: "${{ parameters.publishTarget == 'github' }}",
          action: 'catalog:register',
          input: {
            repoContentsUrl:
              "${{ steps['publish-github'].output.repoContentsUrl }}",
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
        // registered before the apply: the new entity's page shows its estimate, planned resources
        // and the apply's progress (from this task) while Terraform runs
        {
          id: 'apply',
          name: 'Apply',
          action: 'terrace:terraform:apply',
          input: {
            environment: '${{ parameters.name }}',
            tier: '${{ parameters.tier }}',
            executor: '${{ parameters.executor }}',
            accountId: '${{ steps.generate.output.accountId }}',
            repository:
              "${{ steps.publish.output.remoteUrl or steps['publish-github'].output.remoteUrl }}",
          },
        },
      ],
      output: {
        links: [
          {
            // a local repository has no web page: its path and clone command are in the text below
            title: 'Repository',
            icon: 'github',
            url: "${{ steps['publish-github'].output.remoteUrl }}",
          },
          {
            title: 'Open the environment in the catalog',
            icon: 'catalog',
            entityRef: '${{ steps.generate.output.entityRef }}',
          },
          {
            title: 'Cost breakdown',
            icon: 'dashboard',
            url: '/catalog/default/resource/${{ parameters.name }}/environment',
          },
        ],
        text: [
          {
            title: 'Estimated monthly cost',
            content: '${{ steps.estimate.output.markdown }}',
          },
          {
            title: 'Apply',
            content: '${{ steps.apply.output.summary }}',
          },
          {
            title: 'Repository',
            content:
              "${{ steps.publish.output.summary or ('GitHub: ' + steps['publish-github'].output.remoteUrl) }}",
          },
        ],
        estimate: '${{ steps.estimate.output.estimate }}',
        monthly: '${{ steps.estimate.output.monthly }}',
      },
    },
  };
}
