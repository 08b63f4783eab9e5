import type { Command } from 'commander';
import {
  resolveEnvironment,
  type Environment,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { loadAndValidateSpec } from '../spec';
import { printProblems, type CliIo } from './io';
import { writeGeneratedRepo } from './writeRepo';

/** Produces the environment repo's files (path relative to the repo root → content). */
export type RepoGenerator = (
  resolved: ResolvedEnvironment,
  options: { spec: Environment },
) => ReadonlyMap<string, string> | Promise<ReadonlyMap<string, string>>;

/**
 * `terrace generate <environment.yaml> --out <dir> [--force]`: validates, resolves, generates
 * the whole repo in memory, then writes it. Invalid input: exit 1, nothing written.
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
    .action((file: string, opts: { out: string; force?: boolean }) =>
      run(async () => {
        const result = await loadAndValidateSpec(file);
        if (!result.ok) {
          printProblems(io, result.problems);
          return 1;
        }
        const resolved = resolveEnvironment(result.environment);
        let files: ReadonlyMap<string, string>;
        try {
          files = await generator()(resolved, { spec: result.environment });
        } catch (e) {
          // Valid input the generator cannot serve yet (e.g. a cloud without emitters).
          io.err(
            `generate: ${
              e instanceof Error ? e.message : String(e)
            }; nothing was written`,
          );
          return 1;
        }
        const { written, removed } = await writeGeneratedRepo(files, opts.out, {
          force: opts.force,
          environment: resolved.name,
        });
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
