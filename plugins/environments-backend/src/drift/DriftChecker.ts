import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SOURCE_LOCATION,
  type EnvironmentDrift,
  type EnvironmentEvent,
} from '@terrace/plugin-environments-common';
import {
  checkDrift,
  createExecutor,
  type TerraformExecutor,
  type TerraformSettings,
} from '@terrace/plugin-environments-node';
import type { DriftStore } from './DriftStore';
import { driftEvent } from './driftEvent';
import {
  cloneLocalRepository,
  RepositoryUnavailableError,
} from './localRepository';

/** @public What a drift check needs. */
export interface DriftCheckerOptions {
  /** `terrace.terraform` / `terrace.hcp`: the executor that owns environments, its binary, host files, locks. */
  settings: TerraformSettings;
  /** `terrace.publish.localRoot`: where the local repositories are. */
  localRoot: string;
  store: DriftStore;
  /** Records a history entry (kind `drift`) when an environment turns drifted. */
  recordEvent: (event: EnvironmentEvent) => Promise<void>;
  logger: LoggerService;
  /** The clock of `checkedAt`; the real one by default. */
  now?: () => Date;
}

/**
 * Checks environments for drift with the configured executor (`terrace.terraform.executor`:
 * environment entities do not record which executor applied them): clones the entity's local
 * repository (`backstage.io/source-location`) to a temporary folder, plans it
 * (`checkDrift`: plan -detailed-exitcode on the local runner, a plan-only run on HCP Terraform,
 * `unknown` for ci), stores the result as the environment's latest check and records a history
 * entry when it turned drifted. A repository that cannot be fetched is `unknown` with why.
 */
export class DriftChecker {
  private readonly now: () => Date;

  constructor(private readonly options: DriftCheckerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Checks one environment entity (its name is the environment's) and stores the result.
   * `actor`: who asked (a user entity ref), `terrace` for the scheduler. Never rejects for a
   * failed plan (that is `unknown`); rejects when the store fails or `signal` aborted the run.
   */
  async check(
    entity: Entity,
    options: { actor?: string; signal?: AbortSignal } = {},
  ): Promise<EnvironmentDrift> {
    const environment = entity.metadata.name;
    const { logger } = this.options;
    const result = await this.plan(entity, options.signal);
    const previous = await this.options.store.put(result);
    const event = driftEvent(result, previous, options.actor ?? 'terrace');
    if (event) {
      await this.options.recordEvent(event).catch(e =>
        logger.warn('Could not record the drift in the history', {
          environment,
          error: String(e),
        }),
      );
    }
    logger.info('Checked environment for drift', {
      environment,
      status: result.status,
      ...(result.reason && { reason: result.reason }),
    });
    return result;
  }

  private async plan(
    entity: Entity,
    signal: AbortSignal | undefined,
  ): Promise<EnvironmentDrift> {
    const environment = entity.metadata.name;
    const { settings, logger } = this.options;
    const unknown = (reason: string): EnvironmentDrift => ({
      environment,
      status: 'unknown',
      checkedAt: this.now().toISOString(),
      reason,
    });
    let executor: TerraformExecutor;
    try {
      executor = createExecutor(settings.executor, settings, 'drift check');
    } catch (e) {
      return unknown((e as Error).message);
    }
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-drift-'));
    try {
      const repository = path.join(scratch, 'repository');
      if (executor.kind !== 'ci') {
        try {
          await cloneLocalRepository(
            entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
            this.options.localRoot,
            repository,
          );
        } catch (e) {
          if (e instanceof RepositoryUnavailableError) {
            return unknown(e.message);
          }
          throw e;
        }
      }
      return await checkDrift({
        executor,
        request: {
          environment,
          workingDirectory: path.join(repository, 'terraform'),
          repositoryRoot: repository,
          timeoutMs: settings.timeoutMs,
          signal,
          log: line => logger.debug(line, { environment, check: 'drift' }),
        },
        now: this.now,
      });
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }

  /**
   * Checks each entity in turn (one plan at a time on this host); a failure of one is logged and
   * the others go on. Resolves with how many ended in each status.
   */
  async checkAll(
    entities: Entity[],
    signal?: AbortSignal,
  ): Promise<Record<EnvironmentDrift['status'] | 'failed', number>> {
    const counts = { none: 0, drifted: 0, unknown: 0, failed: 0 };
    for (const entity of entities) {
      if (signal?.aborted) break;
      try {
        const drift = await this.check(entity, { signal });
        counts[drift.status]++;
      } catch (e) {
        counts.failed++;
        this.options.logger.warn('Drift check failed', {
          environment: entity.metadata.name,
          error: String(e),
        });
      }
    }
    return counts;
  }
}
