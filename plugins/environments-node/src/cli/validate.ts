import type { Command } from 'commander';
import { loadAndValidateSpec } from '../spec';
import { printProblems, type CliIo } from './io';

/**
 * `terrace validate <environment.yaml>`: exit 0 when the spec is valid, else exit 1 with one
 * line per problem on stderr (`<field path>: <sentence>`). Writes nothing.
 */
export function registerValidate(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('validate')
    .description(
      'Check an environment spec; prints one line per problem, field path first',
    )
    .argument('<environment.yaml>', 'the spec file')
    .option('--json', 'print the result as JSON on stdout')
    .action((file: string, opts: { json?: boolean }) =>
      run(async () => {
        const result = await loadAndValidateSpec(file);
        if (opts.json) {
          io.out(
            JSON.stringify(
              result.ok
                ? { ok: true, warnings: result.warnings ?? [] }
                : {
                    ok: false,
                    problems: result.problems,
                    warnings: result.warnings ?? [],
                  },
              null,
              2,
            ),
          );
          return result.ok ? 0 : 1;
        }
        for (const w of result.warnings ?? []) {
          io.err(`warning: ${w.path}: ${w.message}`);
        }
        if (!result.ok) {
          printProblems(io, result.problems);
          return 1;
        }
        const { metadata, spec } = result.environment;
        io.out(
          `${file}: ${metadata.name} is valid (${spec.cloud} ${spec.region}, ${
            spec.tier
          }, ${spec.components.length} component${
            spec.components.length === 1 ? '' : 's'
          })`,
        );
        return 0;
      }),
    );
}
