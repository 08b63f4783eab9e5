import type { Estimate, SpecProblem } from '@terrace/plugin-environments-common';
import { estimateSpec } from '@terrace/plugin-environments-node';

const SPEC_FIELDS = ['cloud', 'region', 'tier', 'network', 'components', 'usage'] as const;
const METADATA_FIELDS = ['name', 'title', 'description', 'owner', 'system', 'tags'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The spec a request body stands for: an `environment.yaml` document as is, or the Create
 * environment template's form values (flat: name, owner, cloud, region, tier, components, ...),
 * which are arranged into a spec document.
 */
export function specFromBody(body: Record<string, unknown>): Record<string, unknown> {
  if ('apiVersion' in body || 'kind' in body || 'metadata' in body || 'spec' in body) {
    return body;
  }
  const metadata: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) {
    if (body[field] !== undefined) metadata[field] = body[field];
  }
  const spec: Record<string, unknown> = {};
  for (const field of SPEC_FIELDS) {
    if (body[field] !== undefined) spec[field] = body[field];
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
