import type {
  ResolvedComponent,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import {
  awsComponentNames,
  awsEnvironmentNames,
  TAG_COMPONENT,
} from '@terrace/plugin-environments-common';
import {
  Block,
  BodyItem,
  comment,
  map,
  MapExpr,
  raw,
  RawExpr,
  template,
  TemplateExpr,
  Value,
} from '../hcl';

/** What one emitter contributes to the root module. */
export interface AwsEmitted {
  /** The file under `terraform/` these items go to, e.g. `network.tf`. */
  file: string;
  items: BodyItem[];
  variables?: Block[];
  outputs?: Block[];
}

/** Read-only view of the environment the emitters share. */
export interface AwsContext {
  env: ResolvedEnvironment;
  /** Components of a type, in spec order. */
  ofType<T extends ResolvedComponent['type']>(
    type: T,
  ): Array<Extract<ResolvedComponent, { type: T }>>;
  /** Compute components (services and VM groups) that may reach the data stores. */
  compute(): Array<
    Extract<ResolvedComponent, { type: 'service' | 'vm-group' }>
  >;
}

export function createContext(env: ResolvedEnvironment): AwsContext {
  const ofType = <T extends ResolvedComponent['type']>(type: T) =>
    env.components.filter(
      (c): c is Extract<ResolvedComponent, { type: T }> => c.type === type,
    );
  return {
    env,
    ofType,
    compute: () =>
      env.components.filter(
        (
          c,
        ): c is Extract<ResolvedComponent, { type: 'service' | 'vm-group' }> =>
          c.type === 'service' || c.type === 'vm-group',
      ),
  };
}

/** The AWS names of a component's resources (one table for the generator and validation). */
export function awsNames(ctx: AwsContext, component: { name: string }) {
  return awsComponentNames(ctx.env.name, component.name);
}

/** The environment-wide AWS names. */
export function envNames(ctx: AwsContext) {
  return awsEnvironmentNames(ctx.env.name);
}

export { id } from './naming';

/** The per-resource tags; the environment-wide tags come from the provider's `default_tags`. */
export function componentTags(
  component: string,
  extra: Record<string, Value> = {},
): MapExpr {
  return map({ ...extra, [TAG_COMPONENT]: component });
}

/** `#checkov:skip=<ID>:<reason>`, a reviewed and explained exception. */
export function skip(checkId: string, reason: string): BodyItem {
  return comment(`#checkov:skip=${checkId}:${reason.replace(/[\r\n]/g, ' ')}`);
}

export const KMS_KEY_ARN = raw('aws_kms_key.main.arn');
export const KMS_KEY_ID = raw('aws_kms_key.main.key_id');
export const ALARM_TOPIC_ARN = raw('aws_sns_topic.alarms.arn');
export const ACCOUNT_ID = raw('data.aws_caller_identity.current.account_id');
export const PARTITION = raw('data.aws_partition.current.partition');
export const REGION = raw('var.region');
export const VPC_ID = raw('aws_vpc.main.id');
export const PUBLIC_SUBNET_IDS = raw('aws_subnet.public[*].id');
export const PRIVATE_SUBNET_IDS = raw('aws_subnet.private[*].id');
export const DATA_SUBNET_IDS = raw('aws_subnet.data[*].id');
export const ACCESS_LOG_BUCKET = raw('aws_s3_bucket.access_logs.id');

/** `arn:${partition}:<service>:<region>:<account>:<rest>` as a template. */
export function arn(
  service: string,
  rest: Array<string | RawExpr>,
  opts: { region?: boolean; account?: boolean } = {},
): TemplateExpr {
  return template(
    'arn:',
    PARTITION,
    `:${service}:`,
    ...(opts.region === false ? [] : [REGION]),
    ':',
    ...(opts.account === false ? [] : [ACCOUNT_ID]),
    ':',
    ...rest,
  );
}

/** An AWS managed policy ARN. */
export function managedPolicy(name: string): TemplateExpr {
  return template('arn:', PARTITION, `:iam::aws:policy/${name}`);
}

/** An IAM trust policy for a service principal. */
export function assumeRolePolicy(service: string): Value {
  return {
    kind: 'call',
    name: 'jsonencode',
    args: [
      map({
        Version: '2012-10-17',
        Statement: [
          map({
            Effect: 'Allow',
            Principal: map({ Service: service }),
            Action: 'sts:AssumeRole',
          }),
        ],
      }),
    ],
  };
}

/** `jsonencode({ Version = ..., Statement = [...] })` */
export function policyDocument(statements: MapExpr[]): Value {
  return {
    kind: 'call',
    name: 'jsonencode',
    args: [map({ Version: '2012-10-17', Statement: statements })],
  };
}
