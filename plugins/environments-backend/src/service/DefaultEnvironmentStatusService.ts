import type { LoggerService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import {
  tierPolicy,
  type AlarmsSection,
  type BackupsSection,
  type CostEstimateSummary,
  type CostSection,
  type OverviewItem,
  type ResourcesSection,
  type Section,
} from '@terrace/plugin-environments-common';
import type { Batch, BatchCache } from '../cache/BatchCache';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import { NotConfiguredError } from '../readers/errors';
import type {
  AccountCost,
  AlarmsByEnvironment,
  BackupsByEnvironment,
  ResourcesByEnvironment,
  StatusReaders,
  StatusReadersLookup,
} from '../readers/types';
import type { EnvironmentStatusService } from './types';
import type { EstimateSource } from './EstimateSource';
import { judgeBackup, worstHealth } from './judgeBackups';

/** Cache lifetimes per section, in milliseconds. */
export type SectionTtls = Record<Section, number>;

/** Where an environment lives, as far as one batch of reads is concerned. */
interface Place {
  cloud: string;
  accountId: string;
  region: string;
}

export interface DefaultEnvironmentStatusServiceOptions {
  /** The readers per cloud, chosen by each environment's `cloud`. */
  readers: StatusReadersLookup;
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
 * The status service over the readers of each cloud. Every section is read once per (cloud,
 * account, region) — cost once per (cloud, account) — and that one answer serves every
 * environment in it, so cloud calls per refresh do not grow with the number of environments.
 * Answers are cached and concurrent refreshes shared.
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

  /** The readers of a place's cloud; locate only hands over environments whose cloud has them. */
  private readers(cloud: string): StatusReaders {
    const readers = this.options.readers.get(cloud);
    if (!readers) {
      throw new NotConfiguredError(
        `Status readers for the cloud "${cloud}" are not installed`,
      );
    }
    return readers;
  }

  /** The cloud's name in reasons (its readers' `displayName`); undefined when none are installed. */
  private cloudName(cloud: string): string | undefined {
    return this.options.readers.get(cloud)?.displayName;
  }

  private batch<T>(
    section: Section,
    place: { cloud: string; accountId: string; region?: string },
    read: (readers: StatusReaders, signal: AbortSignal) => Promise<T>,
  ) {
    const { batches, ttls } = this.options;
    const key = [KEY, section, place.cloud, place.accountId, place.region]
      .filter(part => part !== undefined)
      .join(':');
    return batches.get<T>(key, ttls[section], async signal =>
      read(this.readers(place.cloud), signal),
    );
  }

  /** Resources of `place`, reading never-read environments among `names` at once. */
  private resourcesBatch(place: Place, names?: string[]) {
    return this.batch<ResourcesByEnvironment>(
      'resources',
      place,
      (readers, signal) =>
        readers.readResources(place, signal, { environments: names }),
    );
  }

  /**
   * Resources of `place` for the environments `names`. When the place's cached answer lacks one
   * of them and the readers keep membership (`discoversByName`: a new environment, created since
   * that answer), those are read at once (a discovery batch of their own, cached like a refresh)
   * and merged in, instead of waiting for the place's answer to expire.
   */
  private async resourcesFor(
    place: Place,
    names: string[],
  ): Promise<Batch<ResourcesByEnvironment>> {
    const batch = await this.resourcesBatch(place, names);
    const data = batch.data;
    if (
      batch.status !== 'ok' ||
      !data ||
      !this.options.readers.get(place.cloud)?.discoversByName
    ) {
      return batch;
    }
    const missing = [...new Set(names.filter(n => !(n in data)))].sort();
    if (missing.length === 0) return batch;
    const digest = createHash('sha256')
      .update(missing.join('\n'))
      .digest('hex')
      .slice(0, 16);
    const found = await this.batch<ResourcesByEnvironment>(
      'resources',
      { ...place, region: `${place.region}:new:${digest}` },
      (readers, signal) =>
        readers.readResources(place, signal, {
          environments: missing,
          discoverOnly: true,
        }),
    );
    if (found.status !== 'ok' || !found.data) return batch;
    const merged = { ...data };
    for (const name of missing) {
      if (found.data[name]) merged[name] = found.data[name];
    }
    return { ...batch, data: merged };
  }

  private alarmsBatch(place: Place) {
    return this.batch<AlarmsByEnvironment>('alarms', place, (readers, signal) =>
      readers.readAlarms(place, signal),
    );
  }

  private backupsBatch(place: Place, names: string[]) {
    return this.batch<BackupsByEnvironment>(
      'backups',
      place,
      async (readers, signal) => {
        const tagged = await this.resourcesFor(place, names);
        if (tagged.status !== 'ok' || !tagged.data) {
          const message = `Backups are matched to environments by their tags, which could not be read: ${tagged.error}`;
          throw tagged.status === 'not-configured'
            ? new NotConfiguredError(tagged.error)
            : new Error(message);
        }
        return readers.readBackups(place, tagged.data, signal);
      },
    );
  }

  private costBatch(place: { cloud: string; accountId: string }) {
    // keyed by account only: callers pass whole environments, whose region must not split it
    const account = { cloud: place.cloud, accountId: place.accountId };
    return this.batch<AccountCost>('cost', account, (readers, signal) =>
      readers.readCost(account.accountId, this.now(), signal),
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
    const batch = await this.resourcesFor(environment, [environment.name]);
    return this.itemsSection(batch, environment.name);
  }

  async getAlarms(environment: EnvironmentRef): Promise<AlarmsSection> {
    const batch = await this.alarmsBatch(environment);
    return this.itemsSection(batch, environment.name);
  }

  async getBackups(environment: EnvironmentRef): Promise<BackupsSection> {
    const batch = await this.backupsBatch(environment, [environment.name]);
    const section = this.itemsSection(batch, environment.name);
    const policy = tierPolicy(environment.tier);
    const now = this.now();
    const cloudName = this.cloudName(environment.cloud);
    return {
      ...section,
      items: section.items.map(f => judgeBackup(f, policy, now, cloudName)),
    };
  }

  async getCost(environment: EnvironmentRef): Promise<CostSection> {
    const [batch, estimate] = await Promise.all([
      this.costBatch(environment),
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
        error: this.readers(environment.cloud).costTagInactive(
          environment.accountId,
        ),
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
      section.forecastBasis = 'cloud';
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
    const placeKey = (p: Place) => `${p.cloud}:${p.accountId}:${p.region}`;
    const accountKey = (p: Place) => `${p.cloud}:${p.accountId}`;
    const places = new Map<string, Place>();
    const names = new Map<string, string[]>();
    const accounts = new Map<string, Place>();
    for (const env of environments) {
      const key = placeKey(env);
      places.set(key, env);
      const inPlace = names.get(key);
      if (inPlace) inPlace.push(env.name);
      else names.set(key, [env.name]);
      accounts.set(accountKey(env), env);
    }
    const alarms = new Map<string, Batch<AlarmsByEnvironment>>();
    const backups = new Map<string, Batch<BackupsByEnvironment>>();
    const costs = new Map<string, Batch<AccountCost>>();
    await Promise.all([
      ...[...places].map(async ([key, p]) => {
        alarms.set(key, await this.alarmsBatch(p));
      }),
      ...[...places].map(async ([key, p]) => {
        backups.set(key, await this.backupsBatch(p, names.get(key)!));
      }),
      ...[...accounts].map(async ([key, p]) => {
        costs.set(key, await this.costBatch(p));
      }),
    ]);
    const estimates = await this.estimates(environments);
    const now = this.now();
    return environments.map((env, index) => {
      const key = placeKey(env);
      const alarmBatch = alarms.get(key)!;
      const alarmItems = alarmBatch.data?.[env.name] ?? [];
      const backupBatch = backups.get(key)!;
      const policy = tierPolicy(env.tier);
      const cloudName = this.cloudName(env.cloud);
      const judged = (backupBatch.data?.[env.name] ?? []).map(f =>
        judgeBackup(f, policy, now, cloudName),
      );
      const cost = this.costSection(
        costs.get(accountKey(env))!,
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
