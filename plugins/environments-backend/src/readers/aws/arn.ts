/**
 * What the status cards show for a resource ARN: a short type, a name, what it is in neutral terms
 * and a console link.
 */
import type { ResourceCategory } from '@terrace/plugin-environments-common';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** e.g. `db`, `replicationgroup`, `bucket`, `service`, `loadbalancer` */
  resourceType: string;
  /** The resource's own id or name. */
  resourceId: string;
  /** Path segments after the type, e.g. `[cluster, service]` for an ECS service. */
  path: string[];
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return undefined;
  }
  const [, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  if (service === 's3' && !resource.includes('/') && !resource.includes(':')) {
    return {
      partition,
      service,
      region,
      accountId,
      resourceType: 'bucket',
      resourceId: resource,
      path: [resource],
    };
  }
  const separator = resource.match(/[:/]/);
  if (!separator || separator.index === undefined) {
    return {
      partition,
      service,
      region,
      accountId,
      resourceType: service,
      resourceId: resource,
      path: [resource],
    };
  }
  const resourceType = resource.slice(0, separator.index);
  const rest = resource.slice(separator.index + 1);
  // `type:id` keeps the id whole (alarm names hold slashes); `type/a/b` is a path
  const path = separator[0] === ':' ? [rest] : rest.split('/');
  let resourceId = path[path.length - 1];
  // load balancers and target groups end in an opaque id: `app/<name>/<id>`, `<name>/<id>`
  if (
    (resourceType === 'loadbalancer' || resourceType === 'targetgroup') &&
    path.length >= 2
  ) {
    resourceId = path[path.length - 2];
  }
  return {
    partition,
    service,
    region,
    accountId,
    resourceType,
    resourceId,
    path,
  };
}

function consoleHost(region: string) {
  return `https://${region}.console.aws.amazon.com`;
}

/** The AWS console page of a resource, for the common Terrace resource types. */
export function consoleUrl(arn: ParsedArn, region: string): string | undefined {
  const r = arn.region || region;
  const host = consoleHost(r);
  const id = encodeURIComponent(arn.resourceId);
  switch (`${arn.service}:${arn.resourceType}`) {
    case 'rds:db':
      return `${host}/rds/home?region=${r}#database:id=${id}`;
    case 'rds:snapshot':
      return `${host}/rds/home?region=${r}#db-snapshot:id=${id}`;
    case 'elasticache:replicationgroup':
      return `${host}/elasticache/home?region=${r}#/redis/${id}`;
    case 's3:bucket':
      return `https://s3.console.aws.amazon.com/s3/buckets/${id}`;
    case 'ecs:service':
      return arn.path.length >= 2
        ? `${host}/ecs/v2/clusters/${encodeURIComponent(
            arn.path[0],
          )}/services/${id}?region=${r}`
        : undefined;
    case 'ecs:cluster':
      return `${host}/ecs/v2/clusters/${id}?region=${r}`;
    case 'elasticloadbalancing:loadbalancer':
      return `${host}/ec2/home?region=${r}#LoadBalancers:search=${id}`;
    case 'elasticloadbalancing:targetgroup':
      return `${host}/ec2/home?region=${r}#TargetGroups:search=${id}`;
    case 'autoscaling:autoScalingGroup':
      return `${host}/ec2/home?region=${r}#AutoScalingGroupDetails:id=${id}`;
    case 'cloudfront:distribution':
      return `https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/${id}`;
    case 'ecr:repository':
      return `${host}/ecr/repositories/private/${arn.accountId}/${id}?region=${r}`;
    case 'ssm:parameter':
      return `${host}/systems-manager/parameters/${id}/description?region=${r}`;
    case 'cloudwatch:alarm':
      return `${host}/cloudwatch/home?region=${r}#alarmsV2:alarm/${id}`;
    case 'ec2:vpc':
      return `${host}/vpcconsole/home?region=${r}#VpcDetails:VpcId=${id}`;
    case 'ec2:subnet':
      return `${host}/vpcconsole/home?region=${r}#SubnetDetails:subnetId=${id}`;
    case 'ec2:natgateway':
      return `${host}/vpcconsole/home?region=${r}#NatGatewayDetails:natGatewayId=${id}`;
    case 'logs:log-group':
      return `${host}/cloudwatch/home?region=${r}#logsV2:log-groups/log-group/${encodeURIComponent(
        id,
      )}`;
    default:
      return undefined;
  }
}

/** Each AWS service Terrace creates resources in, by what its resources are (ARN service names). */
const CATEGORY_BY_SERVICE: Readonly<Record<string, ResourceCategory>> = {
  rds: 'database',
  docdb: 'database',
  elasticache: 'cache',
  s3: 'bucket',
  cloudfront: 'cdn',
  ecs: 'service',
  lambda: 'service',
  ec2: 'compute',
  autoscaling: 'compute',
  elasticloadbalancing: 'load-balancer',
  ssm: 'secret',
  secretsmanager: 'secret',
  kms: 'secret',
  cloudwatch: 'monitoring',
  sns: 'monitoring',
  ecr: 'registry',
};

/** What a resource of an AWS service is, in the status API's neutral terms; undefined when unknown. */
export function resourceCategory(arn: ParsedArn): ResourceCategory | undefined {
  return Object.prototype.hasOwnProperty.call(CATEGORY_BY_SERVICE, arn.service)
    ? CATEGORY_BY_SERVICE[arn.service]
    : undefined;
}
