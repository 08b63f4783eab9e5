import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Config } from '@backstage/config';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { NotConfiguredError } from '../errors';

/** The AWS services the readers call, by the name used in config and in call counts. */
export type AwsServiceName =
  | 'tagging'
  | 'cloudwatch'
  | 'rds'
  | 'elasticache'
  | 's3'
  | 'costExplorer';

/**
 * @public Called once for every AWS API call a reader makes (before retries), with the call's
 * input; may return a function, called with the call's output when it answered (benches use it
 * to count what a listing returned).
 */
export type AwsCallListener = (call: {
  service: string;
  operation: string;
  accountId: string;
  region: string;
  input?: unknown;
}) => void | ((output: unknown) => void);

/** Client settings read from `environments.aws` (see config.d.ts). */
export interface AwsClientSettings {
  endpoint?: string;
  endpoints: Partial<Record<AwsServiceName, string>>;
  forcePathStyle: boolean;
  maxAttempts: number;
  requestTimeoutMs: number;
  costExplorerRegion: string;
  /** Wire protocol of CloudWatch: `json` (the SDK's default) or `query` (older emulators). */
  cloudwatchProtocol: 'json' | 'query';
}

/** @internal */
export function readAwsClientSettings(config: Config): AwsClientSettings {
  const aws = config.getOptionalConfig('environments.aws');
  const endpoints: Partial<Record<AwsServiceName, string>> = {};
  const endpointsConfig = aws?.getOptionalConfig('endpoints');
  for (const name of [
    'tagging',
    'cloudwatch',
    'rds',
    'elasticache',
    's3',
    'costExplorer',
  ] as const) {
    const value = endpointsConfig?.getOptionalString(name);
    if (value) {
      endpoints[name] = value;
    }
  }
  const endpoint = aws?.getOptionalString('endpoint');
  const cloudwatchProtocol =
    aws?.getOptionalString('cloudwatchProtocol') ?? 'json';
  if (cloudwatchProtocol !== 'json' && cloudwatchProtocol !== 'query') {
    throw new Error(
      `environments.aws.cloudwatchProtocol must be "json" or "query", not "${cloudwatchProtocol}"`,
    );
  }
  return {
    endpoint,
    endpoints,
    forcePathStyle:
      aws?.getOptionalBoolean('s3ForcePathStyle') ??
      Boolean(endpoint ?? endpoints.s3),
    maxAttempts: aws?.getOptionalNumber('maxAttempts') ?? 4,
    requestTimeoutMs: aws?.getOptionalNumber('requestTimeoutMs') ?? 5000,
    costExplorerRegion:
      aws?.getOptionalString('costExplorerRegion') ?? 'us-east-1',
    cloudwatchProtocol:
      aws?.getOptionalString('cloudwatchProtocol') === 'query'
        ? 'query'
        : 'json',
  };
}

/** The SDK clients of one (account, region). */
export interface AwsClients {
  accountId: string;
  region: string;
  tagging: ResourceGroupsTaggingAPIClient;
  cloudwatch: CloudWatchClient;
  rds: RDSClient;
  elasticache: ElastiCacheClient;
  s3: S3Client;
  costExplorer: CostExplorerClient;
}

const USER_AGENT = 'terrace-environments';

/**
 * Builds AWS SDK clients per (account, region) with credentials from the `aws` integration config
 * (@backstage/integration-aws-node: `aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`, assume
 * role), the SDK's standard retry (throttling is retried with backoff), a request timeout, a custom
 * user agent and, optionally, a custom endpoint (emulators, VPC endpoints). Clients are reused.
 */
export class AwsClientFactory {
  private readonly clients = new Map<string, Promise<AwsClients>>();

  static fromConfig(
    config: Config,
    options: { listener?: AwsCallListener } = {},
  ): AwsClientFactory {
    return new AwsClientFactory(
      DefaultAwsCredentialsManager.fromConfig(config),
      readAwsClientSettings(config),
      options.listener,
    );
  }

  constructor(
    private readonly credentials: AwsCredentialsManager,
    readonly settings: AwsClientSettings,
    private readonly listener?: AwsCallListener,
  ) {}

  /** The clients of one account and region; NotConfiguredError when the account has no credentials. */
  forAccount(accountId: string, region: string): Promise<AwsClients> {
    const key = `${accountId}/${region}`;
    let clients = this.clients.get(key);
    if (!clients) {
      clients = this.create(accountId, region);
      clients.catch(() => this.clients.delete(key));
      this.clients.set(key, clients);
    }
    return clients;
  }

  private async create(accountId: string, region: string): Promise<AwsClients> {
    let provider: AwsCredentialIdentityProvider;
    try {
      provider = (await this.credentials.getCredentialProvider({ accountId }))
        .sdkCredentialProvider;
    } catch (e) {
      throw new NotConfiguredError(
        `No AWS credentials for account ${accountId}: add it under aws.accounts (or set aws.accountDefaults.roleName) in app-config.yaml`,
      );
    }
    const s = this.settings;
    const base = (service: AwsServiceName, clientRegion = region) => ({
      region: clientRegion,
      credentials: provider,
      endpoint: s.endpoints[service] ?? s.endpoint,
      maxAttempts: s.maxAttempts,
      retryMode: 'standard',
      customUserAgent: USER_AGENT,
      requestHandler: {
        requestTimeout: s.requestTimeoutMs,
        connectionTimeout: Math.min(s.requestTimeoutMs, 3000),
      },
    });
    const clients: AwsClients = {
      accountId,
      region,
      tagging: new ResourceGroupsTaggingAPIClient(base('tagging')),
      cloudwatch: new CloudWatchClient({
        ...base('cloudwatch'),
        ...(s.cloudwatchProtocol === 'query'
          ? { protocol: AwsQueryProtocol }
          : {}),
      }),
      rds: new RDSClient(base('rds')),
      elasticache: new ElastiCacheClient(base('elasticache')),
      s3: new S3Client({ ...base('s3'), forcePathStyle: s.forcePathStyle }),
      costExplorer: new CostExplorerClient(
        base('costExplorer', s.costExplorerRegion),
      ),
    };
    const listener = this.listener;
    if (listener) {
      for (const [service, client] of Object.entries(clients)) {
        if (typeof client !== 'object' || !('middlewareStack' in client)) {
          continue;
        }
        client.middlewareStack.add(
          (next: any, context: any) => async (args: any) => {
            const answered = listener({
              service,
              operation: String(context.commandName ?? 'unknown').replace(
                /Command$/,
                '',
              ),
              accountId,
              region,
              input: args.input,
            });
            let output: unknown;
            try {
              const result = await next(args);
              output = result.output;
              return result;
            } finally {
              if (typeof answered === 'function') answered(output);
            }
          },
          { step: 'initialize', name: 'terraceCallListener' },
        );
      }
    }
    return clients;
  }
}
