import { InputError } from '@backstage/errors';
import {
  environmentSpecFromForm,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { loadSpecFile } from '@terrace/plugin-environments-node';
import type { z as zod } from 'zod/v3';
import { insideWorkspace } from './publishGit';

type Z = typeof zod;

/** The form fields the template passes; any subset, or a whole spec in `spec`. */
export interface SpecInputs {
  spec?: Record<string, unknown>;
  specPath?: string;
  name?: string;
  title?: string;
  description?: string;
  owner?: string;
  system?: string;
  tags?: string[];
  cloud?: string;
  region?: string;
  tier?: string;
  network?: Record<string, unknown>;
  components?: Array<Record<string, unknown>>;
  usage?: Record<string, unknown>;
}

/** zod fields shared by the generate and estimate actions. */
export const specInputSchema = {
  spec: (z: Z) =>
    z
      .record(z.string(), z.unknown(), {
        description:
          'A whole spec document (contract section 1), or the template form data',
      })
      .optional(),
  specPath: (z: Z) =>
    z
      .string({
        description:
          'An environment.yaml in the workspace, instead of `spec` or the fields',
      })
      .optional(),
  name: (z: Z) => z.string({ description: 'metadata.name' }).optional(),
  title: (z: Z) => z.string({ description: 'metadata.title' }).optional(),
  description: (z: Z) =>
    z.string({ description: 'metadata.description' }).optional(),
  owner: (z: Z) =>
    z.string({ description: 'metadata.owner, an entity ref' }).optional(),
  system: (z: Z) => z.string({ description: 'metadata.system' }).optional(),
  tags: (z: Z) =>
    z.array(z.string(), { description: 'metadata.tags' }).optional(),
  cloud: (z: Z) =>
    z.string({ description: 'spec.cloud: aws, azure or gcp' }).optional(),
  region: (z: Z) => z.string({ description: 'spec.region' }).optional(),
  tier: (z: Z) =>
    z.string({ description: 'spec.tier: dev, staging or prod' }).optional(),
  network: (z: Z) =>
    z
      .record(z.string(), z.unknown(), { description: 'spec.network' })
      .optional(),
  components: (z: Z) =>
    z
      .array(z.record(z.string(), z.unknown()), {
        description: 'spec.components',
      })
      .optional(),
  usage: (z: Z) =>
    z.record(z.string(), z.unknown(), { description: 'spec.usage' }).optional(),
};

/** The raw spec document the inputs describe (not yet validated). */
export async function rawSpecFromInputs(
  input: SpecInputs,
  workspacePath: string,
): Promise<unknown> {
  const { spec, specPath, ...fields } = input;
  const given = [
    spec !== undefined,
    specPath !== undefined,
    Object.keys(fields).length > 0,
  ].filter(Boolean);
  if (given.length > 1) {
    throw new InputError(
      'Give the environment as one of `spec`, `specPath` or the form fields, not several',
    );
  }
  if (specPath !== undefined) {
    const file = insideWorkspace(workspacePath, specPath, 'specPath');
    const loaded = await loadSpecFile(file);
    if (!loaded.ok) {
      throw problemsError(
        `specPath: "${specPath}" cannot be read`,
        loaded.problems.map(p => ({
          ...p,
          path: p.path === file ? specPath : p.path,
        })),
      );
    }
    return loaded.raw;
  }
  return environmentSpecFromForm(spec ?? fields);
}

/** One InputError listing every problem, each with its field path. */
export function problemsError(
  what: string,
  problems: SpecProblem[],
): InputError {
  return new InputError(
    `${what}: ${problems.length} problem${
      problems.length === 1 ? '' : 's'
    }\n${problems.map(p => `${p.path}: ${p.message}`).join('\n')}`,
  );
}
