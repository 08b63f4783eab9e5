/**
 * The Terraform and publishing settings of the app config (`terrace.terraform`, `terrace.hcp`,
 * `terrace.publish`), read once for everyone who runs Terraform for an environment: the
 * scaffolder actions (apply) and the environments backend (drift checks).
 */
import os from 'node:os';
import path from 'node:path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CiTerraformExecutor } from '../terraform/ci';
import { HcpTerraformExecutor } from '../terraform/hcp';
import { LocalTerraformExecutor } from '../terraform/local';
import { EnvironmentLocks } from '../terraform/lock';
import type {
  TerraformExecutor,
  TerraformExecutorKind,
} from '../terraform/types';

/** @public Publishing settings (`terrace.publish`). */
export interface PublishSettings {
  localRoot: string;
  defaultBranch: string;
  authorName: string;
  authorEmail: string;
}

/** @public Terraform settings (`terrace.terraform`, `terrace.hcp`). */
export interface TerraformSettings {
  executor: TerraformExecutorKind;
  /** Executors a template may ask for; the configured one and `ci` by default. */
  allowedExecutors: TerraformExecutorKind[];
  binary: string;
  /** Host files the local executor adds to each run (`terrace.terraform.local`). */
  local: {
    overrideFiles: string[];
    backendConfigFiles: string[];
    awsEndpoint?: string;
  };
  timeoutMs: number;
  locks: EnvironmentLocks;
  hcp?: {
    address: string;
    token: string;
    organization: string;
    workspacePrefix: string;
  };
}

/**
 * @public `terrace.publish`: where local repositories live (`localRoot`, default
 * `<tmpdir>/terrace-repos`, resolved to an absolute path), their branch and commit author.
 */
export function readPublishSettings(config: Config): PublishSettings {
  return {
    localRoot: path.resolve(
      config.getOptionalString('terrace.publish.localRoot') ??
        path.join(os.tmpdir(), 'terrace-repos'),
    ),
    defaultBranch:
      config.getOptionalString('terrace.publish.defaultBranch') ?? 'main',
    authorName:
      config.getOptionalString('terrace.publish.authorName') ?? 'Terrace',
    authorEmail:
      config.getOptionalString('terrace.publish.authorEmail') ??
      'terrace@localhost',
  };
}

/**
 * @public `terrace.terraform` and `terrace.hcp`. Errors: throws naming the key when the executor
 * or an allowed executor is not local, ci or hcp, or `terrace.hcp` lacks its token or organization.
 */
export function readTerraformSettings(config: Config): TerraformSettings {
  const executor = (config.getOptionalString('terrace.terraform.executor') ??
    'ci') as TerraformExecutorKind;
  if (!['local', 'ci', 'hcp'].includes(executor)) {
    throw new Error(
      `terrace.terraform.executor must be local, ci or hcp, not "${executor}"`,
    );
  }
  const hcpConfig = config.getOptionalConfig('terrace.hcp');
  const allowed = (config.getOptionalStringArray(
    'terrace.terraform.allowedExecutors',
  ) ?? [executor, 'ci']) as TerraformExecutorKind[];
  for (const kind of allowed) {
    if (!['local', 'ci', 'hcp'].includes(kind)) {
      throw new Error(
        `terrace.terraform.allowedExecutors: "${kind}" is not local, ci or hcp`,
      );
    }
  }
  return {
    executor,
    allowedExecutors: [...new Set(allowed)],
    binary: config.getOptionalString('terrace.terraform.binary') ?? 'terraform',
    local: {
      overrideFiles:
        config.getOptionalStringArray(
          'terrace.terraform.local.overrideFiles',
        ) ?? [],
      backendConfigFiles:
        config.getOptionalStringArray(
          'terrace.terraform.local.backendConfigFiles',
        ) ?? [],
      awsEndpoint: config.getOptionalString(
        'terrace.terraform.local.awsEndpoint',
      ),
    },
    timeoutMs:
      (config.getOptionalNumber('terrace.terraform.timeoutMinutes') ?? 30) *
      60_000,
    locks: new EnvironmentLocks(
      config.getOptionalString('terrace.terraform.lockDirectory'),
    ),
    hcp: hcpConfig
      ? {
          address:
            hcpConfig.getOptionalString('address') ??
            'https://app.terraform.io',
          token: hcpConfig.getString('token'),
          organization: hcpConfig.getString('organization'),
          workspacePrefix:
            hcpConfig.getOptionalString('workspacePrefix') ?? 'terrace-',
        }
      : undefined,
  };
}

/**
 * @public Builds the executor of that kind from the settings; `lockOwner` is shown to a second
 * caller of the same environment. Errors: `InputError` for `hcp` without `terrace.hcp`.
 */
export function createExecutor(
  kind: TerraformExecutorKind,
  settings: TerraformSettings,
  lockOwner?: string,
): TerraformExecutor {
  switch (kind) {
    case 'local':
      return new LocalTerraformExecutor({
        binary: settings.binary,
        ...settings.local,
        locks: settings.locks,
        lockOwner,
      });
    case 'hcp':
      if (!settings.hcp) {
        throw new InputError(
          'executor "hcp" needs terrace.hcp.token and terrace.hcp.organization in the app config',
        );
      }
      return new HcpTerraformExecutor({ ...settings.hcp, guard: false });
    default:
      return new CiTerraformExecutor();
  }
}
