/**
 * Google Cloud naming: one table of the rules Google applies to every name the Terrace GCP
 * generator emits, the builders the generator takes its names from, and the name plan validation
 * checks against the table.
 *
 * Each row is keyed by `<terraform resource type>.<attribute>` and states what the service's
 * documentation says (length, characters, first and last character, reserved words, and where the
 * name must be unique). Names longer than a rule allows are cut and given a 6-hex-digit hash of
 * the whole uncut name (`fitName`), so two long names never come out the same.
 */

import { fitName, resourceName } from '../../resolve/naming';

/** @public Where a GCP name must be unique. */
export type GcpNameScope = 'project' | 'project-region' | 'global';

/** @public One Google Cloud naming rule for the names of one resource attribute. */
export interface GcpNameRule {
  /** What Google calls the name, for messages ("Cloud Run service name"). */
  what: string;
  minLength: number;
  maxLength: number;
  /** The whole name must match this (characters and, where documented, structure). */
  characters: RegExp;
  /** The allowed characters in words, for messages. */
  charactersText: string;
  first?: { pattern: RegExp; text: string };
  last?: { pattern: RegExp; text: string };
  /** Extra refusals (reserved words, IP-address form). */
  refuse?: ReadonlyArray<{ pattern: RegExp; text: string }>;
  unique: GcpNameScope;
  /** The documentation the row is taken from. */
  source: string;
}

const LOWER_FIRST = {
  pattern: /^[a-z]/,
  text: 'begin with a lowercase letter',
};
const NO_HYPHEN_LAST = { pattern: /[^-]$/, text: 'not end with a hyphen' };

/** RFC 1035 names of Compute Engine resources: `[a-z]([-a-z0-9]*[a-z0-9])?`, 1-63. */
const RFC1035 = {
  minLength: 1,
  maxLength: 63,
  characters: /^[a-z0-9-]+$/,
  charactersText: 'lowercase letters, digits and hyphens',
  first: LOWER_FIRST,
  last: NO_HYPHEN_LAST,
  source:
    'https://cloud.google.com/compute/docs/naming-resources#resource-name-format',
} as const;

/**
 * @public
 * The naming rules of every name the GCP generator emits, by `<resource type>.<attribute>`.
 * A test checks every emitted name against its row.
 */
