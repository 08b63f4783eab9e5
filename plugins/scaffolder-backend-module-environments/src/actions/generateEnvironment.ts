import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  TERRAFORM_EXECUTORS,
  validateEnvironment,
  type Environment,
  type TerraformExecutorName,
} from '@terrace/plugin-environments-common';
import {
  defaultSizeCatalog,
  type ConfiguredAccounts,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import { examples } from './generateEnvironment.examples';
import { insideWorkspace } from './publishGit';
import { problemsError, rawSpecFromInputs, specInputSchema } from './specInput';
import { withUserFacingErrors } from './userErrors';

/** Files of the generated repository (contract section 2), by relative path. */
export type GeneratedFiles =
  | ReadonlyMap<string, string>
  | Record<string, string>
  | Array<{ path: string; content: string }>;

/** Produces the environment repository from a validated spec. */
export type EnvironmentRepoGenerator = (
  environment: Environment,
  options: {
    sourceLocation?: string;
    /** The scaffolder task creating it (absent in a dry run), for the entity's annotation. */
    taskId?: string;
    /** The account it is placed in (`terrace.dev/account-id`), checked against the configured ones. */
    accountId?: string;
    /** The executor that owns it (`terrace.dev/terraform-executor`): drift is checked with it. */
    executor?: TerraformExecutorName;
  },
) => GeneratedFiles | Promise<GeneratedFiles>;

function fileList(
  files: GeneratedFiles,
): Array<{ path: string; content: string }> {
  if (Array.isArray(files)) return files;
  const entries =
    files instanceof Map ? [...files.entries()] : Object.entries(files);
  return entries.map(([p, content]) => ({ path: p, content }));
}

/**
 * `terrace:environment:generate`: builds the spec from the form fields (or takes a spec or an
 * environment.yaml), validates it — every problem listed with its field path, nothing written —
 * and writes the environment repository of the contract into the workspace. Writing into the
 * task's own workspace is the same in a dry run, so the dry-run preview shows the files.
 */
export function createGenerateEnvironmentAction(options: {
  generate: EnvironmentRepoGenerator;
  /** The default source location of an environment, by name. */
  defaultSourceLocation?: (name: string) => string;
  /** The entity ref of an existing catalog entity with this environment's name, if any. */
  findExisting?: (name: string) => Promise<string | undefined>;
  /**
   * The accounts an environment may be placed in (`ConfiguredAccounts.fromConfig`); the
   * `accountId` input must be one of its cloud's. Without it, `accountId` is refused.
   */
  accounts?: ConfiguredAccounts;
  /** The clock a TTL (`expiresInDays`) counts from and validation reads today from; default: now. */
  now?: () => Date;
}) {
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:generate',
      description:
        'Validates an environment spec (from the form fields, a spec object or environment.yaml) and writes the generated environment repository into the workspace.',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          ...specInputSchema,
          sourceLocation: z =>
            z
              .string({
                description:
                  "Where the repository will live (the entity's backstage.io/source-location). Default: the local checkout terrace:git:publish makes",
              })
              .optional(),
          accountId: z =>
            z
              .string({
                description:
                  "The account the environment is placed in (AWS account id, Azure subscription, Google Cloud project): one the portal lists for the spec's cloud (aws.accounts). It becomes the entity's terrace.dev/account-id and, on AWS, part of the state bucket's name. Default: the only one, when the cloud has exactly one; required when it has several",
              })
              .optional(),
          executor: z =>
            z
              .enum(TERRAFORM_EXECUTORS, {
                description:
                  'The executor that will apply the environment (the form\'s "Apply with": local, ci or hcp). It becomes the entity\'s terrace.dev/terraform-executor, so drift is checked with it. Default: none recorded (drift checks then use terrace.terraform.executor)',
              })
              .optional(),
          allowExisting: z =>
            z
              .boolean({
                description:
                  'Regenerate an environment that is already in the catalog. Default: refuse a name that is taken',
              })
              .optional(),
          targetPath: z =>
            z
              .string({
                description:
                  'Folder of the workspace to write the repository to. Default: the workspace',
              })
              .optional(),
        },
        output: {
          name: z =>
            z.string({ description: 'metadata.name of the environment' }),
          entityRef: z =>
            z.string({
              description: 'The environment entity, resource:default/<name>',
            }),
          tier: z => z.string({ description: 'spec.tier' }),
          cloud: z => z.string({ description: 'spec.cloud' }),
          accountId: z =>
            z
              .string({
                description:
                  'The account the environment was placed in (terrace.dev/account-id); absent when its cloud has none configured',
              })
              .optional(),
          sourceLocation: z =>
            z
              .string({
                description:
                  "Where the repository will live (the entity's backstage.io/source-location). Default: the local checkout terrace:git:publish makes",
              })
              .optional(),
          targetPath: z =>
            z.string({
              description:
                'Where the repository was written, relative to the workspace',
            }),
          files: z =>
            z.array(z.string(), {
              description: 'Files written, relative to targetPath',
            }),
          spec: z =>
            z.record(z.string(), z.unknown(), {
              description: 'The validated spec',
            }),
        },
      },
      async handler(ctx) {
        const {
          targetPath = '.',
          sourceLocation,
          allowExisting: _allowExisting,
          accountId: requestedAccount,
          executor,
          ...specInputs
        } = ctx.input;
        const target = insideWorkspace(
          ctx.workspacePath,
          targetPath,
          'targetPath',
        );
        const now = options.now ?? (() => new Date());
        const raw = await rawSpecFromInputs(specInputs, ctx.workspacePath, {
          now,
        });
        const validation = validateEnvironment(raw, {
          sizes: defaultSizeCatalog,
          today: now().toISOString().slice(0, 10),
        });
        if (!validation.ok) {
          throw problemsError(
            'The environment spec is not valid',
            validation.problems,
          );
        }
        const environment = validation.environment;
        // checked before anything is written, like the spec
        let accountId: string | undefined;
        if (options.accounts) {
          accountId = options.accounts.choose(
            environment.spec.cloud,
            requestedAccount,
          );
        } else if (requestedAccount) {
          throw new InputError(
            `accountId: "${requestedAccount}" cannot be checked: no accounts are configured for this action`,
          );
        }
        if (!ctx.input.allowExisting && options.findExisting) {
          const existing = await options.findExisting(
            environment.metadata.name,
          );
          if (existing) {
            throw new InputError(
              `metadata.name: "${environment.metadata.name}" is taken: ${existing} is already in the catalog; choose another name`,
            );
          }
        }
        let generated: GeneratedFiles;
        try {
          generated = await options.generate(environment, {
            // an empty value (the template's GitHub expression when publishing locally) means default
            sourceLocation:
              sourceLocation ||
              options.defaultSourceLocation?.(environment.metadata.name),
            // the entity page reads the apply state from this task
            taskId: ctx.isDryRun ? undefined : ctx.task.id,
            accountId,
            executor,
          });
        } catch (e) {
          // a cloud the generator does not cover yet is the user's choice, not a server fault
          if (e instanceof TypeError && /not available yet/.test(e.message)) {
            throw new InputError(`spec.cloud: ${e.message}`);
          }
          throw e;
        }
        const files = fileList(generated);
        // check every path before writing any
        const resolved = files.map(f => {
          const out = path.resolve(target, f.path);
          const rel = path.relative(target, out);
          if (rel.startsWith('..') || path.isAbsolute(rel)) {
            throw new InputError(
              `generated file "${f.path}" would be written outside ${targetPath}`,
            );
          }
          return { ...f, out };
        });
        for (const f of resolved) {
          await fs.mkdir(path.dirname(f.out), { recursive: true });
          await fs.writeFile(f.out, f.content, 'utf8');
        }
        if (!files.some(f => f.path === 'environment.yaml')) {
          await fs.writeFile(
            path.join(target, 'environment.yaml'),
            yaml.stringify(environment),
            'utf8',
          );
        }
        const name = environment.metadata.name;
        ctx.logger.info(
          `Generated environment ${name} (${environment.spec.cloud}${
            accountId ? ` account ${accountId}` : ''
          }, ${environment.spec.tier}): ${files.length} files${
            ctx.isDryRun ? ' (dry run)' : ''
          }`,
        );
        ctx.output('name', name);
        ctx.output('entityRef', `resource:default/${name}`);
        ctx.output('tier', environment.spec.tier);
        ctx.output('cloud', environment.spec.cloud);
        if (accountId) ctx.output('accountId', accountId);
        ctx.output('targetPath', targetPath);
        ctx.output('files', files.map(f => f.path).sort());
        ctx.output('spec', environment as unknown as Record<string, unknown>);
      },
    }),
  );
}
