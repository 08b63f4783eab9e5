import { InvalidArgumentError, type Command } from 'commander';
import {
  TERRAFORM_EXECUTORS,
  isTerraformExecutorName,
  resolveEnvironment,
  type TerraformExecutorName,
  type Environment,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { loadAndValidateSpec } from '../spec';
import { printProblems, type CliIo } from './io';
import { writeGeneratedRepo } from './writeRepo';

/**
 * Produces the environment repo's files (path relative to the repo root → content). `executor`,
 * when given, is recorded in catalog-info.yaml as the environment's owner
 * (`terrace.dev/terraform-executor`: drift is checked with it).
 */
export type RepoGenerator = (
  resolved: ResolvedEnvironment,
  options: { spec: Environment; executor?: TerraformExecutorName },
) => ReadonlyMap<string, string> | Promise<ReadonlyMap<string, string>>;

function parseExecutor(value: string): TerraformExecutorName {
  if (!isTerraformExecutorName(value)) {
    throw new InvalidArgumentError(
      `--executor must be one of ${TERRAFORM_EXECUTORS.join(', ')}`,
    );
  }
  return value;
}

/**
 * `terrace generate <environment.yaml> --out <dir> [--force] [--executor local|ci|hcp]`: validates,
 * resolves, generates the whole repo in memory, then writes it. `--executor` records who applies
 * the environment (the Create form's "Apply with") in its catalog entity. Invalid input: exit 1,
 * nothing written.
 */
export function registerGenerate(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
  generator: () => RepoGenerator,
) {
  program
    .command('generate')
    .description(
      'Write the environment repo (Terraform, catalog entity, README, cost, workflow)',
    )
    .argument('<environment.yaml>', 'the spec file')
    .requiredOption('--out <dir>', 'directory to write the repo into')
    .option(
      '--force',
      'write into a non-empty directory that terrace did not generate',
    )
    .option(
      '--executor <executor>',
      `who applies it (${TERRAFORM_EXECUTORS.join(
        ', ',
      )}), recorded in catalog-info.yaml as terrace.dev/terraform-executor`,
      parseExecutor,
    )
    .action(
      (
        file: string,
        opts: {
          out: string;
          force?: boolean;
          executor?: TerraformExecutorName;
        },
      ) =>
        run(async () => {
          const result = await loadAndValidateSpec(file);
          if (!result.ok) {
            printProblems(io, result.problems);
            return 1;
          }
          const resolved = resolveEnvironment(result.environment);
          let files: ReadonlyMap<string, string>;
          try {
            files = await generator()(resolved, {
              spec: result.environment,
              executor: opts.executor,
            });
          } catch (e) {
            // Valid input the generator cannot serve yet (e.g. a cloud without emitters).
            io.err(
              `generate: ${
                e instanceof Error ? e.message : String(e)
              }; nothing was written`,
            );
            return 1;
          }
          const { written, removed } = await writeGeneratedRepo(
            files,
            opts.out,
            {
              force: opts.force,
              environment: resolved.name,
            },
          );
          io.out(
            `Wrote ${written.length} files for ${resolved.name} to ${opts.out}${
              removed.length > 0
                ? ` (removed ${removed.length} no longer generated)`
                : ''
            }`,
          );
          return 0;
        }),
    );
}
