/**
 * Problem paths as the Create environment form shows them. Validation names fields by their
 * place in the spec document (`spec.components[3].storageGb`, zero-based); a person filling in
 * the form knows the component by its name and its row by counting from 1, so the form shows
 * `components › db (postgres) › storageGb` (or `components › #4 (postgres) › storageGb` for a
 * row without a name yet).
 */

const SEPARATOR = ' › ';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `spec.components[3].size` into `['spec', 'components', 3, 'size']`. */
function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(match[1]);
  }
  return out;
}

/** `db (postgres)`, `#4 (postgres)` or `#4`: how the form names component row `index` (0-based). */
function componentLabel(component: unknown, index: number): string {
  const row = isRecord(component) ? component : {};
  const name =
    typeof row.name === 'string' && row.name.trim() !== ''
      ? row.name.trim()
      : `#${index + 1}`;
  return typeof row.type === 'string' && row.type !== ''
    ? `${name} (${row.type})`
    : name;
}

/**
 * The form's label for a problem's field path (see the file comment). `form` is the template's
 * form data (`name`, `components`, ...) or undefined; with no component at that index the row is
 * named by its 1-based number. Paths that are not the spec's are returned as they are.
 * @public
 */
export function formProblemPath(path: string, form?: unknown): string {
  const segments = parsePath(path);
  if (segments[0] === 'metadata' || segments[0] === 'spec') segments.shift();
  if (segments.length === 0) return path;
  const components =
    isRecord(form) && Array.isArray(form.components) ? form.components : [];
  const labels: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (typeof segment === 'number') {
      labels.push(
        segments[i - 1] === 'components' && i === 1
          ? componentLabel(components[segment], segment)
          : `#${segment + 1}`,
      );
    } else {
      labels.push(segment);
    }
  }
  return labels.join(SEPARATOR);
}
