import fs from 'node:fs/promises';
import path from 'node:path';
import {
  validateEnvironment,
  type Environment,
  type SizeCatalog,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { defaultSizeCatalog } from '../estimate/pricers';
import { MAX_SPEC_BYTES, parseSpecYaml, type ParseSpecResult } from './parse';

/**
 * Reads a spec file and parses it (size-limited, alias-limited YAML). Problems, never throws for
 * a missing or unreadable file.
 * @public
 */
export async function loadSpecFile(file: string): Promise<ParseSpecResult> {
  const source = path.basename(file);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    return { ok: false, problems: [{ path: file, message: readError(e) }] };
  }
  if (!stat.isFile()) {
    return { ok: false, problems: [{ path: file, message: 'is not a file' }] };
  }
  if (stat.size > MAX_SPEC_BYTES) {
    return {
      ok: false,
      problems: [
        {
          path: file,
          message: `is ${stat.size} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ path: file, message: readError(e) }] };
  }
  return parseSpecYaml(text, { source });
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory, not a spec file';
    default:
      return `cannot be read (${code ?? String(e)})`;
  }
}

/** @public */
export interface ValidateSpecOptions {
  /** Sizes to check against; default: the AWS price catalog of this package. */
  sizes?: SizeCatalog;
}

/** @public */
export type ValidateSpecResult =
  | { ok: true; environment: Environment; warnings?: SpecProblem[] }
  | { ok: false; problems: SpecProblem[]; warnings?: SpecProblem[] };

/**
 * Validates a parsed spec with the sizes and regions of the price catalog.
 * @public
 */
export function validateSpec(
  raw: unknown,
  options: ValidateSpecOptions = {},
): ValidateSpecResult {
  return validateEnvironment(raw, {
    sizes: options.sizes ?? defaultSizeCatalog,
  });
}

/**
 * Loads, parses and validates a spec file: the first step of every CLI command.
 * @public
 */
export async function loadAndValidateSpec(
  file: string,
  options: ValidateSpecOptions = {},
): Promise<ValidateSpecResult> {
  const parsed = await loadSpecFile(file);
  if (!parsed.ok) return parsed;
  return validateSpec(parsed.raw, options);
}
