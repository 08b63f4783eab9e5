import { z } from 'zod';

/**
 * Field schemas shared by the spec. Every string a spec can carry is either matched against a
 * pattern that leaves no room for HCL syntax (quotes, `${`, `%{`, newlines) or, for free text,
 * refused when it contains a template sequence or a control character; the generator then writes
 * values through a structured HCL writer, so escaping also holds by construction.
 */

/** Characters that would open an HCL template or break a quoted string. */
const TEMPLATE_SEQUENCE = /\$\{|%\{/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\r\n\t]/;

/** Free text (titles, descriptions): any wording, no template sequences or control characters. */
export function freeText(options: { max: number; multiline: boolean }) {
  return z
    .string()
    .max(options.max)
    .refine(v => !TEMPLATE_SEQUENCE.test(v), {
      error:
        'must not contain "${" or "%{" (template sequences are not allowed)',
    })
    .refine(v => !CONTROL_CHARACTERS.test(v), {
      error: 'must not contain control characters',
    })
    .refine(v => options.multiline || !LINE_BREAKS.test(v), {
      error: 'must be a single line',
    });
}

/** `metadata.name`: also the prefix of every cloud resource name. */
export const environmentName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
    error:
      'must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
  });

/** A component name. */
export const componentName = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, {
  error:
    'must be 1-20 characters of lowercase letters, digits and hyphens, starting with a letter',
});

/** A catalog entity reference to a group or user, e.g. `group:default/shop`. */
export const ownerRef = z
  .string()
  .regex(
    /^(?:(?:group|user):)?(?:[a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    {
      error:
        'must be a catalog entity reference to a group or user, e.g. "group:default/shop"',
    },
  );

/** A catalog entity name (system). */
export const entityName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, {
    error:
      'must be a catalog entity name (letters, digits, ".", "_", "-"; at most 63 characters)',
  });

/** A catalog tag. */
export const entityTag = z.string().regex(/^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/, {
  error:
    'must be a catalog tag: lowercase letters, digits, ":", "+", "#", joined by single hyphens',
});

/** A cloud size name (`db.t3.micro`, `Standard_D2s_v3`, `db-custom-2-7680`, `M10`). */
export const sizeName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  error:
    'must be a size name of the cloud, made of letters, digits, ".", "_" and "-"',
});

/** An engine version such as `15`, `15.6` or `7.0`. */
export const engineVersion = z
  .string({
    error: iss =>
      iss.input === undefined
        ? undefined
        : `must be a quoted version such as "15" or "7.0", not ${JSON.stringify(
            iss.input,
          )}`,
  })
  .regex(/^\d{1,3}(?:\.\d{1,3}){0,2}$/, {
    error: 'must be a version number such as "15" or "15.6" (quote it in YAML)',
  });

/** A container image reference: registry/repository[:tag][@digest]. */
export const imageRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/, {
    error:
      'must be a container image reference such as "ghcr.io/acme/api:1.2.3" (no spaces or quotes)',
  });

/** An HTTP path for health checks. */
export const httpPath = z.string().regex(/^\/[A-Za-z0-9/._~-]{0,254}$/, {
  error:
    'must be an HTTP path starting with "/" (letters, digits, "/", ".", "_", "~", "-")',
});

/** A CORS origin (`https://app.example.com`, `http://localhost:3000`) or `*`. */
export const corsOrigin = z
  .string()
  .regex(
    /^(?:\*|https?:\/\/[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?)$/,
    {
      error:
        'must be an origin such as "https://app.example.com" (scheme, host and optional port, no path) or "*"',
    },
  );

/** A secret's name (never its value). */
export const secretName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    error:
      'must be a secret name of letters, digits, "_", "." and "-" (at most 64 characters); values never go in the spec',
  });

/** An IPv4 CIDR block. */
export const ipv4Cidr = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/,
    { error: 'must be an IPv4 CIDR block such as "10.0.0.0/16"' },
  );

/** A whole number in a range. */
export function count(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

/**
 * Why `name` cannot be an environment's `metadata.name`, as a sentence without the pattern
 * (e.g. "must be 3-32 characters of lowercase letters, ..."), or undefined when it can. The
 * Create environment form checks the name with this while it is typed.
 * @public
 */
export function environmentNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'is required';
  const result = environmentName.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}
