import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { environmentJsonSchema } from '@terrace/plugin-environments-common';
import type { CliIo } from './io';

/**
 * `terrace schema [--out <file>]`: the spec's JSON Schema, for editors
 * (`# yaml-language-server: $schema=<file>` at the top of environment.yaml).
 */
export function registerSchema(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('schema')
    .description(
      "Print the environment spec's JSON Schema (for editor completion and checks)",
    )
    .option('--out <file>', 'write it to a file instead of stdout')
    .action((opts: { out?: string }) =>
      run(async () => {
        const text = `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`;
        if (opts.out) {
          await fs.writeFile(opts.out, text, 'utf8');
          io.out(`Wrote ${opts.out}`);
        } else {
          io.out(text.trimEnd());
        }
        return 0;
      }),
    );
}
