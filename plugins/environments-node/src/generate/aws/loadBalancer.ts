import { attr, Block, block, body, BodyItem, map, raw, resource } from '../hcl';
import {
  ACCESS_LOG_BUCKET,
  AwsContext,
  awsNames,
  componentTags,
  id,
  PRIVATE_SUBNET_IDS,
  PUBLIC_SUBNET_IDS,
  skip,
} from './context';
import {
  cidrRule,
  egressToGroup,
  ingressFromGroup,
  securityGroup,
} from './securityGroups';

export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

interface Balanced {
  name: string;
  port: number;
  healthCheckPath: string;
  public: boolean;
}

/** The certificate variable of a load balanced component. */
export function certificateVariable(c: Balanced): Block {
  return block(
    'variable',
    [`${id(c.name)}_certificate_arn`],
    [
      attr('type', raw('string')),
      attr(
        'description',
        `ARN of the ACM certificate for the HTTPS listener of ${c.name}.`,
      ),
      block('validation', [], {
        condition: raw(
          `can(regex("^arn:aws[a-z-]*:acm:", var.${id(
            c.name,
          )}_certificate_arn))`,
        ),
        error_message: `${id(
          c.name,
        )}_certificate_arn must be an ACM certificate ARN.`,
      }),
    ],
  );
}

/**
 * An application load balancer for a service or VM group: HTTPS (TLS 1.2+, certificate as input)
 * with HTTP redirected to HTTPS, invalid headers dropped, access logs, deletion protection in
 * prod, a target group with a health check, and security groups letting it reach only its targets.
 */
export function loadBalancer(
  ctx: AwsContext,
  c: Balanced,
  targetType: 'ip' | 'instance',
): BodyItem[] {
  const n = id(c.name);
  const alb = `${n}_alb`;
  const source = c.public ? '0.0.0.0/0' : ctx.env.network.cidr;
  const prod = ctx.env.tier === 'prod';
  const names = awsNames(ctx, c);
  return body(
    {},
    securityGroup(
      alb,
      names.loadBalancerSecurityGroup,
      c.name,
      `Load balancer of ${c.name}: HTTPS in, ${c.name} targets out`,
    ),
    cidrRule(
      'ingress',
      `${alb}_https`,
      c.name,
      alb,
      source,
      443,
      'HTTPS from clients',
    ),
    cidrRule(
      'ingress',
      `${alb}_http`,
      c.name,
      alb,
      source,
      80,
      'HTTP from clients, redirected to HTTPS',
      [
        ...(c.public
          ? [
              skip(
                'CKV_AWS_260',
                'port 80 only answers with a redirect to HTTPS',
              ),
            ]
          : []),
      ],
    ),
    egressToGroup(
      `${alb}_to_${n}`,
      c.name,
      alb,
      n,
      c.port,
      `Load balancer to ${c.name}`,
    ),
    ingressFromGroup(
      `${n}_from_alb`,
      c.name,
      n,
      alb,
      c.port,
      `Load balancer to ${c.name}`,
    ),
    resource(
      'aws_lb',
      alb,
      body(
        {},
        skip(
          'CKV2_AWS_28',
          'no WAF web ACL in the generated environment; attach one when the threat model needs it (it is not in the estimate)',
        ),
        !prod &&
          skip(
            'CKV_AWS_150',
            `deletion protection is on in prod only; ${ctx.env.tier} environments are torn down freely`,
          ),
        attr('name', names.loadBalancer),
        attr('internal', !c.public),
        attr('load_balancer_type', 'application'),
        attr('security_groups', [raw(`aws_security_group.${alb}.id`)]),
        attr('subnets', c.public ? PUBLIC_SUBNET_IDS : PRIVATE_SUBNET_IDS),
        attr('drop_invalid_header_fields', true),
        attr('enable_deletion_protection', prod),
        block('access_logs', [], {
          bucket: ACCESS_LOG_BUCKET,
          prefix: `alb/${c.name}`,
          enabled: true,
        }),
        attr('tags', componentTags(c.name)),
        // Log delivery is checked when the load balancer is created: the bucket policy comes first.
        attr('depends_on', [raw('aws_s3_bucket_policy.access_logs')]),
      ),
    ),
    resource('aws_lb_target_group', n, [
      skip(
        'CKV_AWS_378',
        'TLS ends at the load balancer; targets listen on plain HTTP in private subnets',
      ),
      attr('name', names.targetGroup),
      attr('port', c.port),
      attr('protocol', 'HTTP'),
      attr('target_type', targetType),
      attr('vpc_id', raw('aws_vpc.main.id')),
      attr('deregistration_delay', 30),
      block('health_check', [], {
        enabled: true,
        path: c.healthCheckPath,
        protocol: 'HTTP',
        matcher: '200-399',
        interval: 15,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      }),
      attr('tags', componentTags(c.name)),
      block('lifecycle', [], { create_before_destroy: true }),
    ]),
    resource('aws_lb_listener', `${alb}_https`, [
      attr('load_balancer_arn', raw(`aws_lb.${alb}.arn`)),
      attr('port', 443),
      attr('protocol', 'HTTPS'),
      attr('ssl_policy', TLS_POLICY),
      attr('certificate_arn', raw(`var.${n}_certificate_arn`)),
      block('default_action', [], {
        type: 'forward',
        target_group_arn: raw(`aws_lb_target_group.${n}.arn`),
      }),
      attr('tags', componentTags(c.name)),
    ]),
    resource('aws_lb_listener', `${alb}_http`, [
      attr('load_balancer_arn', raw(`aws_lb.${alb}.arn`)),
      attr('port', 80),
      attr('protocol', 'HTTP'),
      block(
        'default_action',
        [],
        [
          attr('type', 'redirect'),
          block('redirect', [], {
            port: '443',
            protocol: 'HTTPS',
            status_code: 'HTTP_301',
          }),
        ],
      ),
      attr('tags', componentTags(c.name)),
    ]),
  );
}

/** Alarm dimensions for load balancer metrics. */
export function albDimensions(c: { name: string }) {
  const n = id(c.name);
  return map({
    LoadBalancer: raw(`aws_lb.${n}_alb.arn_suffix`),
    TargetGroup: raw(`aws_lb_target_group.${n}.arn_suffix`),
  });
}
