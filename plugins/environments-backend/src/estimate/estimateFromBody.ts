import type {
  Estimate,
  SpecProblem,
} from '@terrace/plugin-environments-common';
import { estimateSpec } from '@terrace/plugin-environments-node';

const SPEC_FIELDS = [
  'cloud',
  'region',
  'tier',
  'network',
  'components',
  'usage',
] as const;
const METADATA_FIELDS = [
  'name',
  'title',
  'description',
  'owner',
  'system',
  'tags',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Form fields left empty mean "take the tier default": drop them, at any depth. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutEmpty);
  }
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field === '' || field === null || field === undefined) continue;
      result[key] = withoutEmpty(field);
    }
    return result;
  }
  return value;
}

/**
 * The spec a request body stands for: an `environment.yaml` document as is, or the Create
 * environment template's form values (flat: name, owner, cloud, region, tier, components, ...),
 * which are arranged into a spec document; empty form fields are left out (tier default), and
 * fields of later steps (estimate, executor, repoUrl, ...) are ignored.
 */
export function specFromBody(
  body: Record<string, unknown>,
): Record<string, unknown> {
  if (
    'apiVersion' in body ||
    'kind' in body ||
    'metadata' in body ||
    'spec' in body
  ) {
    return body;
  }
  const form = withoutEmpty(body) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) {
    if (form[field] !== undefined) metadata[field] = form[field];
  }
  const spec: Record<string, unknown> = {};
  for (const field of SPEC_FIELDS) {
    if (form[field] !== undefined) spec[field] = form[field];
  }
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata,
    spec,
  };
}

/** Validates and prices a request body; bad input comes back as problems naming their field. */
export function estimateFromBody(
  body: unknown,
): { ok: true; estimate: Estimate } | { ok: false; problems: SpecProblem[] } {
  if (!isObject(body)) {
    return {
      ok: false,
      problems: [
        {
          path: 'body',
          message:
            'must be a JSON object: an environment spec or the Create environment form values',
        },
      ],
    };
  }
  const result = estimateSpec(specFromBody(body));
  return result.ok
    ? { ok: true, estimate: result.estimate }
    : { ok: false, problems: result.problems };
}
