/**
 * Azure naming: one table of the rules Azure applies to every name the Terrace Azure generator
 * emits, the builders the generator takes its names from, and the check validation runs on them.
 *
 * Every rule row is keyed by `<terraform resource type>.<attribute>` and states what Microsoft's
 * "Naming rules and restrictions for Azure resources" page documents (length, characters, first and
 * last character, scope of uniqueness). Names that must be unique across Azure (storage accounts,
 * key vaults, PostgreSQL servers, managed Redis: they become DNS names) end in a deterministic
 * 6-hex-digit suffix, FNV-1a of the environment name, so the same spec always asks for the same
 * name and a key vault kept in soft-delete is found again rather than duplicated. The subscription
 * is not part of the spec, so two organisations with the same environment name would still ask for
 * the same global names; validation cannot see that, `terraform apply` reports it.
 */

import { fitName, fnv1a } from '../../resolve/naming';

/** @public Where an Azure name must be unique. */
export type AzureNameScope =
  | 'parent'
  | 'resource-group'
  | 'subscription'
  | 'global';

/** @public One Azure naming rule for the names of one resource attribute. */
export interface AzureNameRule {
  /** What Azure calls the name, for messages ("storage account name"). */
  what: string;
  minLength: number;
  maxLength: number;
  /** The whole name must match this. */
  characters: RegExp;
  /** The allowed characters in words, for messages. */
  charactersText: string;
  first?: { pattern: RegExp; text: string };
  last?: { pattern: RegExp; text: string };
  /** Two hyphens in a row are refused. */
  noDoubleHyphen?: boolean;
  /** Extra refusals that do not fit the columns above. */
  refuse?: ReadonlyArray<{ pattern: RegExp; text: string }>;
  unique: AzureNameScope;
  /** The documentation the row is taken from. */
  source: string;
}

const RULES_PAGE =
  'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules';

const ALNUM_FIRST = {
  pattern: /^[A-Za-z0-9]/,
  text: 'begin with a letter or digit',
};
const ALNUM_LAST = {
  pattern: /[A-Za-z0-9]$/,
  text: 'end with a letter or digit',
};
const ALNUM_UNDERSCORE_LAST = {
  pattern: /[A-Za-z0-9_]$/,
  text: 'end with a letter, digit or underscore',
};

/** Microsoft.Network names (VNet, subnet, NSG, NAT gateway, public IP, private endpoint). */
const NETWORK_NAME = {
  minLength: 1,
  maxLength: 80,
  characters: /^[A-Za-z0-9_.-]+$/,
  charactersText: 'letters, digits, underscores, periods and hyphens',
  first: ALNUM_FIRST,
  last: ALNUM_UNDERSCORE_LAST,
  source: RULES_PAGE,
};

/**
 * @public
 * The naming rules of every name the Azure generator emits, by `<resource type>.<attribute>`.
 */
