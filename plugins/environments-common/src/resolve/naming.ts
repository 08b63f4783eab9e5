/**
 * Cloud resource names. `<environment>-<component>` is the readable form; names longer than
 * 32 characters (the tightest common limit: load balancers and target groups on AWS) are cut and
 * given a short stable hash, so two long names never collide after cutting.
 */

/** @public */
export const MAX_RESOURCE_NAME_LENGTH = 32;

/** 32-bit FNV-1a, as 8 hex digits; stable across platforms (no Node crypto here). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** @public `<environment>-<component>`, at most 32 characters. */
export function resourceName(environment: string, component: string): string {
  const full = `${environment}-${component}`;
  if (full.length <= MAX_RESOURCE_NAME_LENGTH) {
    return full;
  }
  const hash = fnv1a(full).slice(0, 6);
  const head = full
    .slice(0, MAX_RESOURCE_NAME_LENGTH - hash.length - 1)
    .replace(/-+$/, '');
  return `${head}-${hash}`;
}