export const GCP_NAME_RULES = {
  'google_compute_network.name': {
    ...RFC1035,
    what: 'VPC network name',
    unique: 'project',
  },
  'google_compute_subnetwork.name': {
    ...RFC1035,
    what: 'subnet name',
    unique: 'project-region',
  },
  'google_compute_router.name': {
    ...RFC1035,
    what: 'Cloud Router name',
    unique: 'project-region',
  },
  'google_compute_router_nat.name': {
    ...RFC1035,
    what: 'Cloud NAT name',
    unique: 'project-region',
  },
  'google_compute_firewall.name': {
    ...RFC1035,
    what: 'firewall rule name',
    unique: 'project',
  },
  'google_compute_global_address.name': {
    ...RFC1035,
    what: 'global address name',
    unique: 'project',
  },
  'google_compute_backend_bucket.name': {
    ...RFC1035,
    what: 'backend bucket name',
    unique: 'project',
  },
  'google_compute_backend_service.name': {
    ...RFC1035,
    what: 'backend service name',
    unique: 'project',
  },
  'google_compute_region_network_endpoint_group.name': {
    ...RFC1035,
    what: 'network endpoint group name',
    unique: 'project-region',
  },
  'google_compute_url_map.name': {
    ...RFC1035,
    what: 'URL map name',
    unique: 'project',
  },
  'google_compute_target_https_proxy.name': {
    ...RFC1035,
    what: 'target HTTPS proxy name',
    unique: 'project',
  },
  'google_compute_target_http_proxy.name': {
    ...RFC1035,
    what: 'target HTTP proxy name',
    unique: 'project',
  },
  'google_compute_global_forwarding_rule.name': {
    ...RFC1035,
    what: 'forwarding rule name',
    unique: 'project',
  },
  'google_compute_managed_ssl_certificate.name': {
    ...RFC1035,
    what: 'SSL certificate name',
    unique: 'project',
  },
  'google_compute_ssl_policy.name': {
    ...RFC1035,
    what: 'SSL policy name',
    unique: 'project',
  },
  'google_compute_address.name': {
    ...RFC1035,
    what: 'address name',
    unique: 'project-region',
  },
  'google_compute_instance_template.name_prefix': {
    ...RFC1035,
    // name_prefix: the google provider appends a 26-character unique suffix (its
    // compute_instance_template docs), and the whole name is an RFC 1035 name of 63.
    maxLength: 37,
    what: 'instance template name prefix',
    unique: 'project',
  },
  'google_compute_region_instance_group_manager.name': {
    ...RFC1035,
    what: 'managed instance group name',
    unique: 'project-region',
  },
  'google_compute_region_instance_group_manager.base_instance_name': {
    ...RFC1035,
    // The MIG appends `-` and 4 characters to make each instance's 63-character name.
    maxLength: 58,
    what: 'base instance name',
    unique: 'project-region',
  },
  'google_compute_region_autoscaler.name': {
    ...RFC1035,
    what: 'autoscaler name',
    unique: 'project-region',
  },
  'google_compute_region_health_check.name': {
    ...RFC1035,
    what: 'health check name',
    unique: 'project-region',
  },
  'google_compute_region_backend_service.name': {
    ...RFC1035,
    what: 'backend service name',
    unique: 'project-region',
  },
  'google_compute_forwarding_rule.name': {
    ...RFC1035,
    what: 'forwarding rule name',
    unique: 'project-region',
  },
  'mongodbatlas_project.name': {
    what: 'Atlas project name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9 _().-]+$/,
    charactersText: 'letters, digits, spaces and _ ( ) . -',
    unique: 'global',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createproject',
  },
  'mongodbatlas_advanced_cluster.name': {
    what: 'Atlas cluster name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    unique: 'project',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createcluster',
  },
  'google_sql_database_instance.name': {
    what: 'Cloud SQL instance name',
    minLength: 1,
    // "project-id:instance-id" is at most 98 characters and a project id at most 30.
    maxLength: 67,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: LOWER_FIRST,
    last: NO_HYPHEN_LAST,
    unique: 'project',
    source:
      'https://cloud.google.com/sql/docs/postgres/create-instance#create-2nd-gen',
  },
  'google_redis_instance.name': {
    what: 'Memorystore for Redis instance name',
    minLength: 1,
    maxLength: 40,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: LOWER_FIRST,
    last: NO_HYPHEN_LAST,
    unique: 'project-region',
    source:
      'https://cloud.google.com/memorystore/docs/redis/reference/rest/v1/projects.locations.instances/create',
  },
  'google_storage_bucket.name': {
    what: 'Cloud Storage bucket name',
    minLength: 3,
    maxLength: 63,
    characters: /^[a-z0-9_.-]+$/,
    charactersText:
      'lowercase letters, digits, hyphens, underscores and periods',
    first: { pattern: /^[a-z0-9]/, text: 'begin with a letter or digit' },
    last: { pattern: /[a-z0-9]$/, text: 'end with a letter or digit' },
    refuse: [
      { pattern: /^goog/, text: 'not begin with "goog" (reserved by Google)' },
      {
        pattern: /g[o0]{2}g[l1]e/,
        text: 'not contain "google" or a close misspelling',
      },
      {
        pattern: /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/,
        text: 'not look like an IP address',
      },
    ],
    unique: 'global',
    source: 'https://cloud.google.com/storage/docs/buckets#naming',
  },
  'google_secret_manager_secret.secret_id': {
    what: 'Secret Manager secret id',
    minLength: 1,
    maxLength: 255,
    characters: /^[A-Za-z0-9_-]+$/,
    charactersText: 'letters, digits, hyphens and underscores',
    unique: 'project',
    source:
      'https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create',
  },
  'google_artifact_registry_repository.repository_id': {
    ...RFC1035,
    what: 'Artifact Registry repository id',
    unique: 'project-region',
    source:
      'https://cloud.google.com/artifact-registry/docs/repositories/create-repos',
  },
  'google_cloud_run_v2_service.name': {
    what: 'Cloud Run service name',
    minLength: 1,
    maxLength: 49,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: LOWER_FIRST,
    last: NO_HYPHEN_LAST,
    unique: 'project-region',
    source:
      'https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/create',
  },
  'google_service_account.account_id': {
    what: 'service account id',
    minLength: 6,
    maxLength: 30,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: LOWER_FIRST,
    last: NO_HYPHEN_LAST,
    unique: 'project',
    source:
      'https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create',
  },
  'google_monitoring_alert_policy.display_name': {
    what: 'alert policy display name',
    minLength: 1,
    maxLength: 512,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'project',
    source:
      'https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies',
  },
} as const satisfies Record<string, GcpNameRule>;

