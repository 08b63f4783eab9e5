/**
 * The local executor: Terraform on the Backstage host. Guard → lock → init → plan (saved) →
 * summary → apply of that plan → outputs. Only for configuration Terrace generated.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertSafeConfiguration } from './guard';
import { EnvironmentLocks } from './lock';
import { SecretMasker } from './mask';
import { writeAwsEmulatorFiles } from './aws/emulator';
import {
  checkLocalRunFiles,
  LocalRunFiles,
  placeOverrideFiles,
} from './overrides';
import { runCommand } from './process';
import {
  formatPlanSummary,
  TerraformExecutor,
  TerraformOutput,
  TerraformPlanSummary,
  TerraformRunRequest,
  TerraformRunResult,
} from './types';
import { collectSecretValues } from './variables';

/**
 * Host variables Terraform may see; nothing else of the host's environment is passed on. Of
 * AWS's, only where the host's profile files are and which profile to use (no keys): a host set
 * up with a profile (or instance credentials) lets Terraform use it, while keys in the backend's
 * own environment never reach a run.
 */
const PASSED_THROUGH = [
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'TF_PLUGIN_CACHE_DIR',
  'TF_CLI_CONFIG_FILE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

/** @public */
export interface LocalTerraformExecutorOptions extends LocalRunFiles {
  /**
   * `terraform` or `tofu` (a name on PATH or an absolute path); the log's first line is its
   * `version` answer, e.g. `Terraform v1.5.7` or `OpenTofu v1.12.6`.
   */
  binary?: string;
  locks?: EnvironmentLocks;
  /** Grace period between interrupt and terminate when a run is stopped. */
  killGraceMs?: number;
  /** Who takes the lock, shown to a second caller, e.g. a task id. */
  lockOwner?: string;
}

/** @internal Counts a saved plan's changes the way Terraform's own summary line does. */
export function summarisePlan(planJson: string): TerraformPlanSummary {
  const plan = JSON.parse(planJson) as {
    resource_changes?: Array<{
      address: string;
      change: { actions: string[] };
    }>;
  };
  const summary: TerraformPlanSummary = {
    add: 0,
    change: 0,
    destroy: 0,
    resources: [],
  };
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.includes('create')) summary.add++;
    if (actions.includes('delete')) summary.destroy++;
    if (actions.includes('update')) summary.change++;
    if (actions.some(a => a === 'create' || a === 'delete' || a === 'update')) {
      summary.resources.push({ address: rc.address, actions });
    }
  }
  return summary;
}

/** @public */
export class LocalTerraformExecutor implements TerraformExecutor {
  readonly kind = 'local' as const;
  private readonly binary: string;
  private readonly locks: EnvironmentLocks;

  constructor(private readonly options: LocalTerraformExecutorOptions = {}) {
    this.binary = options.binary ?? 'terraform';
    this.locks = options.locks ?? new EnvironmentLocks();
  }

