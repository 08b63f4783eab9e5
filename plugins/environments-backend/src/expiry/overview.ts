import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_EXPIRES_AT,
  expiryState,
  parseExpiresAt,
  type OverviewItem,
} from '@terrace/plugin-environments-common';

/**
 * An overview row with the environment's expiry (`expiresAt` from its `terrace.dev/expires-at`
 * annotation, normalised to ISO 8601 UTC, and the `expiry` state at `now`); the row unchanged
 * when the entity has no readable expiry.
 */
export function withExpiry(
  item: OverviewItem,
  entity: Entity,
  now: Date,
): OverviewItem {
  const annotation = entity.metadata.annotations?.[ANNOTATION_EXPIRES_AT];
  const at = parseExpiresAt(annotation);
  if (!at) return item;
  const expiresAt = at.toISOString();
  const state = expiryState(expiresAt, now);
  return { ...item, expiresAt, ...(state ? { expiry: state } : {}) };
}
