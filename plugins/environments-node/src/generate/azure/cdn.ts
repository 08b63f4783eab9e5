import type { ResolvedCdn } from '@terrace/plugin-environments-common';
import { attr, block, body, BodyItem, raw, resource } from '../hcl';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  id,
  RESOURCE_GROUP,
  tags,
} from './context';
import { diagnosticSetting } from './shared';

/** The security headers Front Door adds to every answer (as the AWS emitter's response headers policy). */
const SECURITY_HEADERS: Array<[string, string]> = [
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];

/** Content types Front Door compresses. */
const COMPRESSED = [
  'application/javascript',
  'application/json',
  'image/svg+xml',
  'text/css',
  'text/html',
  'text/plain',
];

/**
 * `cdn-<name>.tf` for a `cdn` component: a Front Door Standard profile and endpoint, one origin
 * group with the public storage account's blob host as its origin (HTTPS, certificate name checked,
 * health probe), one route per public bucket (the first at `/*` with its container as the origin
 * path, the others at `/<container>/*`), a public service's container app at `/api/*` (at `/*`
 * without buckets; not cached, probed on its health check path), HTTPS only with HTTP redirected,
 * caching with compression, the security headers added by a rule set, and the profile's access and
 * health probe logs to Log Analytics.
 */
export function emitCdn(ctx: AzureContext, cdn: ResolvedCdn): AzureEmitted {
  const n = id(cdn.name);
  const names = azureNames(ctx, cdn);
  const profile = `azurerm_cdn_frontdoor_profile.${n}`;
  const buckets = cdn.bucketOrigins;
  const service = cdn.serviceOrigin;
  const serviceRoute: BodyItem[] = service
    ? [
        resource('azurerm_cdn_frontdoor_origin_group', `${n}_api`, [
          attr('name', 'api'),
          attr('cdn_frontdoor_profile_id', raw(`${profile}.id`)),
          attr('session_affinity_enabled', false),
          block('load_balancing', [], {
            sample_size: 4,
            successful_samples_required: 3,
          }),
          block('health_probe', [], {
            interval_in_seconds: 30,
            path: ctx.ofType('service').find(s => s.name === service)
              ?.healthCheckPath,
            protocol: 'Https',
            request_type: 'GET',
          }),
        ]),
        resource('azurerm_cdn_frontdoor_origin', `${n}_api`, {
          name: service,
          cdn_frontdoor_origin_group_id: raw(
            `azurerm_cdn_frontdoor_origin_group.${n}_api.id`,
          ),
          enabled: true,
          host_name: raw(
            `azurerm_container_app.${id(service)}.ingress[0].fqdn`,
          ),
          origin_host_header: raw(
            `azurerm_container_app.${id(service)}.ingress[0].fqdn`,
          ),
          http_port: 80,
          https_port: 443,
          certificate_name_check_enabled: true,
          priority: 1,
          weight: 1000,
        }),
        // The API is not cached: every request goes to the service.
        resource('azurerm_cdn_frontdoor_route', `${n}_${id(service)}`, {
          name: service,
          cdn_frontdoor_endpoint_id: raw(
            `azurerm_cdn_frontdoor_endpoint.${n}.id`,
          ),
          cdn_frontdoor_origin_group_id: raw(
            `azurerm_cdn_frontdoor_origin_group.${n}_api.id`,
          ),
          cdn_frontdoor_origin_ids: [
            raw(`azurerm_cdn_frontdoor_origin.${n}_api.id`),
          ],
          cdn_frontdoor_rule_set_ids: [
            raw(`azurerm_cdn_frontdoor_rule_set.${n}.id`),
          ],
          patterns_to_match: [buckets.length > 0 ? '/api/*' : '/*'],
          supported_protocols: ['Http', 'Https'],
          https_redirect_enabled: true,
          forwarding_protocol: 'HttpsOnly',
          link_to_default_domain: true,
        }),
      ]
    : [];
  const routes: BodyItem[] = buckets.map((bucket, i) => {
    const container = azureNames(ctx, { name: bucket }).container;
    return resource('azurerm_cdn_frontdoor_route', `${n}_${id(bucket)}`, [
      attr('name', bucket),
      attr(
        'cdn_frontdoor_endpoint_id',
        raw(`azurerm_cdn_frontdoor_endpoint.${n}.id`),
      ),
      attr(
        'cdn_frontdoor_origin_group_id',
        raw(`azurerm_cdn_frontdoor_origin_group.${n}.id`),
      ),
      attr('cdn_frontdoor_origin_ids', [
        raw(`azurerm_cdn_frontdoor_origin.${n}.id`),
      ]),
      attr('cdn_frontdoor_rule_set_ids', [
        raw(`azurerm_cdn_frontdoor_rule_set.${n}.id`),
      ]),
      attr('patterns_to_match', [i === 0 ? '/*' : `/${container}/*`]),
      i === 0 ? attr('cdn_frontdoor_origin_path', `/${container}`) : undefined,
      attr('supported_protocols', ['Http', 'Https']),
      attr('https_redirect_enabled', true),
      attr('forwarding_protocol', 'HttpsOnly'),
      attr('link_to_default_domain', true),
      block('cache', [], {
        query_string_caching_behavior: 'IgnoreQueryString',
        compression_enabled: true,
        content_types_to_compress: COMPRESSED,
      }),
    ]);
  });
  return {
    file: `cdn-${cdn.name}.tf`,
    items: body(
      {},
      resource('azurerm_cdn_frontdoor_profile', n, {
        name: names.frontDoorProfile,
        resource_group_name: RESOURCE_GROUP,
        sku_name: 'Standard_AzureFrontDoor',
        response_timeout_seconds: 60,
        tags: tags(ctx, cdn.name),
      }),
      resource('azurerm_cdn_frontdoor_endpoint', n, {
        name: names.frontDoorEndpoint,
        cdn_frontdoor_profile_id: raw(`${profile}.id`),
        enabled: true,
        tags: tags(ctx, cdn.name),
      }),
      buckets.length > 0 &&
        resource('azurerm_cdn_frontdoor_origin_group', n, [
          attr('name', 'blobs'),
          attr('cdn_frontdoor_profile_id', raw(`${profile}.id`)),
          attr('session_affinity_enabled', false),
          block('load_balancing', [], {
            sample_size: 4,
            successful_samples_required: 3,
          }),
          block('health_probe', [], {
            interval_in_seconds: 100,
            path: '/',
            protocol: 'Https',
            request_type: 'HEAD',
          }),
        ]),
      buckets.length > 0 &&
        resource('azurerm_cdn_frontdoor_origin', n, {
          name: 'public-storage',
          cdn_frontdoor_origin_group_id: raw(
            `azurerm_cdn_frontdoor_origin_group.${n}.id`,
          ),
          enabled: true,
          host_name: raw('azurerm_storage_account.public.primary_blob_host'),
          origin_host_header: raw(
            'azurerm_storage_account.public.primary_blob_host',
          ),
          http_port: 80,
          https_port: 443,
          certificate_name_check_enabled: true,
          priority: 1,
          weight: 1000,
        }),
      resource('azurerm_cdn_frontdoor_rule_set', n, {
        name: 'securityheaders',
        cdn_frontdoor_profile_id: raw(`${profile}.id`),
      }),
      resource('azurerm_cdn_frontdoor_rule', n, [
        attr('name', 'securityheaders'),
        attr(
          'cdn_frontdoor_rule_set_id',
          raw(`azurerm_cdn_frontdoor_rule_set.${n}.id`),
        ),
        attr('order', 1),
        attr('behavior_on_match', 'Continue'),
        block(
          'actions',
          [],
          SECURITY_HEADERS.map(([name, value]) =>
            block('response_header_action', [], {
              header_action: 'Overwrite',
              header_name: name,
              value,
            }),
          ),
        ),
      ]),
      ...routes,
      ...serviceRoute,
      diagnosticSetting(`cdn_${n}`, raw(`${profile}.id`)),
    ),
    outputs: [
      block('output', [`${n}_host_name`], {
        description: `${cdn.name}: Front Door endpoint host name`,
        value: raw(`azurerm_cdn_frontdoor_endpoint.${n}.host_name`),
      }),
    ],
  };
}
