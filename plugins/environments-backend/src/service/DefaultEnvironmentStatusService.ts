import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  tierPolicy,
  type AlarmsSection,
  type BackupsSection,
  type CostEstimateSummary,
  type CostSection,
  type OverviewItem,
  type ResourcesSection,
  TAG_ENVIRONMENT,
} from '@terrace/plugin-environments-common';
import { readAlarms, type AlarmsByEnvironment } from '../aws/alarms';
import { readBackups, type BackupsByEnvironment } from '../aws/backups';
import type { AwsClientFactory } from '../aws/clients';
import { readCost, type AccountCost } from '../aws/cost';
import { NotConfiguredError } from '../aws/errors';
import { readResources, type ResourcesByEnvironment } from '../aws/resources';
import type { Batch, BatchCache } from '../cache/BatchCache';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import type { EnvironmentStatusService } from './EnvironmentStatusService';
import type { EstimateSource } from './EstimateSource';
import { judgeBackup, worstHealth } from './judgeBackups';

/** Cache lifetimes per section, in milliseconds. */
export interface SectionTtls {
  resources: number;
  alarms: number;
  backups: number;
  cost: number;
}

export interface DefaultEnvironmentStatusServiceOptions {
  clients: AwsClientFactory;
  batches: BatchCache;
  ttls: SectionTtls;
  estimates?: EstimateSource;
  /** How long the overview waits for estimates not yet cached, in milliseconds. Default 1000. */
  estimateBudgetMs?: number;
  logger: LoggerService;
  now?: () => Date;
}

const KEY = 'terrace:status:v1';

/**
 * The AWS status service. Every section is read once per (account, region) — cost once per
 * account — and that one answer serves every environment in it, so AWS calls per refresh do not
 * grow with the number of environments. Answers are cached and concurrent refreshes shared.
 */