export const AZURE_NAME_RULES = {
  'azurerm_resource_group.name': {
    what: 'resource group name',
    minLength: 1,
    maxLength: 90,
    characters: /^[A-Za-z0-9_().-]+$/,
    charactersText:
      'letters, digits, underscores, parentheses, hyphens and periods',
    last: { pattern: /[^.]$/, text: 'not end with a period' },
    unique: 'subscription',
    source: RULES_PAGE,
  },
  'azurerm_log_analytics_workspace.name': {
    what: 'Log Analytics workspace name',
    minLength: 4,
    maxLength: 63,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_monitor_action_group.name': {
    what: 'action group name',
    minLength: 1,
    maxLength: 260,
    // eslint-disable-next-line no-control-regex
    characters: /^[^*#&+:<>?@%{}\\/\x00-\x1f]+$/,
    charactersText:
      'any characters but * # & + : < > ? @ % { } \\ / and control characters',
    last: { pattern: /[^. ]$/, text: 'not end with a period or space' },
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_monitor_action_group.short_name': {
    what: 'action group short name',
    minLength: 1,
    maxLength: 12,
    characters: /^[A-Za-z0-9 _-]+$/,
    charactersText: 'letters, digits, spaces, underscores and hyphens',
    unique: 'parent',
    source:
      'https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/action-groups',
  },
  'azurerm_monitor_metric_alert.name': {
    what: 'metric alert rule name',
    minLength: 1,
    maxLength: 260,
    // eslint-disable-next-line no-control-regex
    characters: /^[^*#&+:<>?@%{}\\/\x00-\x1f]+$/,
    charactersText:
      'any characters but * # & + : < > ? @ % { } \\ / and control characters',
    last: { pattern: /[^. ]$/, text: 'not end with a period or space' },
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_virtual_network.name': {
    ...NETWORK_NAME,
    what: 'virtual network name',
    minLength: 2,
    maxLength: 64,
    unique: 'resource-group',
  },
  'azurerm_subnet.name': {
    ...NETWORK_NAME,
    what: 'subnet name',
    unique: 'parent',
  },
  'azurerm_network_security_group.name': {
    ...NETWORK_NAME,
    what: 'network security group name',
    unique: 'resource-group',
  },
  'azurerm_nat_gateway.name': {
    ...NETWORK_NAME,
    what: 'NAT gateway name',
    unique: 'resource-group',
  },
  'azurerm_public_ip.name': {
    ...NETWORK_NAME,
    what: 'public IP address name',
    unique: 'resource-group',
  },
  'azurerm_private_endpoint.name': {
    ...NETWORK_NAME,
    what: 'private endpoint name',
    minLength: 2,
    maxLength: 64,
    unique: 'resource-group',
  },
  'azurerm_private_dns_zone_virtual_network_link.name': {
    ...NETWORK_NAME,
    what: 'private DNS zone link name',
    unique: 'parent',
  },
  'azurerm_key_vault.name': {
    what: 'key vault name',
    minLength: 3,
    maxLength: 24,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: { pattern: /^[A-Za-z]/, text: 'begin with a letter' },
    last: ALNUM_LAST,
    noDoubleHyphen: true,
    unique: 'global',
    source: RULES_PAGE,
  },
  'azurerm_key_vault_secret.name': {
    what: 'key vault secret name',
    minLength: 1,
    maxLength: 127,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    unique: 'parent',
    source: RULES_PAGE,
  },
  'azurerm_storage_account.name': {
    what: 'storage account name',
    minLength: 3,
    maxLength: 24,
    characters: /^[a-z0-9]+$/,
    charactersText: 'lowercase letters and digits',
    unique: 'global',
    source: RULES_PAGE,
  },
  'azurerm_storage_container.name': {
    what: 'blob container name',
    minLength: 3,
    maxLength: 63,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: { pattern: /^[a-z0-9]/, text: 'begin with a letter or digit' },
    last: { pattern: /[a-z0-9]$/, text: 'end with a letter or digit' },
    noDoubleHyphen: true,
    unique: 'parent',
    source: RULES_PAGE,
  },
  'azurerm_postgresql_flexible_server.name': {
    what: 'PostgreSQL flexible server name',
    minLength: 3,
    maxLength: 63,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: { pattern: /^[a-z0-9]/, text: 'begin with a letter or digit' },
    last: { pattern: /[a-z0-9]$/, text: 'end with a letter or digit' },
    unique: 'global',
    source: RULES_PAGE,
  },
  'azurerm_private_dns_zone.name': {
    what: 'private DNS zone name',
    minLength: 1,
    maxLength: 253,
    // A DNS name whose labels are 1-63 lowercase letters, digits and hyphens (PostgreSQL's zone
    // ends in .postgres.database.azure.com by construction).
    characters: /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/,
    charactersText:
      'DNS labels of 1-63 lowercase letters, digits and hyphens, separated by periods',
    unique: 'resource-group',
    source:
      'https://learn.microsoft.com/en-us/azure/dns/private-dns-privatednszone',
  },
  'azurerm_managed_redis.name': {
    what: 'Azure Managed Redis name',
    minLength: 1,
    maxLength: 60,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    noDoubleHyphen: true,
    unique: 'global',
    source: RULES_PAGE,
  },
  'azurerm_linux_virtual_machine_scale_set.name': {
    what: 'VM scale set name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9_.-]+$/,
    charactersText: 'letters, digits, underscores, periods and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_UNDERSCORE_LAST,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_lb.name': {
    ...NETWORK_NAME,
    what: 'load balancer name',
    unique: 'resource-group',
  },
  'azurerm_monitor_autoscale_setting.name': {
    what: 'autoscale setting name',
    minLength: 1,
    maxLength: 260,
    // eslint-disable-next-line no-control-regex
    characters: /^[^*#&+:<>?@%{}\\/\x00-\x1f]+$/,
    charactersText:
      'any characters but * # & + : < > ? @ % { } \\ / and control characters',
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_container_app.name': {
    what: 'container app name',
    minLength: 2,
    maxLength: 32,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    first: { pattern: /^[a-z]/, text: 'begin with a lowercase letter' },
    last: { pattern: /[a-z0-9]$/, text: 'end with a letter or digit' },
    noDoubleHyphen: true,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_container_app_environment.name': {
    what: 'Container Apps environment name',
    minLength: 2,
    maxLength: 60,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: { pattern: /^[A-Za-z]/, text: 'begin with a letter' },
    last: ALNUM_LAST,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_user_assigned_identity.name': {
    what: 'managed identity name',
    minLength: 3,
    maxLength: 128,
    characters: /^[A-Za-z0-9_-]+$/,
    charactersText: 'letters, digits, hyphens and underscores',
    first: ALNUM_FIRST,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_container_registry.name': {
    what: 'container registry name',
    minLength: 5,
    maxLength: 50,
    characters: /^[A-Za-z0-9]+$/,
    charactersText: 'letters and digits',
    unique: 'global',
    source: RULES_PAGE,
  },
  'azurerm_cdn_frontdoor_profile.name': {
    what: 'Front Door profile name',
    minLength: 1,
    maxLength: 90,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    unique: 'resource-group',
    source: RULES_PAGE,
  },
  'azurerm_cdn_frontdoor_endpoint.name': {
    what: 'Front Door endpoint name',
    minLength: 1,
    maxLength: 46,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    // Azure appends a hash to the endpoint's host name, so the name itself needs no suffix.
    unique: 'parent',
    source: RULES_PAGE,
  },
  'azurerm_cdn_frontdoor_route.name': {
    what: 'Front Door route name',
    minLength: 1,
    maxLength: 90,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    unique: 'parent',
    source: RULES_PAGE,
  },
  'mongodbatlas_project.name': {
    what: 'Atlas project name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9 _().-]+$/,
    charactersText: 'letters, digits, spaces and _ ( ) . -',
    unique: 'subscription',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createproject',
  },
  'mongodbatlas_advanced_cluster.name': {
    what: 'Atlas cluster name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    unique: 'parent',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createcluster',
  },
} as const satisfies Record<string, AzureNameRule>;

/** @public A key of {@link AZURE_NAME_RULES}. */
export type AzureNameKind = keyof typeof AZURE_NAME_RULES;

/**
 * @public
 * The longest `<environment>-<component>` name the resolver builds for Azure (`resourceName`):
 * 60, managed Redis's limit, the tightest among the names built from it (the others fit their
 * own rules with {@link fitName}).
 */
export const AZURE_RESOURCE_NAME_MAX_LENGTH =
  AZURE_NAME_RULES['azurerm_managed_redis.name'].maxLength;

/**
 * @public
 * The rules a name breaks, each as the words that finish "must ..." (empty when it is valid).
 */
export function azureNameViolations(
  kind: AzureNameKind,
  name: string,
): string[] {
  const rule: AzureNameRule = AZURE_NAME_RULES[kind];
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
  if (rule.noDoubleHyphen && name.includes('--')) {
    out.push('not contain two hyphens in a row');
  }
  for (const r of rule.refuse ?? []) {
    if (r.pattern.test(name)) out.push(r.text);
  }
  return out;
}

/** The deterministic suffix of globally unique names: 6 hex digits of FNV-1a of the environment. */
export function azureGlobalSuffix(environment: string): string {
  return fnv1a(`terrace/${environment}`).slice(0, 6);
}

/**
 * @public
 * The alarm name form on Azure. Metric alert rule names refuse `/`, so the contract's
 * `<environment>/<component>/<check>` is written `<environment>.<component>.<check>` (environment
 * and component names hold no period, so the form reads back unambiguously).
 */
export function azureAlarmName(alarmName: string): string {
  return alarmName.split('/').join('.');
}

/** @public The environment-wide Azure names. */
export function azureEnvironmentNames(environment: string) {
  const suffix = azureGlobalSuffix(environment);
  const alnum = environment.replace(/[^a-z0-9]/g, '');
  return {
    resourceGroup: `rg-${environment}`,
    logAnalytics: `log-${environment}`,
    actionGroup: `ag-${environment}-alarms`,
    /** Shown in alert e-mails and texts; 12 characters at most. */
    actionGroupShort: environment.slice(0, 12).replace(/-+$/, ''),
    virtualNetwork: `vnet-${environment}`,
    /** Followed by the zone's index. */
    privateSubnetPrefix: 'snet-private-',
    dataSubnetPrefix: 'snet-data-',
    /** The subnet delegated to PostgreSQL flexible servers. */
    postgresSubnet: 'snet-postgres',
    /** Followed by the subnet's name. */
    securityGroupPrefix: `nsg-${environment}-`,
    /** Followed by the NAT gateway's index. */
    natGatewayPrefix: `ng-${environment}-`,
    natPublicIpPrefix: `pip-${environment}-ng-`,
    /** The Container Apps environment, its infrastructure resource group and its subnet. */
    appsEnvironment: fitName(['cae', environment], '', 60),
    appsInfrastructureGroup: `rg-${environment}-apps-infra`,
    appsSubnet: 'snet-apps',
    /** `kv-<environment, cut>-<suffix>`: 24 at most, globally unique. */
    keyVault: fitName(
      ['kv', environment.slice(0, 24 - 3 - 7).replace(/-+$/, '')],
      `-${suffix}`,
      24,
    ),
    /** `st<environment letters and digits, cut>s<suffix>`: 24 at most, globally unique. */
    storageAccount: `st${alnum.slice(0, 24 - 2 - suffix.length)}${suffix}`,
    /** Private endpoints of the vault and the storage account (prod). */
    keyVaultEndpoint: fitName(['pe', environment, 'key-vault'], '', 64),
    storageEndpoint: fitName(['pe', environment, 'storage'], '', 64),
    /** The account of public buckets: `st<environment, cut>pub<suffix>`. */
    publicStorageAccount: `st${alnum.slice(
      0,
      24 - 5 - suffix.length,
    )}pub${suffix}`,
  };
}

/**
 * @public
 * The names of one component's Azure resources, by role. The generator takes its names from here
 * and validation checks the same names.
 */
export function azureComponentNames(environment: string, component: string) {
  const suffix = azureGlobalSuffix(environment);
  return {
    postgresServer: fitName(['psql', environment, component], `-${suffix}`, 63),
    /** Read replicas: followed by the replica's index. */
    postgresReplicaPrefix: fitName(
      ['psql', environment, component],
      `-${suffix}-replica-`,
      62,
    ),
    /** The server's private DNS zone (VNet integration). */
    postgresDnsZone: `${fitName(
      [environment, component],
      '',
      63,
    )}.private.postgres.database.azure.com`,
    postgresDnsLink: fitName(['pdnslink', environment, component], '', 80),
    managedRedis: fitName(['amr', environment, component], `-${suffix}`, 60),
    /** The private endpoint of managed Redis, or of Atlas over Private Link. */
    privateEndpoint: fitName(['pe', environment, component], '', 64),
    /** A vm-group's scale set, load balancer, its public IP, identity and autoscale setting. */
    scaleSet: fitName(['vmss', environment, component], '', 64),
    loadBalancer: fitName(['lb', environment, component], '', 80),
    loadBalancerPublicIp: fitName(['pip', environment, component], '', 80),
    vmIdentity: fitName(['id', environment, component], '', 128),
    autoscale: fitName(['as', environment, component], '', 80),
    /** The container app of a service and its identity. */
    containerApp: fitName(['ca', environment, component], '', 32),
    appIdentity: fitName(['id', environment, component], '', 128),
    /** `cr<environment and component, letters and digits, cut><suffix>`: 50 at most, global. */
    containerRegistry: `cr${`${environment}${component}`
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 50 - 2 - suffix.length)}${suffix}`,
    /** Front Door Standard profile and endpoint of a cdn. */
    frontDoorProfile: fitName(['afd', environment, component], '', 90),
    frontDoorEndpoint: fitName(['fde', environment, component], '', 46),
    /** The blob container of a bucket: the component name. */
    container: component,
    atlasProject: fitName([environment, component], '', 64),
    atlasCluster: fitName([environment, component], '', 64),
    /** Key Vault secrets Terraform writes for the component. */
    adminPasswordSecret: `${component}-admin-password`,
    accessKeySecret: `${component}-access-key`,
    appPasswordSecret: `${component}-app-password`,
  };
}

/** @public Key Vault secret name of one secret of a `secrets` component: `<component>-<name>`. */
export function azureSecretName(component: string, name: string): string {
  return `${component}-${name}`;
}

/** @public A component as far as its Azure names go. */
export interface AzureNamedComponent {
  name: string;
  type: string;
  /** The names of a secrets component's secrets. */
  names?: readonly string[];
  /** Whether a redis component keeps an access key (stored in Key Vault). */
  authToken?: boolean;
  /** Whether a bucket is public (it then lives in the public storage account). */
  public?: boolean;
  /** The origins of a cdn (one route each). */
  origins?: readonly string[];
  /** Whether a mongodb component reaches Atlas over Private Link (a private endpoint). */
  privateLink?: boolean;
}

/** @public One name the generator will emit, with the component it comes from. */
export interface AzurePlannedName {
  kind: AzureNameKind;
  name: string;
  /** Index in the component list; absent for environment-wide names. */
  component?: number;
}

/**
 * @public
 * Every name the Azure generator emits for an environment and its components. Validation checks
 * each against {@link AZURE_NAME_RULES}. Alarm names follow {@link azureAlarmName}.
 * `options.tier`: in prod (and when the tier is not known) the Key Vault and the private storage
 * account get private endpoints named like a component's (`pe-<environment>-key-vault`,
 * `pe-<environment>-storage`), so those names are planned too.
 */
export function azureNamePlan(
  environment: string,
  components: readonly AzureNamedComponent[],
  checks: Readonly<Record<string, readonly string[]>> = {},
  options: { tier?: string } = {},
): AzurePlannedName[] {
  const e = azureEnvironmentNames(environment);
  const out: AzurePlannedName[] = [
    { kind: 'azurerm_resource_group.name', name: e.resourceGroup },
    { kind: 'azurerm_log_analytics_workspace.name', name: e.logAnalytics },
    { kind: 'azurerm_monitor_action_group.name', name: e.actionGroup },
    {
      kind: 'azurerm_monitor_action_group.short_name',
      name: e.actionGroupShort,
    },
    { kind: 'azurerm_virtual_network.name', name: e.virtualNetwork },
    {
      kind: 'azurerm_network_security_group.name',
      name: `${e.securityGroupPrefix}${e.postgresSubnet}`,
    },
    { kind: 'azurerm_nat_gateway.name', name: `${e.natGatewayPrefix}0` },
    { kind: 'azurerm_public_ip.name', name: `${e.natPublicIpPrefix}0` },
    { kind: 'azurerm_key_vault.name', name: e.keyVault },
  ];
  const sharedEndpoints = options.tier === undefined || options.tier === 'prod';
  if (sharedEndpoints) {
    out.push({
      kind: 'azurerm_private_endpoint.name',
      name: e.keyVaultEndpoint,
    });
  }
  if (components.some(c => c.type === 'service')) {
    out.push({
      kind: 'azurerm_container_app_environment.name',
      name: e.appsEnvironment,
    });
    out.push({
      kind: 'azurerm_resource_group.name',
      name: e.appsInfrastructureGroup,
    });
  }
  if (components.some(c => c.type === 'bucket' && !c.public)) {
    out.push({ kind: 'azurerm_storage_account.name', name: e.storageAccount });
    if (sharedEndpoints) {
      out.push({
        kind: 'azurerm_private_endpoint.name',
        name: e.storageEndpoint,
      });
    }
  }
  if (components.some(c => c.type === 'bucket' && c.public)) {
    out.push({
      kind: 'azurerm_storage_account.name',
      name: e.publicStorageAccount,
    });
  }
  components.forEach((c, index) => {
    const n = azureComponentNames(environment, c.name);
    const add = (kind: AzureNameKind, name: string) =>
      out.push({ kind, name, component: index });
    for (const check of checks[c.type] ?? []) {
      add(
        'azurerm_monitor_metric_alert.name',
        azureAlarmName(`${environment}/${c.name}/${check}`),
      );
    }
    switch (c.type) {
      case 'postgres':
        add('azurerm_postgresql_flexible_server.name', n.postgresServer);
        add(
          'azurerm_postgresql_flexible_server.name',
          `${n.postgresReplicaPrefix}0`,
        );
        add('azurerm_private_dns_zone.name', n.postgresDnsZone);
        add(
          'azurerm_private_dns_zone_virtual_network_link.name',
          n.postgresDnsLink,
        );
        add('azurerm_key_vault_secret.name', n.adminPasswordSecret);
        break;
      case 'redis':
        add('azurerm_managed_redis.name', n.managedRedis);
        add('azurerm_private_endpoint.name', n.privateEndpoint);
        if (c.authToken !== false) {
          add('azurerm_key_vault_secret.name', n.accessKeySecret);
        }
        break;
      case 'bucket':
        add('azurerm_storage_container.name', n.container);
        break;
      case 'registry':
        add('azurerm_container_registry.name', n.containerRegistry);
        break;
      case 'vm-group':
        add('azurerm_linux_virtual_machine_scale_set.name', n.scaleSet);
        add('azurerm_lb.name', n.loadBalancer);
        add('azurerm_public_ip.name', n.loadBalancerPublicIp);
        add('azurerm_user_assigned_identity.name', n.vmIdentity);
        add('azurerm_monitor_autoscale_setting.name', n.autoscale);
        break;
      case 'service':
        add('azurerm_container_app.name', n.containerApp);
        add('azurerm_user_assigned_identity.name', n.appIdentity);
        break;
      case 'cdn':
        add('azurerm_cdn_frontdoor_profile.name', n.frontDoorProfile);
        add('azurerm_cdn_frontdoor_endpoint.name', n.frontDoorEndpoint);
        for (const origin of c.origins ?? []) {
          add('azurerm_cdn_frontdoor_route.name', origin);
        }
        break;
      case 'mongodb':
        add('mongodbatlas_project.name', n.atlasProject);
        add('mongodbatlas_advanced_cluster.name', n.atlasCluster);
        if (c.privateLink) {
          add('azurerm_private_endpoint.name', n.privateEndpoint);
        }
        add('azurerm_key_vault_secret.name', n.appPasswordSecret);
        break;
      case 'secrets':
        for (const secret of c.names ?? []) {
          add('azurerm_key_vault_secret.name', azureSecretName(c.name, secret));
        }
        break;
      default:
        break;
    }
  });
  return out;
}
