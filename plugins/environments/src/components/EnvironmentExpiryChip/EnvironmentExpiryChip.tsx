import Chip from '@material-ui/core/Chip';
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DESTROY_ON_EXPIRY,
  ANNOTATION_EXPIRES_AT,
  daysUntilExpiry,
  expiryState,
  parseExpiresAt,
} from '@terrace/plugin-environments-common';

/** The expiry of an environment entity (its `terrace.dev/expires-at`), or undefined. */
export function entityExpiry(entity: Entity):
  | {
      expiresAt: string;
      destroyOnExpiry: boolean;
    }
  | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const at = parseExpiresAt(annotations[ANNOTATION_EXPIRES_AT]);
  if (!at) return undefined;
  return {
    expiresAt: at.toISOString(),
    destroyOnExpiry: annotations[ANNOTATION_DESTROY_ON_EXPIRY] === 'true',
  };
}

/** `2026-12-10` or `2026-12-10 18:00 UTC` when not at midnight. */
function showDate(iso: string) {
  const time = iso.slice(11, 16);
  return time === '00:00'
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${time} UTC`;
}

/**
 * "Expires in N days" (a warning colour within 3 days) or "Expired on <date>" for a preview
 * environment with `spec.expiresAt`; nothing for one that does not expire.
 */
export function EnvironmentExpiryChip(props: {
  entity: Entity;
  /** The clock; default the current time. */
  now?: Date;
}) {
  const expiry = entityExpiry(props.entity);
  if (!expiry) return null;
  const now = props.now ?? new Date();
  const state = expiryState(expiry.expiresAt, now);
  const days = daysUntilExpiry(expiry.expiresAt, now) ?? 0;
  const then = expiry.destroyOnExpiry ? 'destroyed' : 'marked expired';
  const label =
    state === 'expired'
      ? `Expired on ${showDate(expiry.expiresAt)}`
      : `Expires in ${days} day${days === 1 ? '' : 's'}`;
  const title =
    state === 'expired'
      ? `This preview environment expired on ${showDate(expiry.expiresAt)}${
          expiry.destroyOnExpiry ? ' and is destroyed' : ''
        }.`
      : `This preview environment expires on ${showDate(
          expiry.expiresAt,
        )} (spec.expiresAt) and is then ${then}.`;
  return (
    <Chip
      role="status"
      aria-label="Expiry"
      title={title}
      label={label}
      color={state ? 'secondary' : 'default'}
      variant={state === 'expired' ? 'default' : 'outlined'}
      size="small"
    />
  );
}