/** @public A key of {@link GCP_NAME_RULES}. */
export type GcpNameKind = keyof typeof GCP_NAME_RULES;

/**
 * @public
 * The longest `<environment>-<component>` name on GCP: service account ids are 6-30 characters
 * and the generator appends `-run` to make them, so 26. The GCP profile carries it as
 * `names.resourceName`.
 */
export const GCP_RESOURCE_NAME_MAX_LENGTH =
  GCP_NAME_RULES['google_service_account.account_id'].maxLength - 4;

/** @public Placeholders for the parts of a name only known at apply time. */
export const GCP_NAME_PLACEHOLDERS = {
  /** The longest project id Google allows (30 characters). */
  projectId: 'p'.repeat(30),
  /** `random_id.<x>.hex` of 4 bytes. */
  randomHex: '0a1b2c3d',
  index: '0',
} as const;

/**
 * The rules a name breaks, each as the words that finish "must ..." (empty when it is valid).
 * @public
 */
export function gcpNameViolations(kind: GcpNameKind, name: string): string[] {
  const rule: GcpNameRule = GCP_NAME_RULES[kind];
  const out: string[] = [];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    out.push(
      `be ${rule.minLength}-${rule.maxLength} characters long (it is ${name.length})`,
    );
  }
  if (!rule.characters.test(name))
    out.push(`be made of ${rule.charactersText}`);
  if (rule.first && !rule.first.pattern.test(name)) out.push(rule.first.text);
  if (rule.last && !rule.last.pattern.test(name)) out.push(rule.last.text);
  for (const r of rule.refuse ?? []) if (r.pattern.test(name)) out.push(r.text);
  return out;
}

/**
 * @public
 * How many Private Service Connect endpoints (an internal address and a forwarding rule each) an
 * Atlas private endpoint on Google Cloud takes: Atlas's region has 50 service attachments, one per
 * endpoint, in the architecture the pinned mongodbatlas provider (< 2.0) supports; the port-mapped
 * one endpoint form (`port_mapping_enabled`) came in provider 2.x.
 */
export const GCP_ATLAS_PSC_ENDPOINTS = 50;

/** Characters appended to a bucket name: `-<project id>` (at most 31). */
const PROJECT_SUFFIX_LENGTH = 31;

/**
 * @public
 * The names of one component's GCP resources, by role. The generator takes its names from here
 * and validation checks the same names. Names ending in `Prefix` are completed at apply time:
 * bucket names by `-<project id>` (bucket names are global; project ids are too), Cloud SQL names
 * by `-<random hex>` (Google keeps a deleted instance's name for up to a week).
 */
export function gcpComponentNames(environment: string, component: string) {
  const rn = resourceName(environment, component, GCP_RESOURCE_NAME_MAX_LENGTH);
  return {
    resource: rn,
    /** Followed by `-<random hex>`. */
    sqlInstancePrefix: `${rn}-`,
    /** Followed by `-<random hex>-<index>`. */
    sqlReplicaPrefix: `${rn}-replica-`,
    redisInstance: rn,
    /** Followed by `-<project id>`. */
    bucketPrefix: fitName(
      [environment, component],
      '',
      GCP_NAME_RULES['google_storage_bucket.name'].maxLength -
        PROJECT_SUFFIX_LENGTH,
    ),
    repository: rn,
    runService: rn,
    serviceAccount: `${rn}-run`,
    /** A vm-group's instance template, followed by `-` and Terraform's unique suffix. */
    instanceTemplatePrefix: fitName(
      [environment, component],
      '',
      GCP_NAME_RULES['google_compute_instance_template.name_prefix'].maxLength -
        1,
    ),
    instanceGroup: rn,
    baseInstanceName: fitName(
      [environment, component],
      '',
      GCP_NAME_RULES[
        'google_compute_region_instance_group_manager.base_instance_name'
      ].maxLength,
    ),
    autoscaler: `${rn}-as`,
    healthCheck: `${rn}-hc`,
    backendService: `${rn}-be`,
    forwardingRule: `${rn}-fr`,
    /**
     * Atlas Private Service Connect: the internal address and forwarding rule of each endpoint,
     * followed by its index (0 to {@link GCP_ATLAS_PSC_ENDPOINTS} - 1).
     */
    atlasEndpointPrefix: `${rn}-atlas-`,
    vmServiceAccount: `${rn}-vm`,
    /** The vm-group's network tag and the firewall rule admitting its port. */
    vmTag: `${rn}-vm`,
    vmFirewall: `${rn}-allow`,
    /** Secret Manager id of a generated credential (`<env>-<component>-<what>`). */
    generatedSecret: (what: string) => `${environment}-${component}-${what}`,
  };
}

