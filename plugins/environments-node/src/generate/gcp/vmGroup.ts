import type { ResolvedVmGroup } from '@terrace/plugin-environments-common';
import { gcpProfile } from '@terrace/plugin-environments-common';
import { attr, block, body, data, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  NETWORK_ID,
  REGION,
  skip,
  SUBNET_ID,
} from './context';
import { lbBackendTag } from './network';

/** The boot image of the instances: Debian 12, the family Google keeps patched. */
export const VM_IMAGE = 'debian-cloud/debian-12';

/**
 * Where a passthrough Network Load Balancer's health checks come from
 * (cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges): 35.191.0.0/16 and
 * 130.211.0.0/22 for internal ones, 35.191.0.0/16, 209.85.152.0/22 and 209.85.204.0/22 for
 * external ones.
 */
export const NLB_HEALTH_CHECK_RANGES = [
  '35.191.0.0/16',
  '130.211.0.0/22',
  '209.85.152.0/22',
  '209.85.204.0/22',
];

/** EXTERNAL (a public address) when the vm-group is public, else INTERNAL (an address in the subnet). */
export function vmGroupLoadBalancingScheme(
  vm: ResolvedVmGroup,
): 'EXTERNAL' | 'INTERNAL' {
  return vm.public ? 'EXTERNAL' : 'INTERNAL';
}

/**
 * `vm-group-<name>.tf` for a `vm-group` component: a regional managed instance group across the
 * first `network.zones` zones of the region that are up, from an instance template (Debian 12, Shielded VM, no external address, OS
 * Login, project SSH keys blocked, serial port off, its own service account), with autohealing
 * on an HTTP health check of `healthCheckPath`, proactive rolling updates, a regional autoscaler
 * between `minCount` and `maxCount` on CPU at `cpuTarget` %, behind a regional passthrough
 * Network Load Balancer (backend service and forwarding rule on `port`; EXTERNAL when public,
 * INTERNAL otherwise) and a firewall rule admitting the port from the internet (public) or the
 * VPC (internal) and from the health checkers. Alarms: CPU on the instances; the load balancer
 * is layer 4 and memory needs the Ops Agent, so those alarms are left out, each with a comment.
 */
