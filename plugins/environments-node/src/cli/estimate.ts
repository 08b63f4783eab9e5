import { InvalidArgumentError, type Command } from 'commander';
import { estimateSpec } from '../estimate/estimateSpec';
import { formatEstimateTable } from '../estimate/format';
import { loadSpecFile } from '../spec';
import { printProblems, type CliIo } from './io';

const FORMATS = ['table', 'json'] as const;
type EstimateFormat = (typeof FORMATS)[number];

function parseFormat(value: string): EstimateFormat {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `--format must be one of ${FORMATS.join(', ')}`,
    );
  }
  return value as EstimateFormat;
}

/**
 * `terrace estimate <environment.yaml> [--format table|json]`: the monthly estimate of what the
 * generated Terraform creates. Exit 1 with one line per problem (field path first) on bad input.
 */
export function registerEstimate(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('estimate')
    .description('Print the monthly cost estimate of an environment spec')
    .argument('<environment.yaml>', 'the spec file')
    .option(
      '--format <format>',
      'table or json (cost.json, contract section 4)',
      parseFormat,
      'table',
    )
    .action((file: string, opts: { format: EstimateFormat }) =>
      run(async () => {
        const parsed = await loadSpecFile(file);
        if (!parsed.ok) {
          printProblems(io, parsed.problems);
          return 1;
        }
        const result = estimateSpec(parsed.raw);
        if (!result.ok) {
          printProblems(io, result.problems);
          return 1;
        }
        io.out(
          opts.format === 'json'
            ? JSON.stringify(result.estimate, null, 2)
            : formatEstimateTable(result.estimate).trimEnd(),
        );
        return 0;
      }),
    );
}