/**
 * @public
 * The names of a cdn component's load balancer parts; `backendBuckets` by bucket origin
 * (`<env>-<cdn>-<bucket>`, fitted and hashed when long).
 */
export function gcpCdnNames(
  environment: string,
  cdn: string,
  bucketOrigins: readonly string[],
) {
  const rn = resourceName(environment, cdn, GCP_RESOURCE_NAME_MAX_LENGTH);
  const max = GCP_NAME_RULES['google_compute_backend_bucket.name'].maxLength;
  return {
    address: `${rn}-ip`,
    backendBuckets: Object.fromEntries(
      bucketOrigins.map(b => [b, fitName([environment, cdn, b], '', max)]),
    ) as Record<string, string>,
    serverlessNeg: `${rn}-api-neg`,
    backendService: `${rn}-api`,
    urlMap: rn,
    redirectUrlMap: `${rn}-redirect`,
    certificate: `${rn}-cert`,
    sslPolicy: `${rn}-tls`,
    httpsProxy: `${rn}-https`,
    httpProxy: `${rn}-http`,
    httpsRule: `${rn}-https`,
    httpRule: `${rn}-http`,
  };
}

/** @public The environment-wide GCP names. */
export function gcpEnvironmentNames(environment: string) {
  return {
    network: environment,
    subnet: `${environment}-main`,
    router: `${environment}-router`,
    nat: `${environment}-nat`,
    denyIngressFirewall: `${environment}-deny-ingress`,
    healthCheckFirewall: `${environment}-allow-health-checks`,
    privateServiceRange: `${environment}-psa`,
  };
}

/** @public Secret Manager id of one secret of a `secrets` component: `<env>-<component>-<name>`. */
export function gcpSecretId(
  environment: string,
  component: string,
  name: string,
): string {
  return `${environment}-${component}-${name}`;
}

/** @public A component as far as its GCP names go. */
export interface GcpNamedComponent {
  name: string;
  type: string;
  /** The names of a secrets component's secrets. */
  names?: readonly string[];
  /** The origins of a cdn component. */
  origins?: readonly string[];
  /** Whether a mongodb component reaches Atlas over Private Service Connect. */
  privateLink?: boolean;
}

/** @public One name the generator will emit, with the component it comes from. */
export interface GcpPlannedName {
  kind: GcpNameKind;
  name: string;
  /** Index in the component list; absent for environment-wide names. */
  component?: number;
  /** Index in a secrets component's `names`, for a secret id. */
  secret?: number;
}

/**
 * @public
 * Every name the GCP generator emits for an environment and its components, in final form
 * (apply-time parts replaced by {@link GCP_NAME_PLACEHOLDERS}).
 */
