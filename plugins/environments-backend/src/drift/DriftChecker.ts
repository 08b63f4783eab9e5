import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TERRAFORM_EXECUTOR,
  isTerraformExecutorName,
  TERRAFORM_EXECUTORS,
  type EnvironmentDrift,
  type EnvironmentEvent,
  type TerraformExecutorName,
} from '@terrace/plugin-environments-common';
import {
  CI_DRIFT_REASON,
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

/**
 * @public Reads the drift of a `ci` environment from its repository's checks (the generated
 * workflow's scheduled drift job), e.g. `GithubChecksDriftReader`. Never rejects: a result
 * it cannot read is `unknown` with why.
 */
export interface CiDriftReader {
  read(
    environment: string,
    sourceLocation: string | undefined,
  ): Promise<EnvironmentDrift>;
}

/** @public What a drift check needs. */
export interface DriftCheckerOptions {
  /**
   * `terrace.terraform` / `terrace.hcp`: the binary, host files, locks and HCP organization of the
   * executors, and the executor used for an entity that does not record its own.
   */
  settings: TerraformSettings;
  /** Reads `ci` environments' drift from their repository's checks; without it they are `unknown`. */
  ci?: CiDriftReader;
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
 * Checks environments for drift with the executor that owns each (the entity's
 * `terrace.dev/terraform-executor`; an entity made before it was recorded falls back to
 * `terrace.terraform.executor`, and the drift's `reason` says so): `local` and `hcp` clone the
 * entity's local repository (`backstage.io/source-location`) to a temporary folder and plan it
 * (`checkDrift`: plan -detailed-exitcode on the local runner, a plan-only run on HCP Terraform);
 * `ci` reads the workflow's drift job from the repository's checks (`options.ci`). Stores the
 * result as the environment's latest check and records a history entry when it turned drifted.
 * A repository that cannot be fetched, or an annotation naming no executor, is `unknown` with why.
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
    const { settings } = this.options;
    const unknown = (reason: string): EnvironmentDrift => ({
      environment,
      status: 'unknown',
      checkedAt: this.now().toISOString(),
      reason,
    });
    const recorded =
      entity.metadata.annotations?.[ANNOTATION_TERRAFORM_EXECUTOR];
    if (recorded !== undefined && !isTerraformExecutorName(recorded)) {
      return unknown(
        `${ANNOTATION_TERRAFORM_EXECUTOR}: "${recorded}" is not an executor (${TERRAFORM_EXECUTORS.join(
          ', ',
        )})`,
      );
    }
    const kind: TerraformExecutorName = recorded ?? settings.executor;
    const drift = await this.planWith(kind, entity, signal);
    if (recorded !== undefined) return drift;
    // an entity made before Terrace recorded the executor that owns it
    const fallback = `checked with the configured executor ${kind} (terrace.terraform.executor): the entity does not record the executor that owns it (${ANNOTATION_TERRAFORM_EXECUTOR})`;
    return {
      ...drift,
      reason: drift.reason ? `${drift.reason}; ${fallback}` : fallback,
    };
  }

  private async planWith(
    kind: TerraformExecutorName,
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
    const sourceLocation =
      entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
    if (kind === 'ci') {
      return this.options.ci
        ? this.options.ci.read(environment, sourceLocation)
        : unknown(CI_DRIFT_REASON);
    }
    let executor: TerraformExecutor;
    try {
      executor = createExecutor(kind, settings, 'drift check');
    } catch (e) {
      return unknown((e as Error).message);
    }
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-drift-'));
    try {
      const repository = path.join(scratch, 'repository');
      try {
        await cloneLocalRepository(
          sourceLocation,
          this.options.localRoot,
          repository,
        );
      } catch (e) {
        if (e instanceof RepositoryUnavailableError) {
          return unknown(e.message);
        }
        throw e;
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
