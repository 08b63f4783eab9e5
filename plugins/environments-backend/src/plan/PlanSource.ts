import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  environmentFormFromSpec,
  isTerraformExecutorName,
  type ApplyState,
  type EnvironmentSpecResponse,
  type PlanResponse,
} from '@terrace/plugin-environments-common';
import { repoFileUrl } from '../service/EstimateSource';
import {
  applyStateFromTask,
  type ScaffolderTaskEventLike,
  type ScaffolderTaskLike,
} from './applyState';
import { plannedResourceBlocks } from '@terrace/plugin-environments-node';
import { parse as parseYaml } from 'yaml';
import { plannedFromCostJson, withUnpricedBlocks } from './plannedResources';

/** How long one call to the scaffolder may take, in milliseconds. */
const SCAFFOLDER_TIMEOUT_MS = 5000;

/**
 * What a new environment's page shows before the cloud answers: the estimate and priced resources
 * of its repo's cost.json and every other resource block of its Terraform (generated from its
 * environment.yaml), both read with the backend's UrlReader at `backstage.io/source-location`, and
 * the apply state from the scaffolder task named by `terrace.dev/scaffolder-task-id`, read on
 * behalf of the caller (a task the caller may not read stays `unknown`). Never throws: what
 * cannot be read is said in `error` or the apply state's `message`.
 */
export class PlanSource {
  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async getPlan(input: {
    entityRef: string;
    sourceLocation?: string;
    taskId?: string;
    credentials: BackstageCredentials;
  }): Promise<PlanResponse> {
    const [planned, blocks, apply] = await Promise.all([
      this.planned(input.entityRef, input.sourceLocation),
      this.blocks(input.entityRef, input.sourceLocation),
      this.apply(input.taskId, input.credentials),
    ]);
    return {
      ...planned,
      ...(blocks && {
        resources: withUnpricedBlocks(planned.resources, blocks),
        resourceBlocks: blocks.length,
      }),
      apply,
      updatedAt: new Date().toISOString(),
    };
  }

  /**
   * The environment's current environment.yaml, read with the UrlReader at its source location,
   * and the Update environment form's data for it. Errors: NotFoundError when the entity has no
   * source location, or the file cannot be read or is not a YAML object (the message says which).
   */
  async getSpec(input: {
    entityRef: string;
    sourceLocation?: string;
    /** The entity's `terrace.dev/terraform-executor`: the form's "Plan with" starts on it. */
    executor?: string;
  }): Promise<EnvironmentSpecResponse> {
    const url = repoFileUrl(input.sourceLocation, 'environment.yaml');
    if (!url) {
      throw new NotFoundError(
        `${input.entityRef} has no backstage.io/source-location annotation, so its environment.yaml cannot be found`,
      );
    }
    let spec: unknown;
    try {
      const response = await this.options.urlReader.readUrl(url);
      spec = parseYaml((await response.buffer()).toString('utf8'));
    } catch (e) {
      throw new NotFoundError(
        `Could not read the environment.yaml of ${input.entityRef} at ${url}: ${
          (e as Error).message
        }`,
      );
    }
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      throw new NotFoundError(
        `The environment.yaml of ${input.entityRef} at ${url} is not a spec document`,
      );
    }
    return {
      spec: spec as Record<string, unknown>,
      formData: {
        ...(environmentFormFromSpec(spec) as Record<string, unknown>),
        // a change is planned by the executor that owns the environment unless the user picks another
        ...(isTerraformExecutorName(input.executor)
          ? { executor: input.executor }
          : {}),
      },
      url,
    };
  }

  /**
   * The resource blocks of the repo's Terraform, generated from its environment.yaml as
   * `terrace generate` wrote them; undefined (logged) when it cannot be read or generated.
   */
  private async blocks(entityRef: string, sourceLocation: string | undefined) {
    const url = repoFileUrl(sourceLocation, 'environment.yaml');
    if (!url) return undefined;
    try {
      const response = await this.options.urlReader.readUrl(url);
      const result = await plannedResourceBlocks(
        parseYaml((await response.buffer()).toString('utf8')),
      );
      if (result.ok) return result.blocks;
      this.options.logger.info('No resource blocks for environment', {
        entityRef,
        url,
        reason: result.reason,
      });
    } catch (e) {
      this.options.logger.info('No resource blocks for environment', {
        entityRef,
        url,
        error: String(e),
      });
    }
    return undefined;
  }

  private async planned(
    entityRef: string,
    sourceLocation: string | undefined,
  ): Promise<Pick<PlanResponse, 'estimate' | 'resources' | 'error'>> {
    const url = repoFileUrl(sourceLocation, 'cost.json');
    if (!url) {
      return {
        resources: [],
        error:
          'This entity has no backstage.io/source-location annotation, so its repository (and cost.json) cannot be found',
      };
    }
    try {
      const response = await this.options.urlReader.readUrl(url);
      const text = (await response.buffer()).toString('utf8');
      return plannedFromCostJson(text);
    } catch (e) {
      this.options.logger.info('No planned resources for environment', {
        entityRef,
        url,
        error: String(e),
      });
      return {
        resources: [],
        error: `Could not read the estimate at ${url}: ${
          (e as Error).name === 'NotFoundError'
            ? 'the repository has no cost.json'
            : (e as Error).message
        }`,
      };
    }
  }

  private async scaffolder<T>(path: string, token: string): Promise<T> {
    const base = await this.options.discovery.getBaseUrl('scaffolder');
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(SCAFFOLDER_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw Object.assign(
        new Error(`the scaffolder answered ${response.status}`),
        { status: response.status },
      );
    }
    return (await response.json()) as T;
  }

  private async apply(
    taskId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ApplyState> {
    if (!taskId) {
      return {
        state: 'unknown',
        message:
          'Not created from the Create environment template here (no terrace.dev/scaffolder-task-id annotation): the apply state is not known',
      };
    }
    try {
      const { token } = await this.options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'scaffolder',
      });
      const id = encodeURIComponent(taskId);
      const task = await this.scaffolder<ScaffolderTaskLike>(
        `/v2/tasks/${id}`,
        token,
      );
      // an open task has no events yet, and the events endpoint waits for one
      const events =
        task.status === 'open'
          ? []
          : await this.scaffolder<ScaffolderTaskEventLike[]>(
              `/v2/tasks/${id}/events`,
              token,
            );
      return applyStateFromTask(task, events);
    } catch (e) {
      const status = (e as { status?: number }).status;
      this.options.logger.info('Could not read the scaffolder task', {
        taskId,
        error: String(e),
      });
      let message = `Could not read the scaffolder task ${taskId}: ${
        (e as Error).message
      }`;
      if (status === 404) {
        // the scaffolder's cleanup removed it: there is nothing to link to
        return {
          state: 'unknown',
          message: `The scaffolder task ${taskId} that created this environment no longer exists`,
        };
      }
      if (status === 401 || status === 403) {
        message = `You may not read the scaffolder task ${taskId} that created this environment`;
      }
      return { state: 'unknown', taskId, message };
    }
  }
}
