/**
 * Builds the "Create environment" template (plugins/catalog-backend-module-environments-template/templates/create-environment/template.yaml) from the
 * spec's own schema, region lists and tier presets, so the form can never drift from what the
 * validator accepts. `template.test.ts` checks the committed file is exactly this output.
 */
import {
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

/** Where a component type's tier defaults live in the presets. */
const PRESET_KEY: Partial<Record<ComponentType, string>> = {
  postgres: 'postgres',
  mongodb: 'mongodb',
  redis: 'redis',
  bucket: 'bucket',
  cdn: 'cdn',
  service: 'service',
  'vm-group': 'vmGroup',
  registry: 'registry',
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

function show(value: unknown): string {
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([cloud, v]) => `${cloud} ${v}`)
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** "dev: db.t3.micro · staging: db.t3.small · prod: db.r6g.large", or undefined without a default. */
function tierDefaults(type: ComponentType, field: string): string | undefined {
  const key = PRESET_KEY[type];
  if (!key) return undefined;
  const values = TIERS.map(tier => (tierPresets[tier] as any)[key]?.[field]);
  if (values.every(v => v === undefined)) return undefined;
  // per-cloud values (sizes) show each cloud's name within the tier
  return TIERS.map((tier, i) => `${tier}: ${show(values[i])}`).join(' · ');
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
      const prop: Json = { title: titleCase(field), ...stripSchema(raw) };
      const defaults = tierDefaults(type, field);
      if (defaults) {
        if (prop.type === 'boolean') {
          prop['ui:help'] = `Tier default: ${defaults}`;
        } else {
          prop['ui:placeholder'] = defaults;
        }
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

/** The whole template document. */
export function buildCreateEnvironmentTemplate(): Json {
  const metadata = (environmentJsonSchema() as Json).properties.metadata
    .properties;
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
      parameters: [
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
              description:
                '3 to 32 characters: lower case letters, digits and "-", starting with a letter and not ending with "-". Unique in the catalog, e.g. shop-staging',
              'ui:autofocus': true,
              'ui:help':
                'Checked against these rules when you press Next; the estimate on the Review page lists any problem with its field.',
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
          dependencies: { cloud: regionsByCloud() },
        },
        {
          title: 'Components',
          required: ['components'],
          properties: { components: componentsSchema() },
        },
        {
          title: 'Review',
          properties: {
            estimate: {
              title: 'Estimated monthly cost',
              description:
                'Itemised list prices for what the generated Terraform creates; updates as you change the form.',
              type: 'number',
              'ui:field': 'EnvironmentEstimate',
            },
          },
        },
        {
          title: 'Apply',
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
            approved: {
              title: 'I approve applying this environment',
              type: 'boolean',
              default: false,
              description:
                'Required to apply a prod environment (and the apply permission)',
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
          },
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
      ],
      steps: [
        {
          id: 'generate',
          name: 'Validate and generate',
          action: 'terrace:environment:generate',
          input: {
            name: '${{ parameters.name }}',
            title: '${{ parameters.title }}',
            description: '${{ parameters.description }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
            cloud: '${{ parameters.cloud }}',
            region: '${{ parameters.region }}',
            tier: '${{ parameters.tier }}',
            components: '${{ parameters.components }}',
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
          id: 'apply',
          name: 'Apply',
          action: 'terrace:terraform:apply',
          input: {
            environment: '${{ parameters.name }}',
            tier: '${{ parameters.tier }}',
            executor: '${{ parameters.executor }}',
            approved: '${{ parameters.approved }}',
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
      ],
      output: {
        links: [
          {
            title: 'Repository',
            icon: 'github',
            url: "${{ steps.publish.output.repoContentsUrl or steps['publish-github'].output.remoteUrl }}",
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
        ],
        estimate: '${{ steps.estimate.output.estimate }}',
        monthly: '${{ steps.estimate.output.monthly }}',
      },
    },
  };
}
