/** Shared shapes of the validation rules. */

/** A field path as segments: `['spec', 'components', 2, 'size']`. */
export type Path = Array<string | number>;

/** Records one problem at a path. */
export type Report = (path: Path, message: string) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
