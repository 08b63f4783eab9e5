/**
 * AWS naming: one table of the rules AWS applies to every name the Terrace AWS generator emits,
 * the builders the generator takes its names from, and the check validation runs on them.
 *
 * Every rule row is keyed by `<terraform resource type>.<attribute>` and states what the service's
 * API documents (CreateLoadBalancer, CreateDBInstance, CreateBucket, ...): length, characters,
 * first and last character, `--`, reserved prefixes and suffixes, and the scope in which the name
 * must be unique. Names longer than a rule allows are cut and given a 6-hex-digit hash of the
 * whole uncut name, so two different long names never come out the same (G14).
 */

import { fitName, resourceName } from '../../resolve/naming';

/**
 * Where a name must be unique: `parent` names only need to differ within the resource they hang
 * on (an inline policy within its role, a scaling policy within its group).
 */
export type AwsNameScope =
  | 'parent'
  | 'environment'
  | 'account-region'
  | 'account'
  | 'global';

/** @public One AWS naming rule for the names of one resource attribute. */
export interface AwsNameRule {
  /** What AWS calls the name, for messages ("load balancer name"). */
  what: string;
  minLength: number;
  maxLength: number;
  /** The whole name must match this (character set and, where AWS says so, structure). */
  characters: RegExp;
  /** The allowed characters in words, for messages. */
  charactersText: string;
  /** The first character must match, e.g. a letter. */
  first?: { pattern: RegExp; text: string };
  /** The last character must match, e.g. not a hyphen. */
  last?: { pattern: RegExp; text: string };
  /** Two hyphens in a row are refused. */
  noDoubleHyphen?: boolean;
  /** Prefixes AWS reserves (compared case-insensitively where `caseInsensitivePrefixes`). */
  reservedPrefixes?: readonly string[];
  caseInsensitivePrefixes?: boolean;
  /** Suffixes AWS reserves. */
  reservedSuffixes?: readonly string[];
  /** Extra refusals that do not fit the columns above (IP-address form of bucket names). */
  refuse?: ReadonlyArray<{ pattern: RegExp; text: string }>;
  /** Where the name must be unique. */
  unique: AwsNameScope;
  /** The AWS documentation the row is taken from. */
  source: string;
}

const LOWER_LETTER = {
  pattern: /^[a-z]/,
  text: 'begin with a lowercase letter',
};
const ALNUM_FIRST = {
  pattern: /^[A-Za-z0-9]/,
  text: 'begin with a letter or digit',
};
const ALNUM_LAST = {
  pattern: /[A-Za-z0-9]$/,
  text: 'end with a letter or digit',
};
const NO_HYPHEN_LAST = { pattern: /[^-]$/, text: 'not end with a hyphen' };

const RDS_ID: Omit<AwsNameRule, 'what' | 'maxLength' | 'unique' | 'source'> = {
  minLength: 1,
  characters: /^[a-z0-9-]+$/,
  charactersText: 'lowercase letters, digits and hyphens',
  first: LOWER_LETTER,
  last: NO_HYPHEN_LAST,
  noDoubleHyphen: true,
};

const ELASTICACHE_ID: Omit<
  AwsNameRule,
  'what' | 'maxLength' | 'unique' | 'source'
> = {
  minLength: 1,
  characters: /^[a-z0-9-]+$/,
  charactersText: 'lowercase letters, digits and hyphens',
  first: LOWER_LETTER,
  last: NO_HYPHEN_LAST,
  noDoubleHyphen: true,
};

const IAM_NAME = {
  minLength: 1,
  characters: /^[\w+=,.@-]+$/,
  charactersText: 'letters, digits and + = , . @ _ -',
};

const ECS_NAME = {
  minLength: 1,
  maxLength: 255,
  characters: /^[A-Za-z0-9_-]+$/,
  charactersText: 'letters, digits, hyphens and underscores',
};

/**
 * @public
 * The naming rules of every name the AWS generator emits, by `<resource type>.<attribute>`.
 * A property test checks every emitted name against its row, and fails on a name without a row.
 */