  async run(request: TerraformRunRequest): Promise<TerraformRunResult> {
    const cwd = path.resolve(request.workingDirectory);
    // Refuse before anything runs, not even `init` (which can fetch and run code).
    await assertSafeConfiguration(cwd, request.repositoryRoot);
    const files = await checkLocalRunFiles(this.options);

    const masker = new SecretMasker(
      await collectSecretValues({
        workingDirectory: cwd,
        variables: request.variables,
        env: request.env,
      }),
    );
    const log = request.log;
    const deadline = request.timeoutMs
      ? Date.now() + request.timeoutMs
      : undefined;
    const env: NodeJS.ProcessEnv = {};
    for (const name of PASSED_THROUGH) {
      if (process.env[name] !== undefined) env[name] = process.env[name];
    }
    Object.assign(env, request.env ?? {}, {
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      // no version check against checkpoint-api.hashicorp.com
      CHECKPOINT_DISABLE: '1',
    });
    for (const [name, value] of Object.entries(request.variables ?? {})) {
      env[`TF_VAR_${name}`] = value;
    }
    const terraform = (
      args: string[],
      extra: {
        quiet?: boolean;
        capture?: boolean;
        successExitCodes?: number[];
      } = {},
    ) =>
      runCommand({
        binary: this.binary,
        args,
        cwd,
        env,
        masker,
        log,
        deadline,
        signal: request.signal,
        killGraceMs: this.options.killGraceMs,
        quiet: extra.quiet,
        captureStdout: extra.capture,
        successExitCodes: extra.successExitCodes,
      });

    const lock = await this.locks.acquire(
      request.environment,
      this.options.lockOwner,
    );
    let removeOverrides = async () => {};
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-plan-'));
    try {
      const version = await terraform(['version'], {
        quiet: true,
        capture: true,
      });
      const versionLine = version.stdout.split('\n')[0];
      log(versionLine);
      // Host-side overrides (e.g. an emulator's endpoints) sit beside the generated files for
      // this run only, and go through the same guard.
      const overrideFiles = [...files.overrideFiles];
      const backendConfigFiles = [...files.backendConfigFiles];
      if (files.awsEndpoint) {
        const emulator = await writeAwsEmulatorFiles({
          workingDirectory: cwd,
          scratch,
          endpoint: files.awsEndpoint,
          versionLine,
        });
        overrideFiles.push(...emulator.overrideFiles);
        backendConfigFiles.push(...emulator.backendConfigFiles);
        log(`AWS calls of this run go to ${files.awsEndpoint}`);
      }
      removeOverrides = await placeOverrideFiles(cwd, overrideFiles);
      if (overrideFiles.length > 0) {
        await assertSafeConfiguration(cwd, request.repositoryRoot);
      }
      const planFile = path.join(scratch, 'tfplan');
      log(`$ ${this.binary} init`);
      await terraform([
        'init',
        '-input=false',
        '-no-color',
        ...backendConfigFiles.map(f => `-backend-config=${f}`),
      ]);
      const detailed = !!request.detailedExitCode;
      log(
        `$ ${this.binary} plan${request.destroy ? ' -destroy' : ''}${
          detailed ? ' -detailed-exitcode' : ''
        }`,
      );
      // -detailed-exitcode: 0 no changes, 2 changes (both a finished plan), 1 an error
      const planned = await terraform(
        [
          'plan',
          '-input=false',
          '-no-color',
          `-out=${planFile}`,
          ...(request.destroy ? ['-destroy'] : []),
          ...(detailed ? ['-detailed-exitcode'] : []),
        ],
        detailed ? { successExitCodes: [0, 2] } : {},
      );
      // The JSON plan holds sensitive values in clear: read it, never log it.
      const shown = await terraform(['show', '-json', '-no-color', planFile], {
        quiet: true,
        capture: true,
      });
      const plan = summarisePlan(shown.stdout);
      const summary = formatPlanSummary(plan);
      log(summary);
      if (detailed) {
        return {
          executor: 'local',
          status: 'planned',
          message: summary,
          plan,
          changes: planned.exitCode === 2,
        };
      }
      if (request.planOnly) {
        return { executor: 'local', status: 'planned', message: summary, plan };
      }
      log(`$ ${this.binary} apply`);
      await terraform([
        'apply',
        '-input=false',
        '-no-color',
        '-auto-approve',
        planFile,
      ]);
      const outputs = await this.outputs(terraform);
      return {
        executor: 'local',
        status: 'applied',
        message: `Applied. ${summary}`,
        plan,
        outputs,
      };
    } finally {
      await removeOverrides();
      await fs.rm(scratch, { recursive: true, force: true });
      await lock.release();
    }
  }

  private async outputs(
    terraform: (
      args: string[],
      extra: { quiet?: boolean; capture?: boolean },
    ) => Promise<{ stdout: string }>,
  ): Promise<Record<string, TerraformOutput>> {
    const { stdout } = await terraform(['output', '-json', '-no-color'], {
      quiet: true,
      capture: true,
    });
    const raw = JSON.parse(stdout || '{}') as Record<
      string,
      { sensitive: boolean; value: unknown }
    >;
    const outputs: Record<string, TerraformOutput> = {};
    for (const [name, o] of Object.entries(raw)) {
      outputs[name] = o.sensitive
        ? { sensitive: true }
        : { sensitive: false, value: o.value };
    }
    return outputs;
  }
}
