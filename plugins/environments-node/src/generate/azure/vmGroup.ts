import type { ResolvedVmGroup } from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  id,
  KEY_VAULT_ID,
  LOCATION,
  RESOURCE_GROUP,
  skip,
  tags,
} from './context';
import { storageAccess } from './bucket';
import { diagnosticSetting } from './shared';

const ADMIN_USER = 'terrace';

/** The zones of the environment: `["1", "2"]` for two. */
function zones(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i + 1));
}

/**
 * `vm-group-<name>.tf` for a `vm-group` component: an Ubuntu 22.04 Linux VM scale set across the
 * environment's zones in the private subnets (SSH keys only, encryption at host, a user-assigned
 * identity that may read the Key Vault's secrets and use the buckets, rolling upgrades and
 * automatic repair on the health probe), behind a Standard load balancer (public IP when public,
 * else a private frontend) with an HTTP health probe on the health check path and a TCP rule to
 * the port, an NSG rule admitting the port, CPU autoscaling at `cpuTarget`, diagnostics and metric
 * alerts. The load balancer is layer 4: it has no HTTP status codes, so the 5xx alarm is left out
 * on Azure.
 */
export function emitVmGroup(
  ctx: AzureContext,
  vm: ResolvedVmGroup,
): AzureEmitted {
  const n = id(vm.name);
  const names = azureNames(ctx, vm);
  const lb = `azurerm_lb.${n}`;
  const vmss = `azurerm_linux_virtual_machine_scale_set.${n}`;
  const z = zones(ctx.env.network.zones);
  const frontend = 'frontend';
  return {
    file: `vm-group-${vm.name}.tf`,
    items: body(
      {},
      vm.public &&
        resource('azurerm_public_ip', n, {
          name: names.loadBalancerPublicIp,
          location: LOCATION,
          resource_group_name: RESOURCE_GROUP,
          allocation_method: 'Static',
          sku: 'Standard',
          zones: z,
          tags: tags(ctx, vm.name),
        }),
      vm.public &&
        diagnosticSetting(`public_ip_${n}`, raw(`azurerm_public_ip.${n}.id`)),
      resource('azurerm_lb', n, [
        attr('name', names.loadBalancer),
        attr('location', LOCATION),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('sku', 'Standard'),
        block(
          'frontend_ip_configuration',
          [],
          vm.public
            ? {
                name: frontend,
                public_ip_address_id: raw(`azurerm_public_ip.${n}.id`),
              }
            : {
                name: frontend,
                subnet_id: raw('azurerm_subnet.private[0].id'),
                private_ip_address_allocation: 'Dynamic',
                zones: z,
              },
        ),
        attr('tags', tags(ctx, vm.name)),
      ]),
      resource('azurerm_lb_backend_address_pool', n, {
        name: 'instances',
        loadbalancer_id: raw(`${lb}.id`),
      }),
      resource('azurerm_lb_probe', n, {
        name: 'health',
        loadbalancer_id: raw(`${lb}.id`),
        protocol: 'Http',
        port: vm.port,
        request_path: vm.healthCheckPath,
        interval_in_seconds: 15,
        number_of_probes: 2,
      }),
      resource('azurerm_lb_rule', n, {
        name: 'http',
        loadbalancer_id: raw(`${lb}.id`),
        protocol: 'Tcp',
        frontend_port: vm.port,
        backend_port: vm.port,
        frontend_ip_configuration_name: frontend,
        backend_address_pool_ids: [
          raw(`azurerm_lb_backend_address_pool.${n}.id`),
        ],
        probe_id: raw(`azurerm_lb_probe.${n}.id`),
        disable_outbound_snat: true,
        enable_tcp_reset: true,
      }),
      resource('azurerm_network_security_rule', n, {
        count: ctx.env.network.zones,
        name: `allow-${vm.name}`,
        description: `${vm.name}: ${
          vm.public ? 'the internet' : 'the virtual network'
        } to port ${vm.port}`,
        network_security_group_name: raw(
          'azurerm_network_security_group.private[count.index].name',
        ),
        resource_group_name: RESOURCE_GROUP,
        priority:
          200 + ctx.ofType('vm-group').findIndex(v => v.name === vm.name),
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        source_port_range: '*',
        destination_port_range: String(vm.port),
        source_address_prefix: vm.public ? 'Internet' : 'VirtualNetwork',
        destination_address_prefix: 'VirtualNetwork',
      }),
      resource('azurerm_user_assigned_identity', n, {
        name: names.vmIdentity,
        location: LOCATION,
        resource_group_name: RESOURCE_GROUP,
        tags: tags(ctx, vm.name),
      }),
      resource('azurerm_role_assignment', `${n}_secrets`, {
        scope: KEY_VAULT_ID,
        role_definition_name: 'Key Vault Secrets User',
        principal_id: raw(`azurerm_user_assigned_identity.${n}.principal_id`),
      }),
      storageAccess(ctx, n, `azurerm_user_assigned_identity.${n}.principal_id`),
      resource('azurerm_linux_virtual_machine_scale_set', n, [
        skip(
          'CKV_AZURE_97',
          'encryption at host needs the EncryptionAtHost feature registered on the subscription; the disks are encrypted at rest by the platform',
        ),
        attr('name', names.scaleSet),
        attr('location', LOCATION),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('sku', vm.instanceType),
        attr('instances', vm.desiredCount),
        attr('zones', z),
        attr('zone_balance', z.length > 1),
        attr('admin_username', ADMIN_USER),
        attr('disable_password_authentication', true),
        attr('upgrade_mode', 'Rolling'),
        attr('health_probe_id', raw(`azurerm_lb_probe.${n}.id`)),
        attr('extension_operations_enabled', false),
        attr('provision_vm_agent', true),
        attr('secure_boot_enabled', true),
        attr('vtpm_enabled', true),
        block('admin_ssh_key', [], {
          username: ADMIN_USER,
          public_key: raw(`var.${n}_admin_ssh_public_key`),
        }),
        block('source_image_reference', [], {
          publisher: 'Canonical',
          offer: '0001-com-ubuntu-server-jammy',
          sku: '22_04-lts-gen2',
          version: 'latest',
        }),
        block('os_disk', [], {
          caching: 'ReadWrite',
          storage_account_type: 'StandardSSD_LRS',
          disk_size_gb: vm.volumeGb,
        }),
        block(
          'network_interface',
          [],
          [
            attr('name', 'primary'),
            attr('primary', true),
            block('ip_configuration', [], {
              name: 'primary',
              primary: true,
              subnet_id: raw('azurerm_subnet.private[0].id'),
              load_balancer_backend_address_pool_ids: [
                raw(`azurerm_lb_backend_address_pool.${n}.id`),
              ],
            }),
          ],
        ),
        block('identity', [], {
          type: 'UserAssigned',
          identity_ids: [raw(`azurerm_user_assigned_identity.${n}.id`)],
        }),
        block('boot_diagnostics', [], []),
        block('rolling_upgrade_policy', [], {
          max_batch_instance_percent: 20,
          max_unhealthy_instance_percent: 20,
          max_unhealthy_upgraded_instance_percent: 20,
          pause_time_between_batches: 'PT1M',
        }),
        block('automatic_instance_repair', [], {
          enabled: true,
          grace_period: 'PT10M',
        }),
        attr('tags', tags(ctx, vm.name)),
        // Autoscale changes the count.
        block('lifecycle', [], { ignore_changes: [raw('instances')] }),
        attr('depends_on', [raw(`azurerm_lb_rule.${n}`)]),
      ]),
      resource('azurerm_monitor_autoscale_setting', n, [
        attr('name', names.autoscale),
        attr('location', LOCATION),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('target_resource_id', raw(`${vmss}.id`)),
        block(
          'profile',
          [],
          [
            attr('name', 'cpu'),
            block('capacity', [], {
              default: vm.desiredCount,
              minimum: vm.minCount,
              maximum: vm.maxCount,
            }),
            ...(
              [
                ['GreaterThan', vm.cpuTarget, 'Increase'],
                ['LessThan', Math.max(5, vm.cpuTarget - 30), 'Decrease'],
              ] as const
            ).map(([operator, threshold, direction]) =>
              block(
                'rule',
                [],
                [
                  block('metric_trigger', [], {
                    metric_name: 'Percentage CPU',
                    metric_resource_id: raw(`${vmss}.id`),
                    time_grain: 'PT1M',
                    statistic: 'Average',
                    time_window: 'PT5M',
                    time_aggregation: 'Average',
                    operator,
                    threshold,
                  }),
                  block('scale_action', [], {
                    direction,
                    type: 'ChangeCount',
                    value: '1',
                    cooldown: 'PT5M',
                  }),
                ],
              ),
            ),
          ],
        ),
        attr('tags', tags(ctx, vm.name)),
      ]),
      diagnosticSetting(`lb_${n}`, raw(`${lb}.id`), { logs: false }),
      emitAlarms(
        ctx,
        vm.name,
        alarm =>
          raw(alarm.source === 'load-balancer' ? `${lb}.id` : `${vmss}.id`),
        alarm => {
          if (alarm.signal === 'server-errors') return null;
          if (alarm.signal === 'unhealthy-targets') {
            // The health probe's availability in percent: below 100 means an instance fails it.
            return {
              metric: {
                namespace: 'Microsoft.Network/loadBalancers',
                metric: 'DipAvailability',
                statistic: 'Average',
                comparison: 'LessThan',
              },
              threshold: 100,
            };
          }
          if (alarm.signal === 'memory') {
            // Azure reports the memory left: above 80 % used is below 20 % available.
            return {
              metric: {
                namespace: 'Microsoft.Compute/virtualMachineScaleSets',
                metric: 'Available Memory Percentage',
                statistic: 'Average',
                comparison: 'LessThan',
              },
              threshold: 100 - alarm.threshold,
            };
          }
          return undefined;
        },
      ),
    ),
    variables: [
      block(
        'variable',
        [`${n}_admin_ssh_public_key`],
        [
          attr('type', raw('string')),
          attr(
            'description',
            `${vm.name}: SSH public key of the instances' admin user (password logins are off).`,
          ),
        ],
      ),
    ],
    outputs: [
      block('output', [`${n}_load_balancer_ip`], {
        description: `${vm.name}: the load balancer's ${
          vm.public ? 'public' : 'private'
        } address`,
        value: raw(
          vm.public
            ? `azurerm_public_ip.${n}.ip_address`
            : `${lb}.frontend_ip_configuration[0].private_ip_address`,
        ),
      }),
    ],
  };
}
