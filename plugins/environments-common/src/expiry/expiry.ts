/**
 * Expiry of preview environments (`spec.expiresAt`, `spec.destroyOnExpiry`): the one parser of
 * the expiry date, the tiers that may expire, and the state the status side shows. Isomorphic:
 * the validator, the generator (catalog annotation), the backend's expiry task and the frontend
 * all read the date through these functions.
 */
import type { Tier } from '../model/resolved';

/** @public The tiers whose environments may carry `spec.expiresAt` (preview environments). */
export const EXPIRING_TIERS: readonly Tier[] = ['dev', 'staging'];

/** @public Days before `expiresAt` at which an environment counts as "expiring". */
export const EXPIRING_WITHIN_DAYS = 3;

/** @public TTLs (days) the Create form offers; the form's "none" is no `expiresAt`. */
export const EXPIRY_TTL_DAYS = [7, 14, 30] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** @public `spec.expiresAt`'s form: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` (UTC only). */
export const EXPIRES_AT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z)?$/;

/**
 * Parses `spec.expiresAt` (or the `terrace.dev/expires-at` annotation): an ISO 8601 date
 * (`2026-12-24`, meaning 00:00 UTC that day) or a date-time in UTC (`2026-12-24T18:00:00Z`).
 * Returns the instant, or undefined when the text is not such a date or names no real day
 * (`2026-02-30`). Offsets other than `Z` are refused: the spec is in UTC.
 * @public
 */
export function parseExpiresAt(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = EXPIRES_AT_PATTERN.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1);
  const date = new Date(
    Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0')),
  );
  // Date.UTC rolls 2026-02-30 over to March: a real day reads back the same
  if (
    date.getUTCFullYear() !== +y ||
    date.getUTCMonth() !== +mo - 1 ||
    date.getUTCDate() !== +d ||
    date.getUTCHours() !== +h ||
    date.getUTCMinutes() !== +mi ||
    date.getUTCSeconds() !== +s
  ) {
    return undefined;
  }
  return date;
}

/**
 * `spec.expiresAt` for a TTL given at creation: `now` plus `days` whole days, as an ISO 8601
 * UTC date-time without milliseconds (`2026-12-08T14:03:00Z`).
 * @public
 */
export function expiresAtFromTtl(days: number, now: Date): string {
  const at = new Date(now.getTime() + days * DAY_MS);
  at.setUTCMilliseconds(0);
  return at.toISOString().replace('.000Z', 'Z');
}

/**
 * @public What the status side shows for an environment's expiry: `expired` from `expiresAt` on,
 * `expiring` within {@link EXPIRING_WITHIN_DAYS} days before it, otherwise undefined.
 */
export type EnvironmentExpiryState = 'expired' | 'expiring';

/**
 * The expiry state at `now` of an environment expiring at `expiresAt` (see
 * {@link EnvironmentExpiryState}); undefined without a readable `expiresAt`.
 * @public
 */
export function expiryState(
  expiresAt: string | undefined,
  now: Date,
): EnvironmentExpiryState | undefined {
  const at = parseExpiresAt(expiresAt);
  if (!at) return undefined;
  const left = at.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left <= EXPIRING_WITHIN_DAYS * DAY_MS) return 'expiring';
  return undefined;
}

/**
 * Whole days from `now` until `expiresAt`, rounded up (1.2 days left is "2 days"); 0 or less once
 * expired; undefined without a readable date.
 * @public
 */
export function daysUntilExpiry(
  expiresAt: string | undefined,
  now: Date,
): number | undefined {
  const at = parseExpiresAt(expiresAt);
  if (!at) return undefined;
  return Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
}
