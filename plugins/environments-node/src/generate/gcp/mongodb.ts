import {
  GCP_ATLAS_PSC_ENDPOINTS,
  type ResolvedMongodb,
} from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource, template } from '../hcl';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  NETWORK_ID,
  PROJECT,
  REGION,
  SUBNET_ID,
} from './context';
import { secretManagerSecret } from './secretStore';

/** Atlas's own names of the Google Cloud regions it named before its `AREA_DIRECTION_N` form. */
const ATLAS_LEGACY_REGIONS: Record<string, string> = {
  'us-central1': 'CENTRAL_US',
  'us-east1': 'EASTERN_US',
  'us-west1': 'WESTERN_US',
  'europe-west1': 'WESTERN_EUROPE',
  'asia-east1': 'EASTERN_ASIA_PACIFIC',
  'asia-northeast1': 'NORTHEASTERN_ASIA_PACIFIC',
  'asia-southeast1': 'SOUTHEASTERN_ASIA_PACIFIC',
};

/**
 * The Atlas region name of a Google Cloud region (mongodb.com/docs/atlas/reference/google-gcp):
 * the legacy names above, else the region in upper snake case with the zone number apart
 * (`europe-west3` -> `EUROPE_WEST_3`, `northamerica-northeast1` -> `NORTH_AMERICA_NORTHEAST_1`).
 */
export function atlasGcpRegion(region: string): string {
  const legacy = ATLAS_LEGACY_REGIONS[region];
  if (legacy) return legacy;
  return region
    .replace(/^(north|south)america/, '$1_america')
    .replace(/(\d+)$/, '_$1')
    .replace(/-/g, '_')
    .toUpperCase();
}

/** Atlas API keys and organisation: variables, never in the spec or the repo. */
export function atlasVariables() {
  const v = (name: string, description: string, sensitive: boolean) =>
    block(
      'variable',
      [name],
      [
        attr('type', raw('string')),
        attr('description', description),
        sensitive ? attr('sensitive', true) : undefined,
      ].filter((i): i is NonNullable<typeof i> => Boolean(i)),
    );
  return [
    v(
      'atlas_public_key',
      'MongoDB Atlas API public key (set it as TF_VAR_atlas_public_key in CI).',
      true,
    ),
    v(
      'atlas_private_key',
      'MongoDB Atlas API private key (set it as TF_VAR_atlas_private_key in CI).',
      true,
    ),
    v(
      'atlas_org_id',
      'MongoDB Atlas organisation that owns the projects.',
      false,
    ),
  ];
}

/**
 * `mongodb-<name>.tf` for a `mongodb` component: an Atlas project and a replica-set cluster on
 * Google Cloud in the environment's region (Atlas's region name), cloud backup and point-in-time
 * recovery as resolved, TLS 1.2, an application user whose password is made by Terraform and kept
 * in Secret Manager, and an IP access list holding only the environment's Cloud NAT address (the
 * network reserves a static one when a mongodb component exists), kept as on AWS. When resolved
 * so (prod), Private Service Connect to Atlas too, in the form the pinned mongodbatlas provider
 * (< 2.0) documents for Google Cloud: Atlas's private endpoint service in the region
 * (`mongodbatlas_privatelink_endpoint`, which exposes one service attachment per endpoint),
 * {@link GCP_ATLAS_PSC_ENDPOINTS} internal addresses in the environment's subnet with a
 * forwarding rule each to its service attachment, and `mongodbatlas_privatelink_endpoint_service`
 * registering the endpoint group (the VPC network, the project and each address with its
 * forwarding rule) with Atlas. Atlas then serves a private-endpoint connection string.
 */
