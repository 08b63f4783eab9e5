import { attr, block, body, raw, resource } from '../hcl';
import {
  componentLabels,
  envNames,
  GcpContext,
  GcpEmitted,
  NETWORK_ID,
  REGION,
} from './context';

/**
 * Google's documented source ranges of load balancer and health check probes
 * (cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges).
 */
export const HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22'];

/** The network tag of instances that load balancers may probe. */
export function lbBackendTag(env: string): string {
  return `${env}-lb-backend`;
}

/** Whether the environment needs Private Service Access (Cloud SQL, Memorystore). */
export function needsPrivateServices(ctx: GcpContext): boolean {
  return ctx.ofType('postgres').length > 0 || ctx.ofType('redis').length > 0;
}

/**
 * `network.tf`: a custom-mode VPC with one subnet in the environment's region (GCP subnets are
 * regional and span its zones), flow logs, Cloud NAT when the tier has NAT (`natGateways` > 0:
 * one Cloud NAT serves every zone of the region), firewall rules that deny ingress by default
 * and allow load-balancer health checks, and Private Service Access (a reserved range peered to
 * Google's service producer network) when Cloud SQL or Memorystore is used.
 */
export function emitNetwork(ctx: GcpContext): GcpEmitted {
  const n = envNames(ctx);
  const net = ctx.env.network;
  // Atlas allows the environment by its NAT address, so a mongodb needs a static one.
  const staticNat = ctx.ofType('mongodb').length > 0;
  const nat = net.natGateways > 0 || staticNat;
  return {
    file: 'network.tf',
    items: body(
      {},
      resource('google_compute_network', 'main', {
        name: n.network,
        description: `Terrace environment ${ctx.env.name}`,
        auto_create_subnetworks: false,
        routing_mode: 'REGIONAL',
      }),
      resource('google_compute_subnetwork', 'main', [
        attr('name', n.subnet),
        attr('region', REGION),
        attr('network', NETWORK_ID),
        attr('ip_cidr_range', net.privateSubnets[0]),
        attr('private_ip_google_access', true),
        block('log_config', [], {
          aggregation_interval: 'INTERVAL_5_MIN',
          flow_sampling: 0.5,
          metadata: 'INCLUDE_ALL_METADATA',
        }),
      ]),
      nat && [
        staticNat &&
          resource('google_compute_address', 'nat', {
            name: n.nat,
            description:
              'Static Cloud NAT address (the MongoDB Atlas access list allows it)',
            region: REGION,
            address_type: 'EXTERNAL',
            labels: componentLabels('network'),
          }),
        resource('google_compute_router', 'main', {
          name: n.router,
          region: REGION,
          network: NETWORK_ID,
        }),
        resource('google_compute_router_nat', 'main', [
          attr('name', n.nat),
          attr('region', REGION),
          attr('router', raw('google_compute_router.main.name')),
          attr(
            'nat_ip_allocate_option',
            staticNat ? 'MANUAL_ONLY' : 'AUTO_ONLY',
          ),
          staticNat
            ? attr('nat_ips', [raw('google_compute_address.nat.self_link')])
            : undefined,
          attr(
            'source_subnetwork_ip_ranges_to_nat',
            'ALL_SUBNETWORKS_ALL_IP_RANGES',
          ),
          block('log_config', [], { enable: true, filter: 'ERRORS_ONLY' }),
        ]),
      ],
      resource('google_compute_firewall', 'deny_ingress', [
        attr('name', n.denyIngressFirewall),
        attr('network', NETWORK_ID),
        attr(
          'description',
          'Deny all ingress not allowed by a rule of higher priority',
        ),
        attr('direction', 'INGRESS'),
        attr('priority', 65534),
        attr('source_ranges', ['0.0.0.0/0']),
        block('deny', [], { protocol: 'all' }),
        block('log_config', [], { metadata: 'EXCLUDE_ALL_METADATA' }),
      ]),
      resource('google_compute_firewall', 'allow_health_checks', [
        attr('name', n.healthCheckFirewall),
        attr('network', NETWORK_ID),
        attr(
          'description',
          'Load balancer health checks reach load-balanced instances',
        ),
        attr('direction', 'INGRESS'),
        attr('priority', 1000),
        attr('source_ranges', HEALTH_CHECK_RANGES),
        attr('target_tags', [lbBackendTag(ctx.env.name)]),
        block('allow', [], { protocol: 'tcp' }),
        block('log_config', [], { metadata: 'EXCLUDE_ALL_METADATA' }),
      ]),
      needsPrivateServices(ctx) && [
        resource('google_compute_global_address', 'private_services', {
          name: n.privateServiceRange,
          description:
            'Private Service Access range for Cloud SQL and Memorystore',
          purpose: 'VPC_PEERING',
          address_type: 'INTERNAL',
          prefix_length: 20,
          network: NETWORK_ID,
          labels: componentLabels('network'),
        }),
        resource('google_service_networking_connection', 'private_services', {
          network: NETWORK_ID,
          service: 'servicenetworking.googleapis.com',
          reserved_peering_ranges: [
            raw('google_compute_global_address.private_services.name'),
          ],
        }),
      ],
    ),
    outputs: [
      block('output', ['network_id'], {
        description: 'VPC network of the environment',
        value: NETWORK_ID,
      }),
      block('output', ['subnet_id'], {
        description: 'Subnet of the environment in its region',
        value: raw('google_compute_subnetwork.main.id'),
      }),
    ],
  };
}
