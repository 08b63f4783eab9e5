import { InputError } from '@backstage/errors';
import {
  ENVIRONMENT_FORM_FIELDS,
  environmentSpecFromForm,
  type EnvironmentForm,
  type EnvironmentFormFieldKind,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { loadSpecFile } from '@terrace/plugin-environments-node';
import type { z as zod } from 'zod/v3';
import { insideWorkspace } from './publishGit';

type Z = typeof zod;

/** The form fields the template passes (any subset), or a whole spec in `spec` or `specPath`. */
export interface SpecInputs extends EnvironmentForm {
  spec?: Record<string, unknown>;
  specPath?: string;
}

/** The zod type of a form field of each kind (common's `ENVIRONMENT_FORM_FIELDS`). */
function formFieldSchema(
  z: Z,
  kind: EnvironmentFormFieldKind,
  description: string,
): zod.ZodTypeAny {
  switch (kind) {
    case 'string':
      return z.string({ description });
    case 'number':
      return z.number({ description });
    case 'boolean':
      return z.boolean({ description });
    case 'strings':
      return z.array(z.string(), { description });
    case 'record':
      return z.record(z.string(), z.unknown(), { description });
    case 'records':
      return z.array(z.record(z.string(), z.unknown()), { description });
    default:
      throw new Error(`unknown form field kind ${kind satisfies never}`);
  }
}

type FormFieldSchemas = {
  [K in keyof EnvironmentForm]-?: (
    z: Z,
  ) => zod.ZodType<EnvironmentForm[K], zod.ZodTypeDef, unknown>;
};

/**
 * The form's fields as action inputs, each optional, from the one definition in common. Each entry
 * is built from its own field's kind, which `FormFieldSchemas` states per key (fromEntries cannot).
 */
const formFieldSchemas = Object.fromEntries(
  Object.entries(ENVIRONMENT_FORM_FIELDS).map(([field, f]) => [
    field,
    (z: Z) => formFieldSchema(z, f.kind, f.description).optional(),
  ]),
) as unknown as FormFieldSchemas;

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
  ...formFieldSchemas,
};

/**
 * The raw spec document the inputs describe (not yet validated); a TTL (`expiresInDays`) counts
 * from `options.now` (default: the current time).
 */
export async function rawSpecFromInputs(
  input: SpecInputs,
  workspacePath: string,
  options: { now?: () => Date } = {},
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
  return environmentSpecFromForm(spec ?? fields, options);
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
