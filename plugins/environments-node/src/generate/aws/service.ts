import type { ResolvedService } from '@terrace/plugin-environments-common';
import { attr, block, body, call, map, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  arn,
  assumeRolePolicy,
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  envNames,
  id,
  KMS_KEY_ARN,
  policyDocument,
  PRIVATE_SUBNET_IDS,
  skip,
} from './context';
import {
  albDimensions,
  certificateVariable,
  loadBalancer,
} from './loadBalancer';
import { cidrRule, securityGroup } from './securityGroups';
import { parameterResourceNames, uniqueNames } from './secrets';

/** Environment variable name of a secret: `stripe-key` -> `STRIPE_KEY`. */
export function secretVariableName(name: string) {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** The environment's `secrets` components, handed to the containers from Parameter Store. */
function injectedSecrets(ctx: AwsContext) {
  const groups = ctx.ofType('secrets');
  const variables = new Set<string>();
  return groups.flatMap(s => {
    const resources = parameterResourceNames(s);
    // With several secrets components, the component name keeps the variables apart.
    const names = uniqueNames(
      s.names,
      name =>
        secretVariableName(groups.length > 1 ? `${s.name}-${name}` : name),
      variables,
    );
    return s.names.map((_, i) =>
      map({
        name: names[i],
        valueFrom: raw(`aws_ssm_parameter.${resources[i]}.arn`),
      }),
    );
  });
}

/** `ecs.tf`: the environment's ECS cluster (Container Insights on), when it has services. */
export function emitEcsCluster(ctx: AwsContext): AwsEmitted {
  return {
    file: 'ecs.tf',
    items: [
      resource('aws_ecs_cluster', 'main', [
        attr('name', envNames(ctx).ecsCluster),
        block('setting', [], { name: 'containerInsights', value: 'enabled' }),
        attr('tags', componentTags('shared')),
      ]),
    ],
    outputs: [
      block('output', ['ecs_cluster_name'], {
        description: 'ECS cluster of the services',
        value: raw('aws_ecs_cluster.main.name'),
      }),
    ],
  };
}

/**
 * `<name>.tf` for a `service` component: a Fargate task definition and service in the private
 * subnets behind its load balancer, execution and task roles with least privilege, a log group,
 * target-tracking autoscaling on CPU, and its alarms.
 */
export function emitService(ctx: AwsContext, svc: ResolvedService): AwsEmitted {
  const n = id(svc.name);
  const env = ctx.env;
  const names = awsNames(ctx, svc);
  const logGroup = names.logGroup;
  const container = svc.name;
  return {
    file: `service-${svc.name}.tf`,
    items: body(
      {},
      securityGroup(
        n,
        names.securityGroup,
        svc.name,
        `Service ${svc.name}: from its load balancer, HTTPS out`,
      ),
      cidrRule(
        'egress',
        `${n}_https_out`,
        svc.name,
        n,
        '0.0.0.0/0',
        443,
        'HTTPS to container registries and AWS APIs',
      ),
      loadBalancer(ctx, svc, 'ip'),
      resource(
        'aws_cloudwatch_log_group',
        n,
        [
          svc.logRetentionDays < 365 &&
            skip(
              'CKV_AWS_338',
              `the ${env.tier} tier keeps service logs ${svc.logRetentionDays} days to bound log storage cost`,
            ),
          attr('name', logGroup),
          attr('retention_in_days', svc.logRetentionDays),
          attr('kms_key_id', KMS_KEY_ARN),
          attr('tags', componentTags(svc.name)),
        ].filter((i): i is NonNullable<typeof i> => Boolean(i)),
      ),
      resource('aws_iam_role', `${n}_execution`, {
        name: names.executionRole,
        description: `Pulls the image, writes logs and reads the environment's secrets for ${svc.name}`,
        assume_role_policy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
        tags: componentTags(svc.name),
      }),
      resource('aws_iam_role_policy', `${n}_execution`, {
        name: 'task-execution',
        role: raw(`aws_iam_role.${n}_execution.id`),
        policy: policyDocument([
          map({
            Sid: 'RegistryLogin',
            Effect: 'Allow',
            Action: 'ecr:GetAuthorizationToken',
            Resource: '*',
          }),
          map({
            Sid: 'PullImages',
            Effect: 'Allow',
            Action: [
              'ecr:BatchCheckLayerAvailability',
              'ecr:GetDownloadUrlForLayer',
              'ecr:BatchGetImage',
            ],
            Resource: arn('ecr', ['repository/', `${env.name}-*`]),
          }),
          map({
            Sid: 'WriteLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: template(raw(`aws_cloudwatch_log_group.${n}.arn`), ':*'),
          }),
          map({
            Sid: 'ReadEnvironmentSecrets',
            Effect: 'Allow',
            Action: ['ssm:GetParameters', 'secretsmanager:GetSecretValue'],
            Resource: [
              arn('ssm', [`parameter/${env.name}/*`]),
              arn('secretsmanager', [`secret:${env.name}/*`]),
            ],
          }),
          map({
            Sid: 'DecryptEnvironmentSecrets',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: KMS_KEY_ARN,
          }),
        ]),
      }),
      resource('aws_iam_role', `${n}_task`, {
        name: names.taskRole,
        description: `Role of the ${svc.name} containers: no permissions until the application needs some`,
        assume_role_policy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
        tags: componentTags(svc.name),
      }),
      resource('aws_ecs_task_definition', n, [
        attr('family', names.taskFamily),
        attr('requires_compatibilities', ['FARGATE']),
        attr('network_mode', 'awsvpc'),
        attr('cpu', String(Math.round(svc.cpu * 1024))),
        attr('memory', String(svc.memoryMb)),
        attr('execution_role_arn', raw(`aws_iam_role.${n}_execution.arn`)),
        attr('task_role_arn', raw(`aws_iam_role.${n}_task.arn`)),
        block('runtime_platform', [], {
          operating_system_family: 'LINUX',
          cpu_architecture: 'X86_64',
        }),
        attr(
          'container_definitions',
          call('jsonencode', [
            map({
              name: container,
              image: svc.image,
              essential: true,
              readonlyRootFilesystem: true,
              mountPoints: [
                map({
                  sourceVolume: 'tmp',
                  containerPath: '/tmp',
                  readOnly: false,
                }),
              ],
              portMappings: [map({ containerPort: svc.port, protocol: 'tcp' })],
              secrets: injectedSecrets(ctx),
              logConfiguration: map({
                logDriver: 'awslogs',
                options: map({
                  'awslogs-group': raw(`aws_cloudwatch_log_group.${n}.name`),
                  'awslogs-region': raw('var.region'),
                  'awslogs-stream-prefix': svc.name,
                }),
              }),
            }),
          ]),
        ),
        block('volume', [], { name: 'tmp' }),
        attr('tags', componentTags(svc.name)),
      ]),
      resource('aws_ecs_service', n, [
        attr('name', names.ecsService),
        attr('cluster', raw('aws_ecs_cluster.main.id')),
        attr('task_definition', raw(`aws_ecs_task_definition.${n}.arn`)),
        attr('desired_count', svc.minCount),
        attr('launch_type', 'FARGATE'),
        attr('platform_version', 'LATEST'),
        attr('health_check_grace_period_seconds', 60),
        attr('propagate_tags', 'SERVICE'),
        attr('enable_ecs_managed_tags', true),
        block('network_configuration', [], {
          subnets: PRIVATE_SUBNET_IDS,
          security_groups: [raw(`aws_security_group.${n}.id`)],
          assign_public_ip: false,
        }),
        block('load_balancer', [], {
          target_group_arn: raw(`aws_lb_target_group.${n}.arn`),
          container_name: container,
          container_port: svc.port,
        }),
        block('deployment_circuit_breaker', [], {
          enable: true,
          rollback: true,
        }),
        attr('tags', componentTags(svc.name)),
        block('lifecycle', [], { ignore_changes: [raw('desired_count')] }),
        attr('depends_on', [raw(`aws_lb_listener.${n}_alb_https`)]),
      ]),
      resource('aws_appautoscaling_target', n, {
        service_namespace: 'ecs',
        scalable_dimension: 'ecs:service:DesiredCount',
        resource_id: template(
          'service/',
          raw('aws_ecs_cluster.main.name'),
          '/',
          raw(`aws_ecs_service.${n}.name`),
        ),
        min_capacity: svc.minCount,
        max_capacity: svc.maxCount,
        tags: componentTags(svc.name),
      }),
      resource('aws_appautoscaling_policy', `${n}_cpu`, [
        attr('name', names.scalingPolicy),
        attr('policy_type', 'TargetTrackingScaling'),
        attr(
          'service_namespace',
          raw(`aws_appautoscaling_target.${n}.service_namespace`),
        ),
        attr(
          'scalable_dimension',
          raw(`aws_appautoscaling_target.${n}.scalable_dimension`),
        ),
        attr('resource_id', raw(`aws_appautoscaling_target.${n}.resource_id`)),
        block(
          'target_tracking_scaling_policy_configuration',
          [],
          [
            attr('target_value', svc.cpuTarget),
            attr('scale_in_cooldown', 300),
            attr('scale_out_cooldown', 60),
            block('predefined_metric_specification', [], {
              predefined_metric_type: 'ECSServiceAverageCPUUtilization',
            }),
          ],
        ),
      ]),
      emitAlarms(ctx, svc.name, alarm =>
        alarm.source === 'load-balancer'
          ? albDimensions(svc)
          : map({
              ClusterName: raw('aws_ecs_cluster.main.name'),
              ServiceName: raw(`aws_ecs_service.${n}.name`),
            }),
      ),
    ),
    variables: [certificateVariable(svc)],
    outputs: [
      block('output', [`${n}_url`], {
        description: `${svc.name}: load balancer address (point the certificate's DNS name here)`,
        value: template('https://', raw(`aws_lb.${n}_alb.dns_name`)),
      }),
    ],
  };
}
