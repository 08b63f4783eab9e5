import type { EnvironmentForm } from '@terrace/plugin-environments-common';

/** The template's form fields that make up the spec (see `environmentSpecFromForm`). */
const SPEC_FIELDS: ReadonlyArray<keyof EnvironmentForm> = [
  'name',
  'title',
  'description',
  'owner',
  'system',
  'tags',
  'cloud',
  'region',
  'tier',
  'network',
  'components',
  'usage',
];

/**
 * What the estimate is asked for: the form's spec fields only, so the estimate fields' own
 * values (and the Apply step's choices) never change the request and re-trigger an estimate.
 */
export function estimateInput(
  formData: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SPEC_FIELDS) {
    if (formData && formData[key] !== undefined) out[key] = formData[key];
  }
  return out;
}
