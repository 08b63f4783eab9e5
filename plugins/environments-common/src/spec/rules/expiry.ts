import { EXPIRING_TIERS, parseExpiresAt } from '../../expiry/expiry';
import type { Tier } from '../../model/resolved';
import type { Report } from './types';

/**
 * Cross-field rules of expiry: only preview tiers (dev, staging) may expire or be destroyed on
 * expiry; `destroyOnExpiry` without `expiresAt` does nothing (a warning); an `expiresAt` already
 * past is a warning (the environment counts as expired at once).
 */
export function checkExpiry(
  spec: { expiresAt?: unknown; destroyOnExpiry?: unknown },
  tier: Tier | undefined,
  today: string,
  report: Report,
  warn: Report,
) {
  const expiresAt = parseExpiresAt(spec.expiresAt);
  if (tier && !EXPIRING_TIERS.includes(tier)) {
    if (spec.expiresAt !== undefined) {
      report(
        ['spec', 'expiresAt'],
        `is only allowed for the ${EXPIRING_TIERS.join(
          ' and ',
        )} tiers (preview environments), not ${tier}`,
      );
    }
    if (spec.destroyOnExpiry === true) {
      report(
        ['spec', 'destroyOnExpiry'],
        `is only allowed for the ${EXPIRING_TIERS.join(
          ' and ',
        )} tiers (preview environments), not ${tier}`,
      );
    }
    return;
  }
  if (spec.destroyOnExpiry === true && spec.expiresAt === undefined) {
    warn(
      ['spec', 'destroyOnExpiry'],
      'has no effect without spec.expiresAt: the environment never expires',
    );
  }
  if (expiresAt && expiresAt.toISOString().slice(0, 10) < today) {
    warn(
      ['spec', 'expiresAt'],
      `${JSON.stringify(
        spec.expiresAt,
      )} is in the past: the environment counts as expired`,
    );
  }
}