export function emitMongodb(
  ctx: GcpContext,
  mongo: ResolvedMongodb,
): GcpEmitted {
  const n = id(mongo.name);
  const names = gcpNames(ctx, mongo);
  const project = raw(`mongodbatlas_project.${n}.id`);
  return {
    file: `mongodb-${mongo.name}.tf`,
    items: body(
      {},
      resource('mongodbatlas_project', n, {
        name: names.resource,
        org_id: raw('var.atlas_org_id'),
      }),
      resource('mongodbatlas_advanced_cluster', n, [
        attr('project_id', project),
        attr('name', names.resource),
        attr('cluster_type', 'REPLICASET'),
        attr('mongo_db_major_version', mongo.version),
        attr('backup_enabled', mongo.backup),
        attr('pit_enabled', mongo.pointInTimeRecovery),
        attr('termination_protection_enabled', ctx.env.tier === 'prod'),
        block(
          'replication_specs',
          [],
          [
            block(
              'region_configs',
              [],
              [
                attr('provider_name', 'GCP'),
                attr('region_name', atlasGcpRegion(ctx.env.region)),
                attr('priority', 7),
                block('electable_specs', [], {
                  instance_size: mongo.size,
                  node_count: 3,
                }),
              ],
            ),
          ],
        ),
        block('advanced_configuration', [], {
          minimum_enabled_tls_protocol: 'TLS1_2',
        }),
        block('tags', [], { key: 'terrace-environment', value: ctx.env.name }),
        block('tags', [], { key: 'terrace-component', value: mongo.name }),
      ]),
      resource('random_password', `${n}_app`, {
        length: 32,
        special: true,
        override_special: '-_',
      }),
      secretManagerSecret({
        name: `${n}_app`,
        secretId: names.generatedSecret('app-password'),
        component: mongo.name,
        version: raw(`random_password.${n}_app.result`),
      }),
      resource('mongodbatlas_database_user', n, [
        attr('project_id', project),
        attr('username', 'app'),
        attr('password', raw(`random_password.${n}_app.result`)),
        attr('auth_database_name', 'admin'),
        block('roles', [], { role_name: 'readWrite', database_name: 'app' }),
        block('scopes', [], {
          name: raw(`mongodbatlas_advanced_cluster.${n}.name`),
          type: 'CLUSTER',
        }),
      ]),
      resource('mongodbatlas_project_ip_access_list', `${n}_nat`, {
        project_id: project,
        cidr_block: template(raw('google_compute_address.nat.address'), '/32'),
        comment: `${ctx.env.name} Cloud NAT`,
      }),
      mongo.privateLink && privateServiceConnect(ctx, mongo),
    ),
    outputs: [
      block('output', [`${n}_connection_string`], {
        description: `${mongo.name}: standard SRV connection string (no credentials)`,
        value: raw(
          `mongodbatlas_advanced_cluster.${n}.connection_strings[0].standard_srv`,
        ),
      }),
      block('output', [`${n}_app_secret`], {
        description: `${mongo.name}: Secret Manager secret holding the application user's password`,
        value: raw(`google_secret_manager_secret.${n}_app.id`),
      }),
    ],
  };
}

/**
 * Private Service Connect to Atlas for one mongodb component: the Atlas endpoint service, the
 * endpoints' internal addresses and forwarding rules (`<env>-<component>-atlas-<index>`), and
 * their registration with Atlas.
 */
function privateServiceConnect(ctx: GcpContext, mongo: ResolvedMongodb) {
  const n = id(mongo.name);
  const endpoint = `mongodbatlas_privatelink_endpoint.${n}`;
  const addresses = `google_compute_address.${n}_atlas`;
  const rules = `google_compute_forwarding_rule.${n}_atlas`;
  return [
    resource('mongodbatlas_privatelink_endpoint', n, {
      project_id: raw(`mongodbatlas_project.${n}.id`),
      provider_name: 'GCP',
      region: REGION,
    }),
    resource('google_compute_address', `${n}_atlas`, {
      count: GCP_ATLAS_PSC_ENDPOINTS,
      name: template(
        gcpNames(ctx, mongo).atlasEndpointPrefix,
        raw('count.index'),
      ),
      description: template(
        'Private Service Connect endpoint ',
        raw('count.index'),
        ` to MongoDB Atlas (${mongo.name})`,
      ),
      region: REGION,
      subnetwork: SUBNET_ID,
      address_type: 'INTERNAL',
      labels: componentLabels(mongo.name),
      depends_on: [raw(endpoint)],
    }),
    resource('google_compute_forwarding_rule', `${n}_atlas`, {
      count: GCP_ATLAS_PSC_ENDPOINTS,
      name: raw(`${addresses}[count.index].name`),
      region: REGION,
      network: NETWORK_ID,
      ip_address: raw(`${addresses}[count.index].id`),
      target: raw(`${endpoint}.service_attachment_names[count.index]`),
      // Private Service Connect to a published service takes no load-balancing scheme.
      load_balancing_scheme: '',
      labels: componentLabels(mongo.name),
    }),
    resource('mongodbatlas_privatelink_endpoint_service', n, [
      attr('project_id', raw(`${endpoint}.project_id`)),
      attr('private_link_id', raw(`${endpoint}.private_link_id`)),
      attr('provider_name', 'GCP'),
      attr('endpoint_service_id', raw('google_compute_network.main.name')),
      attr('gcp_project_id', PROJECT),
      block(
        'dynamic',
        ['endpoints'],
        [
          attr('for_each', raw(addresses)),
          block('content', [], {
            ip_address: raw('endpoints.value.address'),
            endpoint_name: raw(`${rules}[endpoints.key].name`),
          }),
        ],
      ),
      attr('depends_on', [raw(rules)]),
    ]),
  ];
}
