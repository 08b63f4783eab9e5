import type { ResolvedCdn } from '@terrace/plugin-environments-common';
import { gcpCdnNames } from '@terrace/plugin-environments-common';
import { attr, block, Block, body, raw, resource } from '../hcl';
import { componentLabels, GcpContext, GcpEmitted, id, REGION } from './context';

/** Cache settings of static content (seconds). */
const CACHE = { default_ttl: 3600, max_ttl: 86_400, client_ttl: 3600 };

/**
 * `cdn-<name>.tf` for a `cdn` component: Cloud CDN on a global external Application Load
 * Balancer (EXTERNAL_MANAGED): a static IP, a backend bucket with CDN per bucket origin (the
 * first is the default, the others are served under `/<bucket>/*`), a serverless NEG and a
 * backend service for the public service origin under `/api/*`, HTTPS only with a Google-managed
 * certificate for the domain in `var.<cdn>_domain` and a TLS 1.2+ (MODERN) SSL policy, and
 * plain HTTP answered with a redirect to HTTPS. Backend buckets and serverless NEGs are not
 * checked by checkov 3.3.30; the checks test holds Terrace's own rules for them.
 */
export function emitCdn(ctx: GcpContext, cdn: ResolvedCdn): GcpEmitted {
  const n = id(cdn.name);
  const names = gcpCdnNames(ctx.env.name, cdn.name, cdn.bucketOrigins);
  const domain = raw(`var.${n}_domain`);
  const backendBucket = (b: string) =>
    `google_compute_backend_bucket.${n}_${id(b)}`;
  const service = cdn.serviceOrigin;
  const defaultBackend = cdn.bucketOrigins[0]
    ? raw(`${backendBucket(cdn.bucketOrigins[0])}.id`)
    : raw(`google_compute_backend_service.${n}_api.id`);
  const pathRules: Block[] = [
    ...cdn.bucketOrigins.slice(1).map(b =>
      block('path_rule', [], {
        paths: [`/${b}/*`],
        service: raw(`${backendBucket(b)}.id`),
      }),
    ),
    ...(service && cdn.bucketOrigins.length > 0
      ? [
          block('path_rule', [], {
            paths: ['/api/*'],
            service: raw(`google_compute_backend_service.${n}_api.id`),
          }),
        ]
      : []),
  ];
  return {
    file: `cdn-${cdn.name}.tf`,
    items: body(
      {},
      resource('google_compute_global_address', n, {
        name: names.address,
        description: `Anycast address of the CDN ${cdn.name}`,
        labels: componentLabels(cdn.name),
      }),
      cdn.bucketOrigins.map(b =>
        resource('google_compute_backend_bucket', `${n}_${id(b)}`, [
          attr('name', names.backendBuckets[b]),
          attr('description', `Bucket ${b} through the CDN ${cdn.name}`),
          attr('bucket_name', raw(`google_storage_bucket.${id(b)}.name`)),
          attr('enable_cdn', true),
          attr('compression_mode', 'AUTOMATIC'),
          block('cdn_policy', [], {
            cache_mode: 'CACHE_ALL_STATIC',
            ...CACHE,
            negative_caching: true,
            serve_while_stale: 86_400,
          }),
        ]),
      ),
      service !== undefined && [
        resource('google_compute_region_network_endpoint_group', `${n}_api`, [
          attr('name', names.serverlessNeg),
          attr('region', REGION),
          attr('network_endpoint_type', 'SERVERLESS'),
          block('cloud_run', [], {
            service: raw(`google_cloud_run_v2_service.${id(service)}.name`),
          }),
        ]),
        resource('google_compute_backend_service', `${n}_api`, [
          attr('name', names.backendService),
          attr(
            'description',
            `Service ${service} under /api/* of the CDN ${cdn.name}`,
          ),
          attr('load_balancing_scheme', 'EXTERNAL_MANAGED'),
          attr('protocol', 'HTTPS'),
          attr('enable_cdn', true),
          block('backend', [], {
            group: raw(
              `google_compute_region_network_endpoint_group.${n}_api.id`,
            ),
          }),
          block('cdn_policy', [], {
            cache_mode: 'USE_ORIGIN_HEADERS',
            negative_caching: false,
          }),
          block('log_config', [], { enable: true, sample_rate: 1 }),
        ]),
      ],
      resource('google_compute_url_map', n, [
        attr('name', names.urlMap),
        attr('description', `Routes of the CDN ${cdn.name}`),
        attr('default_service', defaultBackend),
        pathRules.length > 0 &&
          block('host_rule', [], { hosts: ['*'], path_matcher: 'origins' }),
        pathRules.length > 0 &&
          block(
            'path_matcher',
            [],
            [
              attr('name', 'origins'),
              attr('default_service', defaultBackend),
              ...pathRules,
            ],
          ),
      ]),
      resource('google_compute_managed_ssl_certificate', n, [
        attr('name', names.certificate),
        block('managed', [], { domains: [domain] }),
      ]),
      resource('google_compute_ssl_policy', n, {
        name: names.sslPolicy,
        profile: 'MODERN',
        min_tls_version: 'TLS_1_2',
      }),
      resource('google_compute_target_https_proxy', n, {
        name: names.httpsProxy,
        url_map: raw(`google_compute_url_map.${n}.id`),
        ssl_certificates: [
          raw(`google_compute_managed_ssl_certificate.${n}.id`),
        ],
        ssl_policy: raw(`google_compute_ssl_policy.${n}.id`),
      }),
      resource('google_compute_global_forwarding_rule', `${n}_https`, {
        name: names.httpsRule,
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        ip_address: raw(`google_compute_global_address.${n}.id`),
        port_range: '443',
        target: raw(`google_compute_target_https_proxy.${n}.id`),
        labels: componentLabels(cdn.name),
      }),
      resource('google_compute_url_map', `${n}_redirect`, [
        attr('name', names.redirectUrlMap),
        attr('description', `HTTP to HTTPS for the CDN ${cdn.name}`),
        block('default_url_redirect', [], {
          https_redirect: true,
          redirect_response_code: 'MOVED_PERMANENTLY_DEFAULT',
          strip_query: false,
        }),
      ]),
      resource('google_compute_target_http_proxy', `${n}_redirect`, {
        name: names.httpProxy,
        url_map: raw(`google_compute_url_map.${n}_redirect.id`),
      }),
      resource('google_compute_global_forwarding_rule', `${n}_http`, {
        name: names.httpRule,
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        ip_address: raw(`google_compute_global_address.${n}.id`),
        port_range: '80',
        target: raw(`google_compute_target_http_proxy.${n}_redirect.id`),
        labels: componentLabels(cdn.name),
      }),
    ),
    variables: [
      block(
        'variable',
        [`${n}_domain`],
        [
          attr('type', raw('string')),
          attr(
            'description',
            `DNS name served by the CDN ${cdn.name}: its Google-managed certificate covers it; point an A record at the output ${n}_ip_address.`,
          ),
        ],
      ),
    ],
    outputs: [
      block('output', [`${n}_ip_address`], {
        description: `${cdn.name}: the CDN's anycast IP address (the A record of its domain)`,
        value: raw(`google_compute_global_address.${n}.address`),
      }),
    ],
  };
}