export function gcpNamePlan(
  environment: string,
  components: readonly GcpNamedComponent[],
): GcpPlannedName[] {
  const P = GCP_NAME_PLACEHOLDERS;
  const e = gcpEnvironmentNames(environment);
  const out: GcpPlannedName[] = [
    { kind: 'google_compute_network.name', name: e.network },
    { kind: 'google_compute_subnetwork.name', name: e.subnet },
    { kind: 'google_compute_router.name', name: e.router },
    { kind: 'google_compute_router_nat.name', name: e.nat },
    { kind: 'google_compute_firewall.name', name: e.denyIngressFirewall },
    { kind: 'google_compute_firewall.name', name: e.healthCheckFirewall },
    { kind: 'google_compute_global_address.name', name: e.privateServiceRange },
  ];
  if (components.some(c => c.type === 'mongodb')) {
    out.push({ kind: 'google_compute_address.name', name: e.nat });
  }
  components.forEach((c, index) => {
    const n = gcpComponentNames(environment, c.name);
    const add = (kind: GcpNameKind, name: string, secret?: number) =>
      out.push({ kind, name, component: index, secret });
    switch (c.type) {
      case 'postgres':
        add(
          'google_sql_database_instance.name',
          `${n.sqlInstancePrefix}${P.randomHex}`,
        );
        add(
          'google_sql_database_instance.name',
          `${n.sqlReplicaPrefix}${P.randomHex}-${P.index}`,
        );
        add(
          'google_secret_manager_secret.secret_id',
          n.generatedSecret('admin-password'),
        );
        break;
      case 'redis':
        add('google_redis_instance.name', n.redisInstance);
        add(
          'google_secret_manager_secret.secret_id',
          n.generatedSecret('auth-string'),
        );
        break;
      case 'bucket':
        add('google_storage_bucket.name', `${n.bucketPrefix}-${P.projectId}`);
        break;
      case 'service':
        add('google_cloud_run_v2_service.name', n.runService);
        add('google_service_account.account_id', n.serviceAccount);
        break;
      case 'registry':
        add('google_artifact_registry_repository.repository_id', n.repository);
        break;
      case 'vm-group':
        add(
          'google_compute_instance_template.name_prefix',
          n.instanceTemplatePrefix,
        );
        add(
          'google_compute_region_instance_group_manager.name',
          n.instanceGroup,
        );
        add(
          'google_compute_region_instance_group_manager.base_instance_name',
          n.baseInstanceName,
        );
        add('google_compute_region_autoscaler.name', n.autoscaler);
        add('google_compute_region_health_check.name', n.healthCheck);
        add('google_compute_region_backend_service.name', n.backendService);
        add('google_compute_forwarding_rule.name', n.forwardingRule);
        add('google_service_account.account_id', n.vmServiceAccount);
        add('google_compute_firewall.name', n.vmFirewall);
        break;
      case 'cdn': {
        const buckets = (c.origins ?? []).filter(o =>
          components.some(x => x.name === o && x.type === 'bucket'),
        );
        const cdn = gcpCdnNames(environment, c.name, buckets);
        add('google_compute_global_address.name', cdn.address);
        for (const b of buckets)
          add('google_compute_backend_bucket.name', cdn.backendBuckets[b]);
        add(
          'google_compute_region_network_endpoint_group.name',
          cdn.serverlessNeg,
        );
        add('google_compute_backend_service.name', cdn.backendService);
        add('google_compute_url_map.name', cdn.urlMap);
        add('google_compute_url_map.name', cdn.redirectUrlMap);
        add('google_compute_managed_ssl_certificate.name', cdn.certificate);
        add('google_compute_ssl_policy.name', cdn.sslPolicy);
        add('google_compute_target_https_proxy.name', cdn.httpsProxy);
        add('google_compute_target_http_proxy.name', cdn.httpProxy);
        add('google_compute_global_forwarding_rule.name', cdn.httpsRule);
        add('google_compute_global_forwarding_rule.name', cdn.httpRule);
        break;
      }
      case 'mongodb':
        add('mongodbatlas_project.name', n.resource);
        add('mongodbatlas_advanced_cluster.name', n.resource);
        if (c.privateLink) {
          // The last index is the longest name.
          const last = `${n.atlasEndpointPrefix}${GCP_ATLAS_PSC_ENDPOINTS - 1}`;
          add('google_compute_address.name', last);
          add('google_compute_forwarding_rule.name', last);
        }
        add(
          'google_secret_manager_secret.secret_id',
          n.generatedSecret('app-password'),
        );
        break;
      case 'secrets':
        (c.names ?? []).forEach((secret, j) =>
          add(
            'google_secret_manager_secret.secret_id',
            gcpSecretId(environment, c.name, secret),
            j,
          ),
        );
        break;
      default:
        break;
    }
  });
  return out;
}
