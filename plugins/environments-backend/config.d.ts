import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Terrace environments (plugin `environments`). */
  environments?: {
    /**
     * Expiry of preview environments (`spec.expiresAt`, dev and staging): a scheduled task tells
     * each owner 3 days and 1 day before and on expiry (Backstage notifications), and starts the
     * Destroy environment template for those with `spec.destroyOnExpiry`.
     */
    expiry?: {
      /** Run the expiry task. Default true. */
      enabled?: boolean;
      /**
       * How often it runs: `{ hours: 1 }`, an ISO 8601 duration (`PT30M`) or `{ cron: '0 * * * *' }`.
       * Default hourly.
       */
      frequency?: { cron: string } | string | HumanDuration;
      /** How long one run may take before another replica may start it. Default 10 minutes. */
      timeout?: string | HumanDuration;
      /**
       * The template started to destroy an expired environment that opted in, with the values
       * `environment` (entity ref) and `confirmName`. Default `template:default/destroy-environment`.
       */
      destroyTemplate?: string;
    };
    /**
     * How the status API talks to AWS. Credentials per account come from the `aws` integration
     * config (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`; assume role supported), the
     * account being the environment entity's `terrace.dev/account-id` annotation.
     */
    aws?: {
      /**
       * Endpoint every AWS client is pointed at instead of the public one, e.g. an emulator
       * (`http://127.0.0.1:5000` for moto) or a proxy. Per-service endpoints take precedence.
       */
      endpoint?: string;
      /** Endpoint per AWS service, e.g. VPC interface endpoints. */
      endpoints?: {
        /** Resource Groups Tagging API (resources section, and backups' attribution). */
        tagging?: string;
        /** CloudWatch (alarms section). */
        cloudwatch?: string;
        /** RDS (backups section). */
        rds?: string;
        /** ElastiCache (backups section). */
        elasticache?: string;
        /** S3 (backups section). */
        s3?: string;
        /** Cost Explorer (cost section). */
        costExplorer?: string;
      };
      /** Address S3 buckets by path rather than host name; on by default when an endpoint is set. */
      s3ForcePathStyle?: boolean;
      /** Attempts per AWS call, including the first; throttling and transient errors are retried with backoff. Default 4. */
      maxAttempts?: number;
      /** Timeout of one HTTP request to AWS, in milliseconds. Default 5000. */
      requestTimeoutMs?: number;
      /**
       * Wire protocol for CloudWatch: `json` (the SDK's default) or `query` (the older awsQuery
       * protocol, which AWS still accepts; needed by emulators that lack the JSON protocol, such as moto 5.2).
       */
      cloudwatchProtocol?: 'json' | 'query';
      /** Region of the Cost Explorer API. Default us-east-1. */
      costExplorerRegion?: string;
      /**
       * S3 bucket settings (versioning, lifecycle) cost two calls per bucket and change rarely, so
       * each backups refresh of an (account, region) reads only a few buckets and answers the
       * rest from earlier reads (kept in the plugin's cache, shared by replicas); each bucket's
       * row says when its settings were read.
       */
      bucketSettings?: {
        /** Calls per refresh spent reading again settings read before, oldest first (2 per bucket). Default 4. */
        callsPerRefresh?: number;
        /** Calls per refresh for buckets never read, so new environments show at once (2 per bucket). Default 400. */
        newBucketCallsPerRefresh?: number;
        /** Settings younger than this are not read again, in minutes. Default 60. */
        freshForMinutes?: number;
      };
      /**
       * Which resources belong to which environment (the Resource Groups Tagging API, 100
       * resources a page) changes only when environments are created, changed or destroyed, so a
       * place is listed whole once, then each resources refresh of an (account, region) reads
       * environments never read at once (by name) and the oldest membership again within a page
       * budget; the rest is answered from earlier reads (kept in the plugin's cache, shared by
       * replicas), each resource stamped with when it was listed (`listedAt`).
       */
      resourceMembership?: {
        /** GetResources calls per refresh spent reading again membership read before, oldest first. Default 1. */
        pagesPerRefresh?: number;
        /** GetResources calls per refresh for environments never read, so new environments show at once. Default 20. */
        newEnvironmentPagesPerRefresh?: number;
        /** Membership younger than this is not read again, in minutes. Default 60. */
        freshForMinutes?: number;
      };
    };
    /**
     * How the status API reads Azure. The Azure readers are installed when this key is present.
     * Credentials come from `DefaultAzureCredential` (@azure/identity): workload identity on
     * Kubernetes (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), a managed
     * identity, or a service principal in the environment. Grant that identity Reader, Monitoring
     * Reader and Cost Management Reader on each subscription.
     */
    azure?: {
      /**
       * The subscriptions the portal reads; an environment entity's `terrace.dev/account-id` is
       * one of these subscription ids (a GUID).
       */
      subscriptions?: Array<{
        /** The subscription id, e.g. `00000000-0000-0000-0000-000000000000`. */
        subscriptionId: string;
        /** A name for messages. */
        title?: string;
      }>;
      /**
       * Azure Resource Manager endpoint. Default `https://management.azure.com`; another cloud's
       * (e.g. `https://management.chinacloudapi.cn`) sets the token scope too. Plain http only to
       * 127.0.0.1 or localhost (tests).
       */
      endpoint?: string;
      /**
       * The scope of the token asked for, when `endpoint` is not Resource Manager's own (e.g. a
       * proxy in front of it). Default `<endpoint>/.default`.
       */
      tokenScope?: string;
      /** Retries after the first attempt: 429 and 503 after Retry-After, other 5xx with backoff. Default 3. */
      maxRetries?: number;
      /** First backoff delay of a retry without Retry-After, in milliseconds (doubling). Default 1000. */
      retryDelayMs?: number;
      /** Timeout of one HTTP request to Azure, in milliseconds. Default 10000. */
      requestTimeoutMs?: number;
    };
    /**
     * How the status API reads Google Cloud environments; the GCP readers are installed only when
     * this key is present. Credentials: google-auth-library's Application Default Credentials
     * (workload identity on GKE / Cloud Run, an external_account file for workload identity
     * federation, or GOOGLE_APPLICATION_CREDENTIALS). The project is the environment entity's
     * `terrace.dev/account-id` annotation.
     */
    gcp?: {
      /**
       * The projects environments may live in. When set, an entity naming another project is
       * `not-configured`, saying to add it here; when absent, any project the credentials can read.
       */
      projects?: Array<{
        /** The Google Cloud project id (6-30 lowercase letters, digits, hyphens). */
        projectId: string;
        /** A display name. */
        title?: string;
        /** The billing export table of this project's bill, when not `billingExportTable`. */
        billingExportTable?: string;
      }>;
      /**
       * The Cloud Billing export to BigQuery (standard usage cost table) the cost section reads,
       * as `project.dataset.table`. Without it the cost section is `not-configured`.
       */
      billingExportTable?: string;
      /** The project the BigQuery query jobs run in (and are billed to). Default: the export table's project. */
      billingQueryProject?: string;
      /** Base URL every Google API is called at instead of its own (a proxy, or a local fake in tests). */
      endpoint?: string;
      /** Base URL per Google API; takes precedence over `endpoint`. */
      endpoints?: {
        /** Cloud Asset API (resources section). */
        cloudAsset?: string;
        /** Cloud Monitoring API (alarms section). */
        monitoring?: string;
        /** Cloud SQL Admin API (backups section). */
        sqlAdmin?: string;
        /** Cloud Storage JSON API (backups section, buckets). */
        storage?: string;
        /** BigQuery API (cost section). */
        bigQuery?: string;
      };
      /** Attempts per Google call, including the first; 429 and 5xx answers are retried with backoff. Default 4. */
      maxAttempts?: number;
      /** Timeout of one HTTP request to Google, in milliseconds. Default 5000. */
      requestTimeoutMs?: number;
    };
    /**
     * The scheduled drift check: a Terraform plan of every environment entity's local repository
     * with the configured executor (`terrace.terraform.*`); results in `GET .../drift` and the
     * overview.
     */
    drift?: {
      /** Run the scheduled check. Default false (`POST .../drift` checks one on demand either way). */
      enabled?: boolean;
      /**
       * How often: a cron (`{ cron: '0 *\/6 * * *' }`), an ISO 8601 duration (`PT6H`) or a
       * HumanDuration (`{ hours: 6 }`). Default every 6 hours.
       */
      frequency?: { cron: string } | string | HumanDuration;
      /** How long one round over every environment may take. Default `{ hours: 2 }`. */
      timeout?: string | HumanDuration;
    };
    /** Caching and limits of the status sections. */
    status?: {
      /**
       * A section refresh that takes longer fails with a timeout error shown on that section only,
       * in seconds. Default 10.
       */
      timeoutSeconds?: number;
      /** How long answers are cached, in minutes. */
      cacheTtlMinutes?: {
        /** Resources section. Default 5. */
        resources?: number;
        /** Alarms section. Default 1. */
        alarms?: number;
        /** Backups section. Default 15. */
        backups?: number;
        /** Cost section; at least 360 (6 h), since every Cost Explorer call is billed. Default 360. */
        cost?: number;
        /** A failed refresh, so a failing service is not called on every request. Default 1. */
        errors?: number;
        /** The estimate read from an environment repo's cost.json. Default 60. */
        estimate?: number;
      };
    };
  };
}