export function emitVmGroup(ctx: GcpContext, vm: ResolvedVmGroup): GcpEmitted {
  const n = id(vm.name);
  const names = gcpNames(ctx, vm);
  const scheme = vmGroupLoadBalancingScheme(vm);
  const mig = `google_compute_region_instance_group_manager.${n}`;
  const healthCheck = `google_compute_region_health_check.${n}`;
  const zones = ctx.env.network.zones;
  return {
    file: `vm-group-${vm.name}.tf`,
    items: body(
      {},
      data('google_compute_zones', n, { region: REGION, status: 'UP' }),
      resource('google_service_account', `${n}_vm`, {
        account_id: names.vmServiceAccount,
        display_name: `Instances of ${names.instanceGroup}`,
        description: `Identity of the ${vm.name} vm-group of ${ctx.env.name}`,
      }),
      resource('google_compute_instance_template', n, [
        skip(
          'CKV_GCP_38',
          'boot disks are encrypted at rest with Google-managed keys by design; customer-supplied keys would have to be handed to every instance start',
        ),
        attr('name_prefix', `${names.instanceTemplatePrefix}-`),
        attr('description', `${ctx.env.name} ${vm.name} instances`),
        attr('region', REGION),
        attr('machine_type', vm.instanceType),
        attr('can_ip_forward', false),
        attr('tags', [names.vmTag, lbBackendTag(ctx.env.name)]),
        attr('labels', componentLabels(vm.name)),
        attr('metadata', {
          kind: 'map',
          entries: [
            ['block-project-ssh-keys', 'true'],
            ['enable-oslogin', 'TRUE'],
            ['serial-port-enable', 'false'],
          ],
        }),
        block('disk', [], {
          source_image: VM_IMAGE,
          auto_delete: true,
          boot: true,
          disk_type: 'pd-balanced',
          disk_size_gb: vm.volumeGb,
          labels: componentLabels(vm.name),
        }),
        // No access_config: instances have no external address; outbound goes through Cloud NAT.
        block('network_interface', [], { subnetwork: SUBNET_ID }),
        block('service_account', [], {
          email: raw(`google_service_account.${n}_vm.email`),
          scopes: ['cloud-platform'],
        }),
        block('shielded_instance_config', [], {
          enable_secure_boot: true,
          enable_vtpm: true,
          enable_integrity_monitoring: true,
        }),
        block('lifecycle', [], { create_before_destroy: true }),
      ]),
      resource('google_compute_region_health_check', n, [
        attr('name', names.healthCheck),
        attr('region', REGION),
        attr('check_interval_sec', 10),
        attr('timeout_sec', 5),
        attr('healthy_threshold', 2),
        attr('unhealthy_threshold', 3),
        block('http_health_check', [], {
          port: vm.port,
          request_path: vm.healthCheckPath,
        }),
        block('log_config', [], { enable: true }),
      ]),
      resource('google_compute_region_instance_group_manager', n, [
        attr('name', names.instanceGroup),
        attr('region', REGION),
        attr('base_instance_name', names.baseInstanceName),
        attr('description', `${ctx.env.name} ${vm.name}`),
        // The environment's zone count (spec.network.zones), the first zones of the region that are up.
        attr(
          'distribution_policy_zones',
          raw(`slice(data.google_compute_zones.${n}.names, 0, ${zones})`),
        ),
        block('version', [], {
          name: 'primary',
          instance_template: raw(`google_compute_instance_template.${n}.id`),
        }),
        block('named_port', [], { name: 'app', port: vm.port }),
        block('auto_healing_policies', [], {
          health_check: raw(`${healthCheck}.id`),
          initial_delay_sec: 300,
        }),
        block('update_policy', [], {
          type: 'PROACTIVE',
          minimal_action: 'REPLACE',
          // A regional MIG surges by at least one instance per zone it spans.
          max_surge_fixed: zones,
          max_unavailable_fixed: 0,
        }),
        // The autoscaler owns the size.
        block('lifecycle', [], { ignore_changes: [raw('target_size')] }),
      ]),
      resource('google_compute_region_autoscaler', n, [
        attr('name', names.autoscaler),
        attr('region', REGION),
        attr('target', raw(`${mig}.id`)),
        block(
          'autoscaling_policy',
          [],
          [
            attr('min_replicas', vm.minCount),
            attr('max_replicas', vm.maxCount),
            attr('cooldown_period', 120),
            block('cpu_utilization', [], { target: vm.cpuTarget / 100 }),
          ],
        ),
      ]),
      resource('google_compute_region_backend_service', n, [
        attr('name', names.backendService),
        attr('region', REGION),
        attr('load_balancing_scheme', scheme),
        attr('protocol', 'TCP'),
        attr('health_checks', [raw(`${healthCheck}.id`)]),
        block('backend', [], {
          group: raw(`${mig}.instance_group`),
          balancing_mode: 'CONNECTION',
        }),
        block('log_config', [], { enable: true, sample_rate: 1 }),
      ]),
      resource('google_compute_forwarding_rule', n, [
        attr('name', names.forwardingRule),
        attr('region', REGION),
        attr('load_balancing_scheme', scheme),
        attr('ip_protocol', 'TCP'),
        attr('ports', [String(vm.port)]),
        attr(
          'backend_service',
          raw(`google_compute_region_backend_service.${n}.id`),
        ),
        ...(vm.public
          ? []
          : [attr('network', NETWORK_ID), attr('subnetwork', SUBNET_ID)]),
        attr('labels', componentLabels(vm.name)),
      ]),
      resource('google_compute_firewall', n, [
        attr('name', names.vmFirewall),
        attr('network', NETWORK_ID),
        attr(
          'description',
          `${vm.name}: port ${vm.port} from ${
            vm.public ? 'the internet' : 'the VPC'
          } and the load balancer health checkers`,
        ),
        attr('direction', 'INGRESS'),
        attr('priority', 900),
        attr('source_ranges', [
          ...(vm.public ? ['0.0.0.0/0'] : [ctx.env.network.cidr]),
          ...NLB_HEALTH_CHECK_RANGES,
        ]),
        attr('target_tags', [names.vmTag]),
        block('allow', [], { protocol: 'tcp', ports: [String(vm.port)] }),
        block('log_config', [], { metadata: 'EXCLUDE_ALL_METADATA' }),
      ]),
      emitAlarms(
        ctx,
        vm.name,
        () =>
          template(
            `metadata.user_labels."terrace-component" = "${vm.name}" AND metadata.user_labels."terrace-environment" = "${ctx.env.name}"`,
          ),
        undefined,
        // A passthrough load balancer reports neither target health nor HTTP status codes.
        alarm =>
          alarm.source === 'load-balancer'
            ? undefined
            : gcpProfile.alarmMetric(alarm),
      ),
    ),
    outputs: [
      block('output', [`${n}_address`], {
        description: `${vm.name}: the load balancer's ${
          vm.public ? 'public' : 'internal'
        } address (port ${vm.port})`,
        value: raw(`google_compute_forwarding_rule.${n}.ip_address`),
      }),
    ],
  };
}