export const AWS_NAME_RULES = {
  'aws_lb.name': {
    what: 'load balancer name',
    minLength: 1,
    maxLength: 32,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    reservedPrefixes: ['internal-'],
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html',
  },
  'aws_lb_target_group.name': {
    what: 'target group name',
    minLength: 1,
    maxLength: 32,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    first: ALNUM_FIRST,
    last: ALNUM_LAST,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html',
  },
  'aws_db_instance.identifier': {
    ...RDS_ID,
    what: 'RDS DB instance identifier',
    maxLength: 63,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html',
  },
  'aws_db_instance.final_snapshot_identifier': {
    ...RDS_ID,
    what: 'RDS DB snapshot identifier',
    maxLength: 255,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html',
  },
  'aws_db_parameter_group.name': {
    ...RDS_ID,
    what: 'RDS DB parameter group name',
    maxLength: 255,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html',
  },
  'aws_db_subnet_group.name': {
    what: 'RDS DB subnet group name',
    minLength: 1,
    maxLength: 255,
    characters: /^[a-z0-9 ._-]+$/,
    charactersText:
      'lowercase letters, digits, spaces, periods, underscores and hyphens',
    reservedPrefixes: [],
    refuse: [{ pattern: /^default$/, text: 'not be "default"' }],
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html',
  },
  'aws_elasticache_replication_group.replication_group_id': {
    ...ELASTICACHE_ID,
    what: 'ElastiCache replication group id',
    maxLength: 40,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html',
  },
  'aws_elasticache_parameter_group.name': {
    ...ELASTICACHE_ID,
    what: 'ElastiCache parameter group name',
    maxLength: 255,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheParameterGroup.html',
  },
  'aws_elasticache_subnet_group.name': {
    what: 'ElastiCache subnet group name',
    minLength: 1,
    maxLength: 255,
    characters: /^[a-z0-9-]+$/,
    charactersText: 'lowercase letters, digits and hyphens',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html',
  },
  'aws_security_group.name': {
    what: 'security group name',
    minLength: 1,
    maxLength: 255,
    characters: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    charactersText: 'letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*',
    reservedPrefixes: ['sg-'],
    caseInsensitivePrefixes: true,
    unique: 'environment',
    source:
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
  },
  'aws_iam_role.name': {
    ...IAM_NAME,
    what: 'IAM role name',
    maxLength: 64,
    unique: 'account',
    source:
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  'aws_iam_role_policy.name': {
    ...IAM_NAME,
    what: 'IAM inline policy name',
    maxLength: 128,
    unique: 'parent',
    source:
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html',
  },
  'aws_iam_instance_profile.name': {
    ...IAM_NAME,
    what: 'IAM instance profile name',
    maxLength: 128,
    unique: 'account',
    source:
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html',
  },
  'aws_s3_bucket.bucket': {
    what: 'S3 bucket name',
    minLength: 3,
    maxLength: 63,
    characters: /^[a-z0-9.-]+$/,
    charactersText: 'lowercase letters, digits, periods and hyphens',
    first: { pattern: /^[a-z0-9]/, text: 'begin with a letter or digit' },
    last: { pattern: /[a-z0-9]$/, text: 'end with a letter or digit' },
    reservedPrefixes: ['xn--', 'sthree-', 'amzn-s3-demo-'],
    reservedSuffixes: ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'],
    refuse: [
      { pattern: /\.\./, text: 'not have two periods in a row' },
      {
        pattern: /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/,
        text: 'not look like an IP address',
      },
    ],
    unique: 'global',
    source:
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  },
  'aws_ecr_repository.name': {
    what: 'ECR repository name',
    minLength: 2,
    maxLength: 256,
    characters:
      /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    charactersText:
      'lowercase letters and digits, separated by single ".", "_", "-" or "/"',
    noDoubleHyphen: true,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html',
  },
  'aws_ecs_cluster.name': {
    ...ECS_NAME,
    what: 'ECS cluster name',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html',
  },
  'aws_ecs_service.name': {
    ...ECS_NAME,
    what: 'ECS service name',
    unique: 'environment',
    source:
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html',
  },
  'aws_ecs_task_definition.family': {
    ...ECS_NAME,
    what: 'ECS task definition family',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  },
  'aws_cloudwatch_log_group.name': {
    what: 'CloudWatch Logs log group name',
    minLength: 1,
    maxLength: 512,
    characters: /^[.\-_/#A-Za-z0-9]+$/,
    charactersText: 'letters, digits and . - _ / #',
    reservedPrefixes: ['aws/'],
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
  },
  'aws_cloudwatch_metric_alarm.alarm_name': {
    what: 'CloudWatch alarm name',
    minLength: 1,
    maxLength: 255,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html',
  },
  'aws_sns_topic.name': {
    what: 'SNS topic name',
    minLength: 1,
    maxLength: 256,
    characters: /^[A-Za-z0-9_-]+$/,
    charactersText: 'letters, digits, hyphens and underscores',
    unique: 'account-region',
    source: 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html',
  },
  'aws_kms_alias.name': {
    what: 'KMS alias name',
    minLength: 7,
    maxLength: 256,
    characters: /^alias\/[A-Za-z0-9/_-]+$/,
    charactersText: '"alias/" then letters, digits, "/", "_" and "-"',
    reservedPrefixes: ['alias/aws/'],
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html',
  },
  'aws_secretsmanager_secret.name': {
    what: 'Secrets Manager secret name',
    minLength: 1,
    maxLength: 512,
    characters: /^[A-Za-z0-9/_+=.@-]+$/,
    charactersText: 'letters, digits and / _ + = . @ -',
    // A name ending in a hyphen and six characters is mistaken for a secret ARN's random suffix.
    refuse: [
      {
        pattern: /-[A-Za-z0-9]{6}$/,
        text: 'not end with a hyphen and six characters (read as an ARN suffix)',
      },
    ],
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html',
  },
  'aws_ssm_parameter.name': {
    what: 'SSM parameter name',
    minLength: 1,
    maxLength: 1011,
    characters: /^[A-Za-z0-9_./-]+$/,
    charactersText: 'letters, digits and _ . - /',
    reservedPrefixes: ['aws', 'ssm', '/aws', '/ssm'],
    caseInsensitivePrefixes: true,
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html',
  },
  'aws_launch_template.name': {
    what: 'EC2 launch template name',
    minLength: 3,
    maxLength: 128,
    characters: /^[A-Za-z0-9().\-/_]+$/,
    charactersText: 'letters, digits and ( ) . - / _',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html',
  },
  'aws_autoscaling_group.name': {
    what: 'Auto Scaling group name',
    minLength: 1,
    maxLength: 255,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'account-region',
    source:
      'https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html',
  },
  'aws_autoscaling_policy.name': {
    what: 'Auto Scaling policy name',
    minLength: 1,
    maxLength: 255,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'parent',
    source:
      'https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutScalingPolicy.html',
  },
  'aws_appautoscaling_policy.name': {
    what: 'Application Auto Scaling policy name',
    minLength: 1,
    maxLength: 256,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'parent',
    source:
      'https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html',
  },
  'aws_cloudfront_origin_access_control.name': {
    what: 'CloudFront origin access control name',
    minLength: 1,
    maxLength: 64,
    characters: /^[\x20-\x7e]+$/,
    charactersText: 'printable ASCII characters',
    unique: 'account',
    source:
      'https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html',
  },
  'aws_cloudfront_response_headers_policy.name': {
    what: 'CloudFront response headers policy name',
    minLength: 1,
    maxLength: 128,
    characters: /^[A-Za-z0-9_-]+$/,
    charactersText: 'letters, digits, hyphens and underscores',
    unique: 'account',
    source:
      'https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ResponseHeadersPolicyConfig.html',
  },
  'mongodbatlas_project.name': {
    what: 'Atlas project name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9 _().-]+$/,
    charactersText: 'letters, digits, spaces and _ ( ) . -',
    unique: 'account',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createproject',
  },
  'mongodbatlas_advanced_cluster.name': {
    what: 'Atlas cluster name',
    minLength: 1,
    maxLength: 64,
    characters: /^[A-Za-z0-9-]+$/,
    charactersText: 'letters, digits and hyphens',
    unique: 'environment',
    source:
      'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-createcluster',
  },
} as const satisfies Record<string, AwsNameRule>;

/**
 * @public
 * The longest `<environment>-<component>` name on AWS: the tightest limit among the names built
 * from it, load balancer and target group names (32). The AWS profile carries it as
 * `names.resourceName`, so neutral code (the resolver) fits names to it.
 */
export const AWS_RESOURCE_NAME_MAX_LENGTH = Math.min(
  AWS_NAME_RULES['aws_lb.name'].maxLength,
  AWS_NAME_RULES['aws_lb_target_group.name'].maxLength,
);

/** @public A key of {@link AWS_NAME_RULES}. */
export type AwsNameKind = keyof typeof AWS_NAME_RULES;

/**
 * The rules a name breaks, each as the words that finish "must ..." (empty when it is valid).
 * @public
 */
export function awsNameViolations(kind: AwsNameKind, name: string): string[] {
  const rule: AwsNameRule = AWS_NAME_RULES[kind];
  const out: string[] = [];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    out.push(
      `be ${rule.minLength}-${rule.maxLength} characters long (it is ${name.length})`,
    );
  }
  if (!rule.characters.test(name)) {
    out.push(`be made of ${rule.charactersText}`);
  }
  if (rule.first && !rule.first.pattern.test(name)) out.push(rule.first.text);
  if (rule.last && !rule.last.pattern.test(name)) out.push(rule.last.text);
  if (rule.noDoubleHyphen && name.includes('--')) {
    out.push('not contain two hyphens in a row');
  }
  const folded = rule.caseInsensitivePrefixes ? name.toLowerCase() : name;
  for (const prefix of rule.reservedPrefixes ?? []) {
    if (folded.startsWith(prefix)) {
      out.push(`not begin with "${prefix}" (reserved by AWS)`);
    }
  }
  for (const suffix of rule.reservedSuffixes ?? []) {
    if (name.endsWith(suffix)) {
      out.push(`not end with "${suffix}" (reserved by AWS)`);
    }
  }
  for (const r of rule.refuse ?? []) {
    if (r.pattern.test(name)) out.push(r.text);
  }
  return out;
}

/** A component as far as its AWS names go. */
export interface AwsNamedComponent {
  name: string;
  type: string;
  /** The names of a secrets component's secrets. */
  names?: readonly string[];
  /** Whether a redis component keeps an auth token, which gets a secret. */
  authToken?: boolean;
}

/** Placeholders for the parts of a name only known at apply time, used to check the rest. */
export const AWS_NAME_PLACEHOLDERS = {
  accountId: '123456789012',
  /** `random_id.<x>.hex` of 4 bytes. */
  randomHex: '0a1b2c3d',
  zone: 'a',
  index: '0',
} as const;

/** Characters Terraform appends to an S3 bucket name: `-<12-digit account id>`. */
const ACCOUNT_SUFFIX_LENGTH = 13;

/** The bucket name before `-<account id>`, fitted so the whole name stays within 63. */
export function awsBucketPrefix(environment: string, part: string): string {
  return fitName(
    [environment, part],
    '',
    AWS_NAME_RULES['aws_s3_bucket.bucket'].maxLength - ACCOUNT_SUFFIX_LENGTH,
  );
}

/**
 * @public
 * The names of one component's AWS resources, by role. The generator takes its names from here
 * and validation checks the same names, so what the form refuses is exactly what AWS would.
 * Names ending in `Prefix` are completed at apply time (account id, random suffix, index).
 */
export function awsComponentNames(environment: string, component: string) {
  // `<env>-<component>` within the tightest limit (load balancers), hashed when cut.
  const rn = resourceName(environment, component, AWS_RESOURCE_NAME_MAX_LENGTH);
  return {
    resource: rn,
    loadBalancer: rn,
    /** The suffix is kept and the hash goes before it, so long names stay apart (G14). */
    targetGroup: fitName(
      [environment, component],
      '-tg',
      AWS_NAME_RULES['aws_lb_target_group.name'].maxLength,
    ),
    loadBalancerSecurityGroup: `${rn}-alb`,
    securityGroup: rn,
    dbInstance: rn,
    /** Followed by the hex of a `random_id` kept in state (8 characters). */
    finalSnapshotPrefix: `${rn}-final-`,
    /** Followed by the replica's index. */
    replicaPrefix: `${rn}-replica-`,
    dbParameterGroup: rn,
    dbSubnetGroup: rn,
    monitoringRole: `${rn}-rds-monitoring`,
    replicationGroup: rn,
    cacheParameterGroup: rn,
    cacheSubnetGroup: rn,
    /** Followed by `-<account id>`. */
    bucketPrefix: awsBucketPrefix(environment, component),
    repository: rn,
    ecsService: rn,
    taskFamily: rn,
    executionRole: `${rn}-execution`,
    taskRole: `${rn}-task`,
    scalingPolicy: `${rn}-cpu`,
    logGroup: `/terrace/${environment}/${component}`,
    instanceRole: `${rn}-instance`,
    instanceProfile: rn,
    launchTemplate: rn,
    autoScalingGroup: rn,
    originAccessControl: rn,
    responseHeadersPolicy: rn,
    atlasProject: rn,
    atlasCluster: rn,
    endpointSecurityGroup: `${rn}-endpoint`,
    /**
     * Secrets Manager names stay taken for the recovery window after a destroy: each is
     * followed by the hex of a `random_id` kept in state (8 characters), like final snapshots.
     */
    masterSecret: `${environment}/${component}/master-`,
    authTokenSecret: `${environment}/${component}/auth-token-`,
    appUserSecret: `${environment}/${component}/app-user-`,
  };
}

/** @public The environment-wide AWS names. */
export function awsEnvironmentNames(environment: string) {
  return {
    ecsCluster: environment,
    alarmTopic: `${environment}-alarms`,
    kmsAlias: `alias/terrace/${environment}`,
    /** Followed by `-<account id>`. */
    accessLogBucketPrefix: awsBucketPrefix(environment, 'access-logs'),
    flowLogGroup: `/terrace/${environment}/vpc-flow-logs`,
    flowLogRole: fitName(
      [environment],
      '-vpc-flow-logs',
      AWS_NAME_RULES['aws_iam_role.name'].maxLength,
    ),
  };
}

/** @public SSM parameter path of one secret: `/<environment>/<component>/<name>`. */
export function awsSecretParameterName(
  environment: string,
  component: string,
  name: string,
): string {
  return `/${environment}/${component}/${name}`;
}

/** @public One name the generator will emit, with the component it comes from. */
export interface AwsPlannedName {
  kind: AwsNameKind;
  name: string;
  /** Index in the component list; absent for environment-wide names. */
  component?: number;
}

/**
 * @public
 * Every name the AWS generator emits for an environment and its components, in final form
 * (apply-time parts replaced by {@link AWS_NAME_PLACEHOLDERS}). Validation checks each against
 * {@link AWS_NAME_RULES}.
 */
export function awsNamePlan(
  environment: string,
  components: readonly AwsNamedComponent[],
): AwsPlannedName[] {
  const P = AWS_NAME_PLACEHOLDERS;
  const e = awsEnvironmentNames(environment);
  const out: AwsPlannedName[] = [
    { kind: 'aws_sns_topic.name', name: e.alarmTopic },
    { kind: 'aws_kms_alias.name', name: e.kmsAlias },
    {
      kind: 'aws_s3_bucket.bucket',
      name: `${e.accessLogBucketPrefix}-${P.accountId}`,
    },
    { kind: 'aws_cloudwatch_log_group.name', name: e.flowLogGroup },
    { kind: 'aws_iam_role.name', name: e.flowLogRole },
  ];
  if (components.some(c => c.type === 'service')) {
    out.push({ kind: 'aws_ecs_cluster.name', name: e.ecsCluster });
  }
  components.forEach((c, index) => {
    const n = awsComponentNames(environment, c.name);
    const add = (kind: AwsNameKind, name: string) =>
      out.push({ kind, name, component: index });
    const balanced = () => {
      add('aws_security_group.name', n.securityGroup);
      add('aws_security_group.name', n.loadBalancerSecurityGroup);
      add('aws_lb.name', n.loadBalancer);
      add('aws_lb_target_group.name', n.targetGroup);
    };
    switch (c.type) {
      case 'postgres':
        add('aws_security_group.name', n.securityGroup);
        add('aws_db_instance.identifier', n.dbInstance);
        add(
          'aws_db_instance.final_snapshot_identifier',
          `${n.finalSnapshotPrefix}${P.randomHex}`,
        );
        add('aws_db_instance.identifier', `${n.replicaPrefix}${P.index}`);
        add('aws_db_parameter_group.name', n.dbParameterGroup);
        add('aws_db_subnet_group.name', n.dbSubnetGroup);
        add('aws_iam_role.name', n.monitoringRole);
        add(
          'aws_secretsmanager_secret.name',
          `${n.masterSecret}${P.randomHex}`,
        );
        break;
      case 'redis':
        add('aws_security_group.name', n.securityGroup);
        add(
          'aws_elasticache_replication_group.replication_group_id',
          n.replicationGroup,
        );
        add('aws_elasticache_parameter_group.name', n.cacheParameterGroup);
        add('aws_elasticache_subnet_group.name', n.cacheSubnetGroup);
        if (c.authToken !== false) {
          add(
            'aws_secretsmanager_secret.name',
            `${n.authTokenSecret}${P.randomHex}`,
          );
        }
        break;
      case 'bucket':
        add('aws_s3_bucket.bucket', `${n.bucketPrefix}-${P.accountId}`);
        break;
      case 'cdn':
        add('aws_cloudfront_origin_access_control.name', n.originAccessControl);
        add(
          'aws_cloudfront_response_headers_policy.name',
          n.responseHeadersPolicy,
        );
        break;
      case 'service':
        balanced();
        add('aws_cloudwatch_log_group.name', n.logGroup);
        add('aws_iam_role.name', n.executionRole);
        add('aws_iam_role.name', n.taskRole);
        add('aws_ecs_task_definition.family', n.taskFamily);
        add('aws_ecs_service.name', n.ecsService);
        add('aws_appautoscaling_policy.name', n.scalingPolicy);
        break;
      case 'vm-group':
        balanced();
        add('aws_iam_role.name', n.instanceRole);
        add('aws_iam_instance_profile.name', n.instanceProfile);
        add('aws_launch_template.name', n.launchTemplate);
        add('aws_autoscaling_group.name', n.autoScalingGroup);
        add('aws_autoscaling_policy.name', n.scalingPolicy);
        break;
      case 'mongodb':
        add('mongodbatlas_project.name', n.atlasProject);
        add('mongodbatlas_advanced_cluster.name', n.atlasCluster);
        add('aws_security_group.name', n.endpointSecurityGroup);
        add(
          'aws_secretsmanager_secret.name',
          `${n.appUserSecret}${P.randomHex}`,
        );
        break;
      case 'registry':
        add('aws_ecr_repository.name', n.repository);
        break;
      case 'secrets':
        for (const secret of c.names ?? []) {
          add(
            'aws_ssm_parameter.name',
            awsSecretParameterName(environment, c.name, secret),
          );
        }
        break;
      default:
        break;
    }
  });
  return out;
}
