import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
  type GithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import type { EnvironmentDrift } from '@terrace/plugin-environments-common';
import {
  WORKFLOW_DRIFT_ANNOTATION,
  WORKFLOW_DRIFT_ERROR_ANNOTATION,
  WORKFLOW_DRIFT_JOB,
} from '@terrace/plugin-environments-node';

/** The workflow file whose scheduled drift job the checks come from. */
const WORKFLOW = '.github/workflows/terraform.yml';

/** One check run as GitHub's "List check runs for a Git reference" returns it (the fields read). */
interface CheckRun {
  id: number;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  html_url: string | null;
  output?: { annotations_count?: number };
}

/** Thrown inside the reader for an answer that makes the drift `unknown`; the message says why. */
class UnknownDrift extends Error {}

/**
 * `owner/repo` of a source location such as `url:https://github.com/acme/shop-dev` (a trailing
 * `/`, `.git` or `/tree/<branch>/…` allowed); undefined when the path names no repository.
 */
function repositoryOf(url: URL): { owner: string; repo: string } | undefined {
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) return undefined;
  return { owner, repo: repo.replace(/\.git$/, '') };
}

/**
 * The resources of a {@link WORKFLOW_DRIFT_ANNOTATION} message: one `<address> (<action>, …)` per
 * line. Undefined when a line is not of that form (the message then becomes the reason).
 */
function resourcesOf(
  message: string,
): Array<{ address: string; actions: string[] }> | undefined {
  const resources: Array<{ address: string; actions: string[] }> = [];
  for (const line of message.split('\n').map(l => l.trim())) {
    if (!line) continue;
    const m = /^(\S.*) \(([a-z-]+(?:, [a-z-]+)*)\)$/.exec(line);
    if (!m) return undefined;
    resources.push({ address: m[1], actions: m[2].split(', ') });
  }
  return resources.length > 0 ? resources : undefined;
}

function httpStatusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Reads the drift of an environment applied by the `ci` executor from its GitHub repository's
 * checks: the latest completed check run of the generated workflow's scheduled drift job
 * (`drift`, {@link WORKFLOW_DRIFT_JOB}) on the repository's default branch, through the GitHub
 * integration configured for the repository's host (`integrations.github`: its `apiBaseUrl` and a
 * token or GitHub App, by Backstage's `DefaultGithubCredentialsProvider`).
 *
 * `success` → `none`; `failure` → `drifted`, with the resources the job listed in its
 * `terraform drift` annotation (a workflow generated before that has none: the reason links
 * the run), except when the job's `terraform drift check failed` annotation says the plan itself
 * failed (→ `unknown` with Terraform's error); any other conclusion, a run still going, no run
 * yet (a push's run skips the drift job, so skipped runs are passed over), a location that is not
 * a GitHub repository of a configured integration, or an error answer from GitHub → `unknown`
 * with why. `checkedAt` is when the job completed (now for `unknown`).
 */
export class GithubChecksDriftReader {
  private readonly now: () => Date;

  /** The reader over the app config's `integrations` (Backstage's ScmIntegrations). */
  static fromConfig(
    config: Config,
    options: { now?: () => Date } = {},
  ): GithubChecksDriftReader {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubChecksDriftReader({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      now: options.now,
    });
  }

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials: GithubCredentialsProvider;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The drift of `environment` (its name) whose repository is at `sourceLocation` (the entity's
   * `backstage.io/source-location`, e.g. `url:https://github.com/acme/shop-dev`). Never rejects:
   * every failure is an `unknown` drift whose `reason` says why.
   */
  async read(
    environment: string,
    sourceLocation: string | undefined,
  ): Promise<EnvironmentDrift> {
    try {
      return await this.readChecks(environment, sourceLocation);
    } catch (e) {
      const reason =
        e instanceof UnknownDrift
          ? e.message
          : `the drift job's checks could not be read from GitHub: ${
              (e as Error).message
            }`;
      return {
        environment,
        status: 'unknown',
        checkedAt: this.now().toISOString(),
        reason,
      };
    }
  }

  private async readChecks(
    environment: string,
    sourceLocation: string | undefined,
  ): Promise<EnvironmentDrift> {
    if (!sourceLocation) {
      throw new UnknownDrift(
        "the entity has no backstage.io/source-location annotation, so its repository's checks cannot be found",
      );
    }
    const location = sourceLocation.replace(/^url:/, '');
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new UnknownDrift(
        `the source location ${location} is not a URL, so its repository's checks cannot be found`,
      );
    }
    if (url.protocol === 'file:') {
      throw new UnknownDrift(
        `the ci executor's drift job runs in the repository's workflow (${WORKFLOW}), but ${location} is a local git repository, where no workflow runs: publish the environment to GitHub, or check it with the local or hcp executor`,
      );
    }
    const integration = this.options.integrations.github.byUrl(url.href);
    if (!integration) {
      throw new UnknownDrift(
        `no GitHub integration is configured for ${url.host} (integrations.github), so the drift job's checks in ${location} cannot be read`,
      );
    }
    const repository = repositoryOf(url);
    if (!repository) {
      throw new UnknownDrift(
        `the source location ${location} names no repository (https://${url.host}/<owner>/<repository>)`,
      );
    }
    const { owner, repo } = repository;
    const { token } = await this.options.credentials.getCredentials({
      url: `https://${url.host}/${owner}/${repo}`,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
    });
    const call = async <T>(what: string, fn: () => Promise<T>) => {
      try {
        return await fn();
      } catch (e) {
        const status = httpStatusOf(e);
        throw new UnknownDrift(
          `GitHub answered ${
            status ?? 'an error'
          } for ${what} of ${owner}/${repo}: ${(e as Error).message}`,
        );
      }
    };

    const branch = (
      await call('the repository', () =>
        octokit.rest.repos.get({ owner, repo }),
      )
    ).data.default_branch;
    // filter=all: a push's workflow run adds a skipped drift check run to the same commit
    const runs = (
      await call(`the ${WORKFLOW_DRIFT_JOB} check runs`, () =>
        octokit.rest.checks.listForRef({
          owner,
          repo,
          ref: branch,
          check_name: WORKFLOW_DRIFT_JOB,
          filter: 'all',
          per_page: 100,
        }),
      )
    ).data.check_runs as CheckRun[];
    const latest = runs
      .filter(r => r.conclusion !== 'skipped')
      .sort((a, b) =>
        (b.completed_at ?? b.started_at ?? '').localeCompare(
          a.completed_at ?? a.started_at ?? '',
        ),
      )[0];
    if (!latest) {
      throw new UnknownDrift(
        `the drift job (${WORKFLOW}, job ${WORKFLOW_DRIFT_JOB}) has not run on the latest commit of ${branch} yet: it runs on the workflow's schedule`,
      );
    }
    const link = latest.html_url ?? `check run ${latest.id}`;
    if (latest.status !== 'completed') {
      throw new UnknownDrift(
        `the drift job is ${latest.status.replace(/_/g, ' ')}${
          latest.started_at ? ` (started ${latest.started_at})` : ''
        }: ${link}`,
      );
    }
    const checkedAt = latest.completed_at ?? this.now().toISOString();
    if (latest.conclusion === 'success') {
      return { environment, status: 'none', checkedAt };
    }
    if (latest.conclusion !== 'failure') {
      throw new UnknownDrift(
        `the drift job's latest run ended ${
          latest.conclusion ?? 'without a conclusion'
        }: ${link}`,
      );
    }
    const annotations = latest.output?.annotations_count
      ? (
          await call('the drift check run annotations', () =>
            octokit.rest.checks.listAnnotations({
              owner,
              repo,
              check_run_id: latest.id,
              per_page: 100,
            }),
          )
        ).data
      : [];
    const failed = annotations.find(
      a => a.title === WORKFLOW_DRIFT_ERROR_ANNOTATION,
    );
    if (failed) {
      throw new UnknownDrift(
        `the drift job's terraform plan failed: ${
          failed.message ?? ''
        } (${link})`,
      );
    }
    const drift = annotations.find(a => a.title === WORKFLOW_DRIFT_ANNOTATION);
    const resources = drift?.message ? resourcesOf(drift.message) : undefined;
    if (resources) {
      return { environment, status: 'drifted', checkedAt, resources };
    }
    return {
      environment,
      status: 'drifted',
      checkedAt,
      reason: drift?.message
        ? `${drift.message} (${link})`
        : `the drift job failed without listing the changed resources (a workflow generated before Terrace listed them, or a step before the plan failed): ${link}`,
    };
  }
}
