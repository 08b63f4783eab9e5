import {
  attr,
  block,
  body,
  comment,
  data,
  map,
  raw,
  resource,
  template,
} from '../hcl';
import {
  assumeRolePolicy,
  AwsContext,
  AwsEmitted,
  componentTags,
  envNames,
  KMS_KEY_ARN,
  policyDocument,
  REGION,
  skip,
} from './context';

const NETWORK = 'network';

function named(name: string) {
  return componentTags(NETWORK, { Name: name });
}

/**
 * `network.tf`: a VPC with public, private and data subnets per zone, an internet gateway,
 * NAT gateways (none, one shared, or one per zone), route tables, flow logs to CloudWatch Logs
 * and an S3 gateway endpoint. Data subnets have no route to the internet.
 */
export function emitNetwork(ctx: AwsContext): AwsEmitted {
  const { env } = ctx;
  const net = env.network;
  const nat = net.natGateways;
  const zone = raw('data.aws_availability_zones.available.names[count.index]');
  const subnet = (tier: 'public' | 'private' | 'data') =>
    resource('aws_subnet', tier, [
      attr('count', raw(`length(local.${tier}_subnets)`)),
      attr('vpc_id', raw('aws_vpc.main.id')),
      attr('cidr_block', raw(`local.${tier}_subnets[count.index]`)),
      attr('availability_zone', zone),
      attr('map_public_ip_on_launch', false),
      attr(
        'tags',
        componentTags(NETWORK, {
          Name: template(`${env.name}-${tier}-`, zone),
        }),
      ),
    ]);
  const natIndex = nat === net.zones ? 'count.index' : '0';

  return {
    file: 'network.tf',
    items: body(
      {},
      block('locals', [], {
        public_subnets: net.publicSubnets,
        private_subnets: net.privateSubnets,
        data_subnets: net.dataSubnets,
      }),
      data('aws_availability_zones', 'available', [
        skip(
          'CKV_AWS_394',
          'subnets take the first zones of the sorted list by index and their count is fixed, so a zone AWS adds later changes nothing',
        ),
        attr('state', 'available'),
      ]),
      resource('aws_vpc', 'main', {
        cidr_block: net.cidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: named(env.name),
      }),
      resource('aws_default_security_group', 'main', [
        comment(
          'The default security group allows nothing; every component has its own.',
        ),
        attr('vpc_id', raw('aws_vpc.main.id')),
        attr('tags', named(`${env.name}-default-deny`)),
      ]),
      resource('aws_internet_gateway', 'main', {
        vpc_id: raw('aws_vpc.main.id'),
        tags: named(env.name),
      }),
      subnet('public'),
      subnet('private'),
      subnet('data'),
      nat > 0 && [
        resource('aws_eip', 'nat', [
          attr('count', nat),
          attr('domain', 'vpc'),
          attr(
            'tags',
            componentTags(NETWORK, {
              Name: template(`${env.name}-nat-`, raw('count.index')),
            }),
          ),
        ]),
        resource('aws_nat_gateway', 'main', [
          attr('count', nat),
          attr('allocation_id', raw('aws_eip.nat[count.index].id')),
          attr('subnet_id', raw('aws_subnet.public[count.index].id')),
          attr(
            'tags',
            componentTags(NETWORK, {
              Name: template(`${env.name}-nat-`, raw('count.index')),
            }),
          ),
          attr('depends_on', [raw('aws_internet_gateway.main')]),
        ]),
      ],
      resource('aws_route_table', 'public', [
        attr('vpc_id', raw('aws_vpc.main.id')),
        block('route', [], {
          cidr_block: '0.0.0.0/0',
          gateway_id: raw('aws_internet_gateway.main.id'),
        }),
        attr('tags', named(`${env.name}-public`)),
      ]),
      resource('aws_route_table_association', 'public', {
        count: raw('length(aws_subnet.public)'),
        subnet_id: raw('aws_subnet.public[count.index].id'),
        route_table_id: raw('aws_route_table.public.id'),
      }),
      resource('aws_route_table', 'private', [
        attr('count', raw('length(aws_subnet.private)')),
        attr('vpc_id', raw('aws_vpc.main.id')),
        nat > 0
          ? block('route', [], {
              cidr_block: '0.0.0.0/0',
              nat_gateway_id: raw(`aws_nat_gateway.main[${natIndex}].id`),
            })
          : comment(
              'No NAT gateway: private subnets reach AWS services through VPC endpoints only.',
            ),
        attr(
          'tags',
          componentTags(NETWORK, {
            Name: template(`${env.name}-private-`, zone),
          }),
        ),
      ]),
      resource('aws_route_table_association', 'private', {
        count: raw('length(aws_subnet.private)'),
        subnet_id: raw('aws_subnet.private[count.index].id'),
        route_table_id: raw('aws_route_table.private[count.index].id'),
      }),
      resource('aws_route_table', 'data', [
        comment('Data subnets have no route to the internet.'),
        attr('vpc_id', raw('aws_vpc.main.id')),
        attr('tags', named(`${env.name}-data`)),
      ]),
      resource('aws_route_table_association', 'data', {
        count: raw('length(aws_subnet.data)'),
        subnet_id: raw('aws_subnet.data[count.index].id'),
        route_table_id: raw('aws_route_table.data.id'),
      }),
      resource('aws_vpc_endpoint', 's3', {
        vpc_id: raw('aws_vpc.main.id'),
        service_name: template('com.amazonaws.', REGION, '.s3'),
        vpc_endpoint_type: 'Gateway',
        route_table_ids: raw(
          'concat(aws_route_table.private[*].id, [aws_route_table.data.id])',
        ),
        tags: named(`${env.name}-s3`),
      }),
      resource('aws_cloudwatch_log_group', 'flow_logs', [
        net.flowLogRetentionDays < 365 &&
          skip(
            'CKV_AWS_338',
            `the ${env.tier} tier keeps flow logs ${net.flowLogRetentionDays} days to bound log storage cost`,
          ),
        attr('name', envNames(ctx).flowLogGroup),
        attr('retention_in_days', net.flowLogRetentionDays),
        attr('kms_key_id', KMS_KEY_ARN),
        attr('tags', componentTags(NETWORK)),
      ]),
      resource('aws_iam_role', 'flow_logs', {
        name: envNames(ctx).flowLogRole,
        assume_role_policy: assumeRolePolicy('vpc-flow-logs.amazonaws.com'),
        tags: componentTags(NETWORK),
      }),
      resource('aws_iam_role_policy', 'flow_logs', {
        name: 'write-flow-logs',
        role: raw('aws_iam_role.flow_logs.id'),
        policy: policyDocument([
          map({
            Effect: 'Allow',
            Action: [
              'logs:CreateLogStream',
              'logs:PutLogEvents',
              'logs:DescribeLogStreams',
            ],
            Resource: template(
              raw('aws_cloudwatch_log_group.flow_logs.arn'),
              ':*',
            ),
          }),
        ]),
      }),
      resource('aws_flow_log', 'main', {
        vpc_id: raw('aws_vpc.main.id'),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: raw('aws_cloudwatch_log_group.flow_logs.arn'),
        iam_role_arn: raw('aws_iam_role.flow_logs.arn'),
        max_aggregation_interval: 60,
        tags: componentTags(NETWORK),
      }),
    ),
    outputs: [
      block('output', ['vpc_id'], {
        description: 'VPC of the environment',
        value: raw('aws_vpc.main.id'),
      }),
      block('output', ['private_subnet_ids'], {
        description: 'Private subnets (services, VM groups)',
        value: raw('aws_subnet.private[*].id'),
      }),
      block('output', ['data_subnet_ids'], {
        description: 'Data subnets (databases, caches)',
        value: raw('aws_subnet.data[*].id'),
      }),
    ],
  };
}
