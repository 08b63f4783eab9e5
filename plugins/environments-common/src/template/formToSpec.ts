/**
 * The "Create environment" template's form and the spec document it describes. The scaffolder
 * action `terrace:environment:generate` and the estimate endpoint both turn the form into a spec
 * with this one function, so the live estimate prices exactly what will be generated.
 */
import { ENVIRONMENT_API_VERSION, ENVIRONMENT_KIND } from '../spec/schema';

/** @public The template's form fields that become the spec; other fields are ignored. */
export interface EnvironmentForm {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops what a form leaves behind for "not set": undefined, null, '' and empty lists/objects. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(compact).filter(v => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const c = compact(v);
      if (c !== undefined) out[key] = c;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/**
 * The spec's `metadata.system` (a plain entity name, contract section 1) from what the form's
 * System picker stores: `system:default/shop` and `shop` both give `shop`. A reference to another
 * kind or namespace is returned unchanged, so validation names it as the problem it is.
 * @public
 */
export function systemNameFromRef(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(?:system:)?(?:default\/)?([^:/]+)$/i.exec(value.trim());
  return match ? match[1] : value;
}

/**
 * Builds the spec document (contract section 1) from the template's form data. A value that is
 * already a spec document (has `apiVersion`, `metadata` or `spec`) is returned as it is. The result
 * is not validated: pass it to `validateEnvironment`, which names each problem's field path.
 * @public
 */
export function environmentSpecFromForm(form: unknown): unknown {
  if (!isRecord(form)) return form;
  if ('apiVersion' in form || 'metadata' in form || 'spec' in form) return form;
  const f = form as EnvironmentForm;
  const metadata = compact({
    name: f.name,
    title: f.title,
    description: f.description,
    owner: f.owner,
    system: systemNameFromRef(f.system),
    tags: f.tags,
  });
  const spec = (compact({
    cloud: f.cloud,
    region: f.region,
    tier: f.tier,
    network: f.network,
    usage: f.usage,
  }) ?? {}) as Record<string, unknown>;
  if (Array.isArray(f.components)) {
    // keep empty component entries so each problem's index matches the form's row
    spec.components = f.components.map(c => compact(c) ?? {});
  } else if (f.components !== undefined) {
    spec.components = f.components;
  }
  return {
    apiVersion: ENVIRONMENT_API_VERSION,
    kind: ENVIRONMENT_KIND,
    metadata: metadata ?? {},
    spec,
  };
}
