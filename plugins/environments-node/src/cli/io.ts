import type { Command } from 'commander';

/** Where a command prints; the bin passes the process streams, tests capture lines. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** One CLI command: registers itself on the program; its action resolves to an exit code. */
export interface CliCommand {
  register(
    program: Command,
    run: (action: () => Promise<number>) => Promise<void>,
  ): void;
}

/** Prints spec problems one per line, field path first. */
export function printProblems(
  io: CliIo,
  problems: ReadonlyArray<{ path: string; message: string }>,
) {
  for (const p of problems) {
    io.err(`${p.path}: ${p.message}`);
  }
}
