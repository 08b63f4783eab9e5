/**
 * Cloud resource names. `<environment>-<component>` is the readable form; names longer than the
 * cloud's limit (its profile's `names.resourceName`) are cut and given a short stable hash, so
 * two long names never collide after cutting.
 */

/** @public 32-bit FNV-1a, as 8 hex digits; stable across platforms (no Node crypto here). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * @public
 * `<parts joined by ->` + `suffix`, fitted to `max` characters. When it is too long the joined
 * parts are cut and `-<6 hex digits>` (FNV-1a of the whole uncut name) is put before the suffix,
 * so the suffix stays readable and two different names never come out the same after cutting.
 */
export function fitName(parts: string[], suffix: string, max: number): string {
  const full = `${parts.join('-')}${suffix}`;
  if (full.length <= max) return full;
  const hash = fnv1a(full).slice(0, 6);
  const room = max - suffix.length - hash.length - 1;
  const head = parts.join('-').slice(0, room).replace(/-+$/, '');
  return `${head}-${hash}${suffix}`;
}

/**
 * @public `<environment>-<component>`, at most `maxLength` characters (the cloud's
 * `names.resourceName`, e.g. 32 on AWS); cut and hashed like {@link fitName} beyond it.
 */
export function resourceName(
  environment: string,
  component: string,
  maxLength: number,
): string {
  return fitName([environment, component], '', maxLength);
}
