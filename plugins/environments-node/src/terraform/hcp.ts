/**
 * The hcp executor: HCP Terraform / Terraform Enterprise runs Terraform, through its API.
 * Workspace (found or created) → variables → configuration version → upload of the
 * configuration as a tar.gz → run → poll → plan and apply logs (masked) into the task log.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { create as createTar } from 'tar';
import { assertSafeConfiguration } from './guard';
import { SecretMasker } from './mask';
import { TerraformCommandError, TerraformTimeoutError } from './process';
import {
  formatPlanSummary,
  TerraformExecutor,
  TerraformPlanSummary,
  TerraformRunRequest,
  TerraformRunResult,
} from './types';
import { collectSecretValues, sensitiveVariableNames } from './variables';

/** @public */
export interface HcpTerraformExecutorOptions {
  /** e.g. `https://app.terraform.io`, or a Terraform Enterprise address. */
  address: string;
  token: string;
  organization: string;
  /** Workspace name = prefix + environment name. */
  workspacePrefix?: string;
  /** Poll interval in milliseconds. */
  pollIntervalMs?: number;
  /** When true, also check the configuration like the local executor does before upload. */
  guard?: boolean;
  fetch?: typeof fetch;
}

const FINISHED_OK = new Set([
  'applied',
  'planned_and_finished',
  'planned_and_saved',
]);
const FINISHED_BAD = new Set([
  'errored',
  'discarded',
  'canceled',
  'force_canceled',
]);
/** Run statuses after the plan phase: its log is complete. */
const PLAN_DONE = new Set([
  'planned',
  'cost_estimated',
  'policy_checked',
  'confirmed',
  'apply_queued',
  'applying',
  'applied',
]);

type JsonApi = { data: any; included?: any[] };

/** @public */
export class HcpTerraformExecutor implements TerraformExecutor {
  readonly kind = 'hcp' as const;
  private readonly fetch: typeof fetch;
  private readonly api: string;

  constructor(private readonly options: HcpTerraformExecutorOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.api = `${options.address.replace(/\/+$/, '')}/api/v2`;
  }

