/**
 * The "Create environment" template's form and the spec document it describes. The scaffolder
 * action `terrace:environment:generate` and the estimate endpoint both turn the form into a spec
 * with this one function, so the live estimate prices exactly what will be generated.
 */
import {
  ENVIRONMENT_API_VERSION,
  ENVIRONMENT_KIND,
  cloudSchema,
  tierSchema,
} from '../spec/schema';
import { EXPIRING_TIERS, expiresAtFromTtl } from '../expiry/expiry';

/** @public What a form field holds: `strings` a list of strings, `records` a list of objects. */
export type EnvironmentFormFieldKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'strings'
  | 'record'
  | 'records';

/** @public One field of the template's form: where it goes in the spec and what it holds. */
export interface EnvironmentFormField {
  /** The spec section the field fills: `metadata.<field>` or `spec.<field>`. */
  section: 'metadata' | 'spec';
  kind: EnvironmentFormFieldKind;
  /** What to put in the field, in words (the scaffolder actions show it as the input's description). */
  description: string;
}

const words = (values: readonly string[]) =>
  `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

/**
 * @public The template's form fields that become the spec, in the spec's order. The one
 * definition of the form's shape: {@link EnvironmentForm} is derived from it, and the scaffolder
 * actions build their input schema from it.
 */
export const ENVIRONMENT_FORM_FIELDS = {
  name: { section: 'metadata', kind: 'string', description: 'metadata.name' },
  title: { section: 'metadata', kind: 'string', description: 'metadata.title' },
  description: {
    section: 'metadata',
    kind: 'string',
    description: 'metadata.description',
  },
  owner: {
    section: 'metadata',
    kind: 'string',
    description: 'metadata.owner, an entity ref',
  },
  system: {
    section: 'metadata',
    kind: 'string',
    description: 'metadata.system',
  },
  tags: { section: 'metadata', kind: 'strings', description: 'metadata.tags' },
  cloud: {
    section: 'spec',
    kind: 'string',
    description: `spec.cloud: ${words(cloudSchema.options)}`,
  },
  region: { section: 'spec', kind: 'string', description: 'spec.region' },
  tier: {
    section: 'spec',
    kind: 'string',
    description: `spec.tier: ${words(tierSchema.options)}`,
  },
  network: { section: 'spec', kind: 'record', description: 'spec.network' },
  components: {
    section: 'spec',
    kind: 'records',
    description: 'spec.components',
  },
  usage: { section: 'spec', kind: 'record', description: 'spec.usage' },
  expiresAt: {
    section: 'spec',
    kind: 'string',
    description:
      'spec.expiresAt: an ISO 8601 date or UTC date-time (dev and staging only)',
  },
  expiresInDays: {
    section: 'spec',
    kind: 'number',
    description:
      'A TTL in days from now that becomes spec.expiresAt (0 or empty: no expiry); replaces expiresAt when both are given',
  },
  destroyOnExpiry: {
    section: 'spec',
    kind: 'boolean',
    description:
      'spec.destroyOnExpiry: destroy the environment when it expires',
  },
} as const satisfies Record<string, EnvironmentFormField>;

/** @public The value a field of each kind holds. */
export interface EnvironmentFormValues {
  string: string;
  number: number;
  boolean: boolean;
  strings: string[];
  record: Record<string, unknown>;
  records: Array<Record<string, unknown>>;
}

/**
 * @public The template's form fields that become the spec (from {@link ENVIRONMENT_FORM_FIELDS});
 * other fields are ignored.
 */
export type EnvironmentForm = {
  -readonly [K in keyof typeof ENVIRONMENT_FORM_FIELDS]?: EnvironmentFormValues[(typeof ENVIRONMENT_FORM_FIELDS)[K]['kind']];
};

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

/** @public Options of {@link environmentSpecFromForm}. */
export interface EnvironmentSpecFromFormOptions {
  /** The clock a TTL (`expiresInDays`) counts from; defaults to the current time. */
  now?: () => Date;
}

/**
 * Builds the spec document (contract section 1) from the template's form data. A value that is
 * already a spec document (has `apiVersion`, `metadata` or `spec`) is returned as it is. The result
 * is not validated: pass it to `validateEnvironment`, which names each problem's field path.
 * A TTL (`expiresInDays`, days other than 0) becomes `spec.expiresAt` counted from `options.now`;
 * `destroyOnExpiry` is written only when true (false is the default). Both are dropped when the
 * form's tier is not dev or staging: the form hides them then, but keeps a value chosen before the
 * tier changed. An explicit `expiresAt` is kept, and validation refuses it on prod.
 * @public
 */
export function environmentSpecFromForm(
  form: unknown,
  options: EnvironmentSpecFromFormOptions = {},
): unknown {
  if (!isRecord(form)) return form;
  if ('apiVersion' in form || 'metadata' in form || 'spec' in form) return form;
  const f = form as EnvironmentForm;
  // The form asks for the TTL and destroyOnExpiry only for dev and staging; a value left behind
  // by an earlier tier choice (the scaffolder keeps hidden fields' values) is dropped for prod.
  const previewTier =
    f.tier === undefined ||
    (EXPIRING_TIERS as readonly string[]).includes(f.tier);
  const sections: Record<'metadata' | 'spec', Record<string, unknown>> = {
    metadata: {},
    spec: {},
  };
  for (const [field, { section }] of Object.entries(ENVIRONMENT_FORM_FIELDS)) {
    if (field === 'components' || field === 'expiresInDays') continue;
    if (
      field === 'destroyOnExpiry' &&
      (f.destroyOnExpiry !== true || !previewTier)
    ) {
      continue;
    }
    const value = f[field as keyof EnvironmentForm];
    sections[section][field] =
      field === 'system' ? systemNameFromRef(value) : value;
  }
  const metadata = compact(sections.metadata);
  const spec = (compact(sections.spec) ?? {}) as Record<string, unknown>;
  // a TTL in whole or part days; 0, empty or "none" is no expiry
  const ttl = Number(f.expiresInDays);
  if (previewTier && Number.isFinite(ttl) && ttl !== 0) {
    spec.expiresAt = expiresAtFromTtl(
      ttl,
      (options.now ?? (() => new Date()))(),
    );
  }
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

/**
 * The template's form data for an existing spec document (the inverse of
 * {@link environmentSpecFromForm}): each field of {@link ENVIRONMENT_FORM_FIELDS} from its
 * `metadata.<field>` or `spec.<field>`, `system` as the System picker's entity ref
 * (`system:default/<name>`). Fields the spec does not set are left out; parts of the spec the form
 * has no field for are not carried (the Update environment action keeps them from the current
 * spec). A value that is not an object gives `{}`.
 * @public
 */
export function environmentFormFromSpec(doc: unknown): EnvironmentForm {
  if (!isRecord(doc)) return {};
  const sections = {
    metadata: isRecord(doc.metadata) ? doc.metadata : {},
    spec: isRecord(doc.spec) ? doc.spec : {},
  };
  const form: Record<string, unknown> = {};
  for (const [field, { section }] of Object.entries(ENVIRONMENT_FORM_FIELDS)) {
    const value = sections[section][field];
    if (value === undefined || value === null) continue;
    form[field] =
      field === 'system' && typeof value === 'string' && !value.includes(':')
        ? `system:default/${value}`
        : value;
  }
  return form as EnvironmentForm;
}
