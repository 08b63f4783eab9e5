import { Command, CommanderError } from 'commander';
import type { CliIo } from './io';
import { registerGenerate, type RepoGenerator } from './generate';
import { registerSchema } from './schema';
import { registerValidate } from './validate';
import { registerEstimate } from './estimate';
import { registerPrices } from './prices';

export type { CliIo } from './io';
export type { RepoGenerator } from './generate';
export { writeGeneratedRepo, GENERATED_MARKER } from './writeRepo';
export type { WriteRepoOptions, WriteRepoResult } from './writeRepo';

/** @public */
export interface CliOptions {
  io?: CliIo;
  /** The repo generator; default: this package's `generateEnvironmentRepo`. */
  generator?: RepoGenerator;
}

const processIo: CliIo = {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
};

function defaultGenerator(): RepoGenerator {
  // Loaded on use, so `terrace validate` does not pay for the Terraform writers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generate: typeof import('../generate') = require('../generate');
  return generate.generateEnvironmentRepo;
}

/** A user-facing error: its message is the whole story, no stack. */
function isExpectedError(e: unknown): e is Error {
  return (
    e instanceof Error &&
    [
      'InputError',
      'NotFoundError',
      'ConflictError',
      'NotAllowedError',
      'NotImplementedError',
    ].includes(e.name)
  );
}

/**
 * Runs the `terrace` CLI and resolves to its exit code: 0 done, 1 bad input (every problem
 * printed, one per line, field path first), 2 an unexpected failure. Never prints a stack trace
 * unless TERRACE_DEBUG is set.
 * @public
 */
export async function runCli(
  argv: string[],
  options: CliOptions = {},
): Promise<number> {
  const io = options.io ?? processIo;
  let exitCode = 0;
  const run = async (action: () => Promise<number>) => {
    try {
      exitCode = await action();
    } catch (e) {
      if (isExpectedError(e)) {
        io.err(e.message);
        exitCode = 1;
      } else {
        const message = e instanceof Error ? e.message : String(e);
        io.err(`terrace: unexpected error: ${message}`);
        if (process.env.TERRACE_DEBUG && e instanceof Error && e.stack) {
          io.err(e.stack);
        }
        exitCode = 2;
      }
    }
  };

  const program = new Command('terrace')
    .description('Terrace: cloud environments from one spec file')
    .exitOverride()
    .configureOutput({
      writeOut: text => io.out(text.trimEnd()),
      writeErr: text => io.err(text.trimEnd()),
    })
    .showHelpAfterError('(run terrace --help for usage)');

  // The commands, in help order. Each file registers one.
  registerValidate(program, io, run);
  registerGenerate(
    program,
    io,
    run,
    () => options.generator ?? defaultGenerator(),
  );
  registerSchema(program, io, run);
  registerEstimate(program, io, run);
  registerPrices(program, io, run);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 1;
    }
    throw e;
  }
  return exitCode;
}