export class DefaultEnvironmentStatusService
  implements EnvironmentStatusService
{
  private readonly now: () => Date;

  constructor(
    private readonly options: DefaultEnvironmentStatusServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private resourcesBatch(accountId: string, region: string) {
    const { clients, batches, ttls } = this.options;
    return batches.get<ResourcesByEnvironment>(
      `${KEY}:resources:${accountId}:${region}`,
      ttls.resources,
      async signal =>
        readResources(await clients.forAccount(accountId, region), signal),
    );
  }

  private alarmsBatch(accountId: string, region: string) {
    const { clients, batches, ttls } = this.options;
    return batches.get<AlarmsByEnvironment>(
      `${KEY}:alarms:${accountId}:${region}`,
      ttls.alarms,
      async signal =>
        readAlarms(await clients.forAccount(accountId, region), signal),
    );
  }

  private backupsBatch(accountId: string, region: string) {
    const { clients, batches, ttls } = this.options;
    return batches.get<BackupsByEnvironment>(
      `${KEY}:backups:${accountId}:${region}`,
      ttls.backups,
      async signal => {
        const aws = await clients.forAccount(accountId, region);
        const tagged = await this.resourcesBatch(accountId, region);
        if (tagged.status !== 'ok' || !tagged.data) {
          const message = `Backups are matched to environments by their tags, which could not be read: ${tagged.error}`;
          throw tagged.status === 'not-configured'
            ? new NotConfiguredError(tagged.error)
            : new Error(message);
        }
        return readBackups(aws, tagged.data, signal);
      },
    );
  }

  private costBatch(accountId: string) {
    const { clients, batches, ttls } = this.options;
    return batches.get<AccountCost>(
      `${KEY}:cost:${accountId}`,
      ttls.cost,
      async signal =>
        readCost(
          await clients.forAccount(
            accountId,
            clients.settings.costExplorerRegion,
          ),
          this.now(),
          signal,
        ),
    );
  }

  private itemsSection<T>(batch: Batch<Record<string, T[]>>, name: string) {
    const section = {
      status: batch.status,
      updatedAt: batch.updatedAt,
      items: batch.data?.[name] ?? [],
    };
    return batch.error ? { ...section, error: batch.error } : section;
  }

  async getResources(environment: EnvironmentRef): Promise<ResourcesSection> {
    const batch = await this.resourcesBatch(
      environment.accountId,
      environment.region,
    );
    return this.itemsSection(batch, environment.name);
  }

  async getAlarms(environment: EnvironmentRef): Promise<AlarmsSection> {
    const batch = await this.alarmsBatch(
      environment.accountId,
      environment.region,
    );
    return this.itemsSection(batch, environment.name);
  }

  async getBackups(environment: EnvironmentRef): Promise<BackupsSection> {
    const batch = await this.backupsBatch(
      environment.accountId,
      environment.region,
    );
    const section = this.itemsSection(batch, environment.name);
    const policy = tierPolicy(environment.tier);
    const now = this.now();
    return {
      ...section,
      items: section.items.map(f => judgeBackup(f, policy, now)),
    };
  }

  async getCost(environment: EnvironmentRef): Promise<CostSection> {
    const [batch, estimate] = await Promise.all([
      this.costBatch(environment.accountId),
      this.estimate(environment),
    ]);
    return this.costSection(batch, environment, estimate);
  }

  private async estimate(
    environment: EnvironmentRef,
  ): Promise<CostEstimateSummary | undefined> {
    try {
      return await this.options.estimates?.getEstimate(environment);
    } catch (e) {
      this.options.logger.warn('Could not read the estimate', {
        entityRef: environment.entityRef,
        error: String(e),
      });
      return undefined;
    }
  }

  private costSection(
    batch: Batch<AccountCost>,
    environment: EnvironmentRef,
    estimate: CostEstimateSummary | undefined,
  ): CostSection {
    const section: CostSection = {
      status: batch.status,
      updatedAt: batch.updatedAt,
      currency: batch.data?.currency ?? estimate?.currency ?? 'USD',
      byService: [],
    };
    if (estimate) section.estimate = estimate;
    if (batch.status !== 'ok' || !batch.data) {
      section.error = batch.error;
      return section;
    }
    const account = batch.data;
    if (!account.tagActive) {
      return {
        ...section,
        status: 'not-configured',
        tagActive: false,
        error: `No cost in account ${environment.accountId} carries the cost-allocation tag ${TAG_ENVIRONMENT}, so Cost Explorer has no data per environment: activate the tag in the AWS Billing console (Cost allocation tags); costs are split by it from the day after activation`,
      };
    }
    const cost = account.byEnvironment[environment.name] ?? {
      monthToDate: 0,
      lastMonth: 0,
      byService: [],
    };
    section.tagActive = true;
    section.monthToDate = cost.monthToDate;
    section.lastMonth = cost.lastMonth;
    section.byService = cost.byService;
    if (
      account.accountForecast !== undefined &&
      account.accountMonthToDate > 0
    ) {
      section.forecast =
        Math.round(
          ((account.accountForecast * cost.monthToDate) /
            account.accountMonthToDate) *
            100,
        ) / 100;
      section.forecastBasis = 'cost-explorer';
    } else {
      const now = this.now();
      const start = Date.parse(`${account.monthStart}T00:00:00Z`);
      const end = Date.parse(`${account.nextMonthStart}T00:00:00Z`);
      const elapsed = Math.max(now.getTime() - start, 86_400_000);
      section.forecast =
        Math.round(((cost.monthToDate * (end - start)) / elapsed) * 100) / 100;
      section.forecastBasis = 'linear';
    }
    return section;
  }

  async getOverview(environments: EnvironmentRef[]): Promise<OverviewItem[]> {
    const places = new Map<string, { accountId: string; region: string }>();
    const accounts = new Set<string>();
    for (const env of environments) {
      places.set(`${env.accountId}:${env.region}`, env);
      accounts.add(env.accountId);
    }
    const alarms = new Map<string, Batch<AlarmsByEnvironment>>();
    const backups = new Map<string, Batch<BackupsByEnvironment>>();
    const costs = new Map<string, Batch<AccountCost>>();
    await Promise.all([
      ...[...places].map(async ([key, p]) => {
        alarms.set(key, await this.alarmsBatch(p.accountId, p.region));
      }),
      ...[...places].map(async ([key, p]) => {
        backups.set(key, await this.backupsBatch(p.accountId, p.region));
      }),
      ...[...accounts].map(async accountId => {
        costs.set(accountId, await this.costBatch(accountId));
      }),
    ]);
    const estimates = await this.estimates(environments);
    const now = this.now();
    return environments.map((env, index) => {
      const key = `${env.accountId}:${env.region}`;
      const alarmBatch = alarms.get(key)!;
      const alarmItems = alarmBatch.data?.[env.name] ?? [];
      const backupBatch = backups.get(key)!;
      const policy = tierPolicy(env.tier);
      const judged = (backupBatch.data?.[env.name] ?? []).map(f =>
        judgeBackup(f, policy, now),
      );
      const cost = this.costSection(
        costs.get(env.accountId)!,
        env,
        estimates[index],
      );
      const item: OverviewItem = {
        entityRef: env.entityRef,
        namespace: env.namespace,
        name: env.name,
        cloud: env.cloud,
        region: env.region,
        tier: env.tier,
        alarms: {
          status: alarmBatch.status,
          ok: alarmItems.filter(a => a.state === 'OK').length,
          alarm: alarmItems.filter(a => a.state === 'ALARM').length,
          insufficientData: alarmItems.filter(
            a => a.state === 'INSUFFICIENT_DATA',
          ).length,
        },
        backups: { status: backupBatch.status },
        cost: { status: cost.status, currency: cost.currency },
      };
      if (env.title) item.title = env.title;
      if (env.owner) item.owner = env.owner;
      const worst = worstHealth(judged);
      if (worst) item.backups.worst = worst;
      if (cost.monthToDate !== undefined)
        item.cost.monthToDate = cost.monthToDate;
      if (cost.estimate) item.cost.estimate = cost.estimate.monthly;
      return item;
    });
  }

  /**
   * The estimates of many environments for the overview. Each is read once from its repo and then
   * cached; the overview waits for them at most `estimateBudgetMs`, so a first overview of many
   * environments stays fast, and the estimates still being read appear on the next one.
   */
  private async estimates(environments: EnvironmentRef[]) {
    const result: (CostEstimateSummary | undefined)[] = new Array(
      environments.length,
    );
    let next = 0;
    const worker = async () => {
      while (next < environments.length) {
        const index = next++;
        result[index] = await this.estimate(environments[index]);
      }
    };
    const all = Promise.all(Array.from({ length: 8 }, worker));
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>(resolve => {
      timer = setTimeout(resolve, this.options.estimateBudgetMs ?? 1000);
    });
    await Promise.race([all, budget]);
    clearTimeout(timer);
    return [...result];
  }
}
