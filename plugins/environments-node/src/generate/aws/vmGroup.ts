import type { ResolvedVmGroup } from '@terrace/plugin-environments-common';
import { TAG_COMPONENT } from '@terrace/plugin-environments-common';
import {
  attr,
  block,
  body,
  call,
  data,
  map,
  raw,
  resource,
  template,
} from '../hcl';
import { emitAlarms } from './alarms';
import {
  assumeRolePolicy,
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  id,
  KMS_KEY_ARN,
  managedPolicy,
  PRIVATE_SUBNET_IDS,
} from './context';
import {
  albDimensions,
  certificateVariable,
  loadBalancer,
} from './loadBalancer';
import { cidrRule, securityGroup } from './securityGroups';

/** Graviton families (`t4g`, `m7g`, `c7gn`, ...) run arm64 images. */
function architecture(instanceType: string) {
  const family = instanceType.split('.')[0] ?? '';
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) && /\dg/.test(family)
    ? 'arm64'
    : 'x86_64';
}

const AGENT_CONFIG =
  '/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json';

/**
 * Boot script: installs the CloudWatch agent and publishes memory use per Auto Scaling group
 * (`CWAgent` `mem_used_percent`, the metric of the memory alarm).
 */
function cloudWatchAgentScript() {
  const config = call(
    'jsonencode',
    map({
      metrics: map({
        namespace: 'CWAgent',
        // Resolved by the agent on the instance, not by Terraform (written as a literal).
        append_dimensions: map({
          AutoScalingGroupName: '${aws:AutoScalingGroupName}',
        }),
        aggregation_dimensions: [['AutoScalingGroupName']],
        metrics_collected: map({
          mem: map({ measurement: ['mem_used_percent'] }),
        }),
      }),
    }),
  );
  return call('join', '\n', [
    '#!/bin/bash',
    'set -euo pipefail',
    'dnf install -y amazon-cloudwatch-agent',
    `cat > ${AGENT_CONFIG} <<'JSON'`,
    config,
    'JSON',
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG}`,
    '',
  ]);
}

/**
 * `<name>.tf` for a `vm-group` component: a launch template (IMDSv2 required, encrypted gp3
 * volumes, SSM-managed instances without SSH), an Auto Scaling group across the private subnets
 * behind its load balancer, target tracking on CPU, and its alarms.
 */
export function emitVmGroup(ctx: AwsContext, vm: ResolvedVmGroup): AwsEmitted {
  const n = id(vm.name);
  const tags = { ...ctx.env.tags, [TAG_COMPONENT]: vm.name };
  const names = awsNames(ctx, vm);
  return {
    file: `vm-group-${vm.name}.tf`,
    items: body(
      {},
      securityGroup(
        n,
        names.securityGroup,
        vm.name,
        `VM group ${vm.name}: from its load balancer, HTTPS out`,
      ),
      cidrRule(
        'egress',
        `${n}_https_out`,
        vm.name,
        n,
        '0.0.0.0/0',
        443,
        'HTTPS to package repositories and AWS APIs',
      ),
      loadBalancer(ctx, vm, 'instance'),
      data('aws_ssm_parameter', `${n}_ami`, {
        name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture(
          vm.instanceType,
        )}`,
      }),
      resource('aws_iam_role', `${n}_instance`, {
        name: names.instanceRole,
        description: `Instances of ${vm.name}: Session Manager access and CloudWatch agent metrics only`,
        assume_role_policy: assumeRolePolicy('ec2.amazonaws.com'),
        tags: componentTags(vm.name),
      }),
      resource('aws_iam_role_policy_attachment', `${n}_ssm`, {
        role: raw(`aws_iam_role.${n}_instance.name`),
        policy_arn: managedPolicy('AmazonSSMManagedInstanceCore'),
      }),
      resource('aws_iam_role_policy_attachment', `${n}_cloudwatch_agent`, {
        role: raw(`aws_iam_role.${n}_instance.name`),
        policy_arn: managedPolicy('CloudWatchAgentServerPolicy'),
      }),
      resource('aws_iam_instance_profile', n, {
        name: names.instanceProfile,
        role: raw(`aws_iam_role.${n}_instance.name`),
        tags: componentTags(vm.name),
      }),
      resource('aws_launch_template', n, [
        attr('name', names.launchTemplate),
        attr('image_id', raw(`data.aws_ssm_parameter.${n}_ami.insecure_value`)),
        attr('instance_type', vm.instanceType),
        attr('vpc_security_group_ids', [raw(`aws_security_group.${n}.id`)]),
        attr('update_default_version', true),
        attr('user_data', call('base64encode', cloudWatchAgentScript())),
        block('iam_instance_profile', [], {
          arn: raw(`aws_iam_instance_profile.${n}.arn`),
        }),
        block('metadata_options', [], {
          http_endpoint: 'enabled',
          http_tokens: 'required',
          http_put_response_hop_limit: 1,
          instance_metadata_tags: 'enabled',
        }),
        block(
          'block_device_mappings',
          [],
          [
            attr('device_name', '/dev/xvda'),
            block('ebs', [], {
              volume_size: vm.volumeGb,
              volume_type: 'gp3',
              encrypted: true,
              kms_key_id: KMS_KEY_ARN,
              delete_on_termination: true,
            }),
          ],
        ),
        block('monitoring', [], { enabled: true }),
        block('tag_specifications', [], {
          resource_type: 'instance',
          tags: componentTags(vm.name),
        }),
        block('tag_specifications', [], {
          resource_type: 'volume',
          tags: componentTags(vm.name),
        }),
        attr('tags', componentTags(vm.name)),
      ]),
      resource('aws_autoscaling_group', n, [
        attr('name', names.autoScalingGroup),
        attr('min_size', vm.minCount),
        attr('max_size', vm.maxCount),
        attr('desired_capacity', vm.desiredCount),
        attr('vpc_zone_identifier', PRIVATE_SUBNET_IDS),
        attr('target_group_arns', [raw(`aws_lb_target_group.${n}.arn`)]),
        attr('health_check_type', 'ELB'),
        attr('health_check_grace_period', 120),
        block('launch_template', [], {
          id: raw(`aws_launch_template.${n}.id`),
          version: raw(`aws_launch_template.${n}.latest_version`),
        }),
        block(
          'instance_refresh',
          [],
          [
            attr('strategy', 'Rolling'),
            block('preferences', [], { min_healthy_percentage: 50 }),
          ],
        ),
        ...Object.entries(tags).map(([key, value]) =>
          block('tag', [], { key, value, propagate_at_launch: true }),
        ),
        block('lifecycle', [], { ignore_changes: [raw('desired_capacity')] }),
      ]),
      resource('aws_autoscaling_policy', `${n}_cpu`, [
        attr('name', names.scalingPolicy),
        attr('autoscaling_group_name', raw(`aws_autoscaling_group.${n}.name`)),
        attr('policy_type', 'TargetTrackingScaling'),
        block(
          'target_tracking_configuration',
          [],
          [
            attr('target_value', vm.cpuTarget),
            block('predefined_metric_specification', [], {
              predefined_metric_type: 'ASGAverageCPUUtilization',
            }),
          ],
        ),
      ]),
      emitAlarms(ctx, vm.name, alarm =>
        alarm.source === 'load-balancer'
          ? albDimensions(vm)
          : map({
              AutoScalingGroupName: raw(`aws_autoscaling_group.${n}.name`),
            }),
      ),
    ),
    variables: [certificateVariable(vm)],
    outputs: [
      block('output', [`${n}_url`], {
        description: `${vm.name}: load balancer address (point the certificate's DNS name here)`,
        value: template('https://', raw(`aws_lb.${n}_alb.dns_name`)),
      }),
    ],
  };
}