  private async call(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<JsonApi> {
    const response = await this.fetch(
      url.startsWith('http') ? url : `${this.api}${url}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          'Content-Type': 'application/vnd.api+json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      const err = new TerraformCommandError(
        `HCP Terraform ${method} ${url} answered ${
          response.status
        }: ${text.slice(0, 300)}`,
        null,
        [],
      );
      (err as any).status = response.status;
      throw err;
    }
    return response.status === 204
      ? { data: undefined }
      : ((await response.json()) as JsonApi);
  }

  private async workspace(name: string): Promise<string> {
    const org = encodeURIComponent(this.options.organization);
    try {
      const found = await this.call(
        'GET',
        `/organizations/${org}/workspaces/${encodeURIComponent(name)}`,
      );
      return found.data.id;
    } catch (e) {
      if ((e as any).status !== 404) throw e;
    }
    const created = await this.call(
      'POST',
      `/organizations/${org}/workspaces`,
      {
        data: { type: 'workspaces', attributes: { name, 'auto-apply': false } },
      },
    );
    return created.data.id;
  }

  private async setVariables(
    workspaceId: string,
    request: TerraformRunRequest,
    sensitive: Set<string>,
  ) {
    const existing = await this.call('GET', `/workspaces/${workspaceId}/vars`);
    const byKey = new Map<string, string>(
      (existing.data ?? []).map((v: any) => [
        `${v.attributes.category}:${v.attributes.key}`,
        v.id,
      ]),
    );
    const wanted: Array<{
      key: string;
      value: string;
      category: 'terraform' | 'env';
      sensitive: boolean;
    }> = [
      ...Object.entries(request.variables ?? {}).map(([key, value]) => ({
        key,
        value,
        category: 'terraform' as const,
        sensitive: sensitive.has(key),
      })),
      ...Object.entries(request.env ?? {}).map(([key, value]) => ({
        key,
        value,
        category: 'env' as const,
        sensitive: true,
      })),
    ];
    for (const v of wanted) {
      const id = byKey.get(`${v.category}:${v.key}`);
      const body = {
        data: { type: 'vars', ...(id ? { id } : {}), attributes: v },
      };
      if (id) {
        await this.call('PATCH', `/workspaces/${workspaceId}/vars/${id}`, body);
      } else {
        await this.call('POST', `/workspaces/${workspaceId}/vars`, body);
      }
    }
  }

  private async upload(url: string, directory: string) {
    const chunks: Buffer[] = [];
    const stream = createTar(
      {
        gzip: true,
        cwd: directory,
        portable: true,
        filter: p => !p.split('/').includes('.terraform'),
      },
      ['.'],
    ) as unknown as Readable;
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    const response = await this.fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.concat(chunks),
    });
    if (!response.ok) {
      throw new TerraformCommandError(
        `Uploading the configuration to HCP Terraform failed: ${response.status}`,
        null,
        [],
      );
    }
  }

  /**
   * Emits the lines of a plan or apply log not emitted before. The log grows while the phase
   * runs; a trailing partial line waits for the next call unless the phase has finished.
   */
  private async followLog(
    url: string | undefined,
    state: { emitted: number },
    final: boolean,
    masker: SecretMasker,
    log: (l: string) => void,
  ) {
    if (!url) return;
    const response = await this.fetch(url);
    if (!response.ok) return;
    // HCP wraps its logs in STX/ETX control characters
    const text = (await response.text())
      .split('\u0002')
      .join('')
      .split('\u0003')
      .join('');
    const lines = text.split(/\r?\n/);
    const complete = final ? lines : lines.slice(0, -1);
    for (const line of complete.slice(state.emitted)) {
      if (line.length > 0) log(masker.mask(line));
    }
    state.emitted = Math.max(state.emitted, complete.length);
  }

  async run(request: TerraformRunRequest): Promise<TerraformRunResult> {
    const cwd = path.resolve(request.workingDirectory);
    if (this.options.guard) {
      await assertSafeConfiguration(cwd, request.repositoryRoot);
    }
    const masker = new SecretMasker([
      ...(await collectSecretValues({
        workingDirectory: cwd,
        variables: request.variables,
        env: request.env,
      })),
      this.options.token,
    ]);
    const log = request.log;
    const deadline = request.timeoutMs
      ? Date.now() + request.timeoutMs
      : undefined;
    const name = `${this.options.workspacePrefix ?? ''}${request.environment}`;

    const workspaceId = await this.workspace(name);
    log(
      `HCP Terraform workspace ${this.options.organization}/${name} (${workspaceId})`,
    );
    await this.setVariables(
      workspaceId,
      request,
      await sensitiveVariableNames(cwd),
    );

    const cv = await this.call(
      'POST',
      `/workspaces/${workspaceId}/configuration-versions`,
      {
        data: {
          type: 'configuration-versions',
          attributes: { 'auto-queue-runs': false, speculative: false },
        },
      },
    );
    await this.upload(cv.data.attributes['upload-url'], cwd);
    for (;;) {
      const status = (
        await this.call('GET', `/configuration-versions/${cv.data.id}`)
      ).data.attributes.status;
      if (status === 'uploaded') break;
      if (status === 'errored') {
        throw new TerraformCommandError(
          'HCP Terraform could not process the uploaded configuration',
          null,
          [],
        );
      }
      await this.wait(deadline, request.signal);
    }
    log(`Uploaded configuration version ${cv.data.id}`);

    const run = await this.call('POST', '/runs', {
      data: {
        type: 'runs',
        attributes: {
          message: `Terrace: ${request.destroy ? 'destroy' : 'apply'} ${
            request.environment
          }`,
          'plan-only': !!request.planOnly,
          'is-destroy': !!request.destroy,
          'auto-apply': !request.planOnly,
        },
        relationships: {
          workspace: { data: { type: 'workspaces', id: workspaceId } },
          'configuration-version': {
            data: { type: 'configuration-versions', id: cv.data.id },
          },
        },
      },
    });
    const runId: string = run.data.id;
    const runUrl = `${this.options.address.replace(/\/+$/, '')}/app/${
      this.options.organization
    }/workspaces/${name}/runs/${runId}`;
    log(`Run ${runId}: ${runUrl}`);

    let current = run;
    const planLog = { emitted: 0 };
    const applyLog = { emitted: 0 };
    const follow = async (final: boolean) => {
      const planId = current.data.relationships?.plan?.data?.id;
      const applyId = current.data.relationships?.apply?.data?.id;
      const status = current.data.attributes.status as string;
      let planAttributes: any;
      if (planId) {
        planAttributes = (await this.call('GET', `/plans/${planId}`)).data
          .attributes;
        const planDone = final || PLAN_DONE.has(status);
        await this.followLog(
          planAttributes['log-read-url'],
          planLog,
          planDone,
          masker,
          log,
        );
      }
      if (
        applyId &&
        (status === 'applying' ||
          status === 'applied' ||
          (final && status === 'errored'))
      ) {
        const a = (await this.call('GET', `/applies/${applyId}`)).data
          .attributes;
        await this.followLog(a['log-read-url'], applyLog, final, masker, log);
      }
      return planAttributes;
    };
    const finished = () =>
      FINISHED_OK.has(current.data.attributes.status) ||
      FINISHED_BAD.has(current.data.attributes.status);
    try {
      while (!finished()) {
        await this.wait(deadline, request.signal);
        current = await this.call('GET', `/runs/${runId}?include=plan,apply`);
        if (!finished()) await follow(false);
      }
    } catch (e) {
      if (e instanceof TerraformTimeoutError) {
        log(`Cancelling run ${runId}: ${e.message}`);
        await this.call('POST', `/runs/${runId}/actions/cancel`, {
          comment: e.message,
        }).catch(() => {});
      }
      throw e;
    }

    const p = await follow(true);
    const plan: TerraformPlanSummary | undefined = p
      ? {
          add: p['resource-additions'] ?? 0,
          change: p['resource-changes'] ?? 0,
          destroy: p['resource-destructions'] ?? 0,
          resources: [],
        }
      : undefined;
    const status = current.data.attributes.status as string;
    if (FINISHED_BAD.has(status)) {
      throw new TerraformCommandError(
        `HCP Terraform run ${runId} ended ${status}: ${runUrl}`,
        null,
        [],
      );
    }
    const summary = plan ? formatPlanSummary(plan) : 'No plan summary';
    return {
      executor: 'hcp',
      status: status === 'applied' ? 'applied' : 'planned',
      message: status === 'applied' ? `Applied. ${summary}` : summary,
      plan,
      runUrl,
    };
  }

  private wait(deadline: number | undefined, signal?: AbortSignal) {
    if (signal?.aborted)
      return Promise.reject(new TerraformTimeoutError('the run was cancelled'));
    if (deadline !== undefined && Date.now() >= deadline) {
      return Promise.reject(
        new TerraformTimeoutError('the time limit was reached'),
      );
    }
    return new Promise<void>(resolve =>
      setTimeout(resolve, this.options.pollIntervalMs ?? 2000),
    );
  }
}
