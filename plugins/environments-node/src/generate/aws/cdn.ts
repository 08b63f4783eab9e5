import {
  awsCdnPriceClass,
  type ResolvedCdn,
} from '@terrace/plugin-environments-common';
import { attr, Block, block, body, data, raw, resource } from '../hcl';
import {
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  id,
  skip,
} from './context';
import { TLS_POLICY } from './loadBalancer';

/** Managed CloudFront policies, looked up by name. */
const CACHE_OPTIMIZED = 'Managed-CachingOptimized';
const CACHE_DISABLED = 'Managed-CachingDisabled';
const ALL_VIEWER_EXCEPT_HOST = 'Managed-AllViewerExceptHostHeader';

export { TLS_POLICY as ALB_TLS_POLICY };

/**
 * `<name>.tf` for a `cdn` component: CloudFront with origin access control to its buckets,
 * HTTPS only, a response headers policy with the security headers, `/api/*` forwarded to the
 * public service's load balancer (HTTPS) when a service is an origin, and standard logging.
 */
export function emitCdn(ctx: AwsContext, cdn: ResolvedCdn): AwsEmitted {
  const n = id(cdn.name);
  const bucketOrigins = cdn.bucketOrigins;
  const service = cdn.serviceOrigin;
  const defaultOrigin = bucketOrigins[0] ?? service!;
  const serviceDefault = bucketOrigins.length === 0;
  const origins: Block[] = [
    ...bucketOrigins.map(b =>
      block('origin', [], {
        origin_id: b,
        domain_name: raw(`aws_s3_bucket.${id(b)}.bucket_regional_domain_name`),
        origin_access_control_id: raw(
          `aws_cloudfront_origin_access_control.${n}.id`,
        ),
      }),
    ),
    ...(service
      ? [
          block(
            'origin',
            [],
            [
              attr('origin_id', service),
              attr('domain_name', raw(`var.${n}_api_origin_domain`)),
              block('custom_origin_config', [], {
                http_port: 80,
                https_port: 443,
                origin_protocol_policy: 'https-only',
                origin_ssl_protocols: ['TLSv1.2'],
              }),
            ],
          ),
        ]
      : []),
  ];
  const behaviour = (target: string, api: boolean) =>
    [
      attr('target_origin_id', target),
      attr('viewer_protocol_policy', 'redirect-to-https'),
      attr(
        'allowed_methods',
        api
          ? ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']
          : ['GET', 'HEAD', 'OPTIONS'],
      ),
      attr('cached_methods', ['GET', 'HEAD']),
      attr('compress', true),
      attr(
        'cache_policy_id',
        raw(
          `data.aws_cloudfront_cache_policy.${n}_${
            api ? 'caching_disabled' : 'caching_optimized'
          }.id`,
        ),
      ),
      api
        ? attr(
            'origin_request_policy_id',
            raw(
              `data.aws_cloudfront_origin_request_policy.${n}_all_viewer_except_host.id`,
            ),
          )
        : undefined,
      attr(
        'response_headers_policy_id',
        raw(`aws_cloudfront_response_headers_policy.${n}.id`),
      ),
    ].filter((i): i is NonNullable<typeof i> => Boolean(i));

  return {
    file: `cdn-${cdn.name}.tf`,
    items: body(
      {},
      data('aws_cloudfront_cache_policy', `${n}_caching_optimized`, {
        name: CACHE_OPTIMIZED,
      }),
      Boolean(service) && [
        data('aws_cloudfront_cache_policy', `${n}_caching_disabled`, {
          name: CACHE_DISABLED,
        }),
        data(
          'aws_cloudfront_origin_request_policy',
          `${n}_all_viewer_except_host`,
          { name: ALL_VIEWER_EXCEPT_HOST },
        ),
      ],
      !serviceDefault &&
        resource('aws_cloudfront_origin_access_control', n, {
          name: awsNames(ctx, cdn).originAccessControl,
          description: `Signed requests from ${cdn.name} to its buckets`,
          origin_access_control_origin_type: 's3',
          signing_behavior: 'always',
          signing_protocol: 'sigv4',
        }),
      resource('aws_cloudfront_response_headers_policy', n, [
        attr('name', awsNames(ctx, cdn).responseHeadersPolicy),
        attr('comment', `Security headers of ${cdn.name}`),
        block(
          'security_headers_config',
          [],
          [
            block('strict_transport_security', [], {
              access_control_max_age_sec: 31536000,
              include_subdomains: true,
              preload: true,
              override: true,
            }),
            block('content_type_options', [], { override: true }),
            block('frame_options', [], {
              frame_option: 'DENY',
              override: true,
            }),
            block('referrer_policy', [], {
              referrer_policy: 'strict-origin-when-cross-origin',
              override: true,
            }),
            block('xss_protection', [], {
              protection: true,
              mode_block: true,
              override: true,
            }),
          ],
        ),
      ]),
      resource(
        'aws_cloudfront_distribution',
        n,
        body(
          {},
          skip(
            'CKV_AWS_68',
            'no WAF web ACL in the generated environment; attach one when the threat model needs it (it is not in the estimate)',
          ),
          skip(
            'CKV2_AWS_47',
            'no WAF web ACL in the generated environment, see CKV_AWS_68',
          ),
          skip(
            'CKV_AWS_310',
            'one origin per path; a failover origin would need a second region',
          ),
          skip('CKV_AWS_374', 'the audience is not restricted by country'),
          skip(
            'CKV_AWS_174',
            'served on the cloudfront.net name with the default certificate until a custom domain and certificate are added',
          ),
          skip(
            'CKV2_AWS_42',
            'served on the cloudfront.net name with the default certificate until a custom domain and certificate are added',
          ),
          serviceDefault &&
            skip(
              'CKV_AWS_305',
              'every path goes to the service API, which has no root document',
            ),
          serviceDefault &&
            skip(
              'CKV2_AWS_46',
              'no S3 origin: the only bucket this distribution references is the target of its access logs',
            ),
          attr('comment', `${ctx.env.name} ${cdn.name}`),
          attr('enabled', true),
          attr('is_ipv6_enabled', true),
          attr('http_version', 'http2and3'),
          attr('price_class', awsCdnPriceClass(cdn)),
          serviceDefault
            ? undefined
            : attr('default_root_object', 'index.html'),
          origins,
          block(
            'default_cache_behavior',
            [],
            behaviour(defaultOrigin, serviceDefault),
          ),
          service && !serviceDefault
            ? block(
                'ordered_cache_behavior',
                [],
                [attr('path_pattern', '/api/*'), ...behaviour(service, true)],
              )
            : undefined,
          block(
            'restrictions',
            [],
            [block('geo_restriction', [], { restriction_type: 'none' })],
          ),
          block('viewer_certificate', [], {
            cloudfront_default_certificate: true,
          }),
          block('logging_config', [], {
            bucket: raw('aws_s3_bucket.access_logs.bucket_domain_name'),
            prefix: `cloudfront/${cdn.name}/`,
            include_cookies: false,
          }),
          attr('tags', componentTags(cdn.name)),
          // Standard logging needs the log bucket's ACL in place first.
          attr('depends_on', [raw('aws_s3_bucket_acl.access_logs')]),
        ),
      ),
    ),
    variables: service
      ? [
          block(
            'variable',
            [`${n}_api_origin_domain`],
            [
              attr('type', raw('string')),
              attr(
                'description',
                `DNS name covered by the certificate of ${service}'s load balancer and pointing at it; ${cdn.name} forwards /api/* there over HTTPS.`,
              ),
            ],
          ),
        ]
      : [],
    outputs: [
      block('output', [`${n}_domain_name`], {
        description: `${cdn.name}: CloudFront domain name`,
        value: raw(`aws_cloudfront_distribution.${n}.domain_name`),
      }),
    ],
  };
}
