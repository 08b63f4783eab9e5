import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ANNOTATION_DESTROY_ON_EXPIRY,
  ANNOTATION_EXPIRES_AT,
  ANNOTATION_TIER,
  ENVIRONMENT_ENTITY_TYPE,
  EXPIRING_TIERS,
  EXPIRING_WITHIN_DAYS,
  parseExpiresAt,
  type Tier,
} from '@terrace/plugin-environments-common';
import type { ExpiryDestroyer } from './ExpiryDestroyer';
import type { ExpiryNotice, ExpiryNoticeStore } from './ExpiryNoticeStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The notifications' topic, so users can mute or filter them. */
export const EXPIRY_NOTIFICATION_TOPIC = 'environment-expiry';

/** What one run did, for the log and the tests. */
export interface ExpiryRunResult {
  /** Environment entities with a `terrace.dev/expires-at` annotation that were looked at. */
  checked: number;
  /** Notices claimed and sent (or, for `destroy`, started) in this run. */
  sent: Array<{ entityRef: string; notice: ExpiryNotice; taskId?: string }>;
}

/** Options of {@link EnvironmentExpiry}. */
export interface EnvironmentExpiryOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  notices: ExpiryNoticeStore;
  /**
   * Backstage's notifications service; undefined when the portal has no notifications backend:
   * then no reminder is sent (said once in the log) and expired environments that opted in are
   * still destroyed.
   */
  notifications?: NotificationService;
  destroyer: ExpiryDestroyer;
  /** The clock; default the current time. */
  now?: () => Date;
}

/**
 * Expiry of preview environments: for every environment entity with a `terrace.dev/expires-at`
 * annotation (dev and staging tiers), tells its owner (`spec.owner`, through Backstage
 * notifications) 3 days and 1 day before it expires and when it has expired, each once per expiry
 * date; an expired environment with `terrace.dev/destroy-on-expiry: "true"` gets the Destroy
 * environment template started once. Run by the scheduler (`scheduleEnvironmentExpiry`).
 */
export class EnvironmentExpiry {
  private warnedNoNotifications = false;
  private warnedSendFailed = false;

  constructor(private readonly options: EnvironmentExpiryOptions) {}

  /** One pass over the catalog at the clock's time. */
  async run(): Promise<ExpiryRunResult> {
    const { catalog, auth } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': ENVIRONMENT_ENTITY_TYPE,
        },
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const result: ExpiryRunResult = { checked: 0, sent: [] };
    for (const entity of items) {
      const expiresAtText =
        entity.metadata.annotations?.[ANNOTATION_EXPIRES_AT];
      if (!expiresAtText) continue;
      const tier = entity.metadata.annotations?.[ANNOTATION_TIER] as Tier;
      const entityRef = stringifyEntityRef(entity);
      const expiresAt = parseExpiresAt(expiresAtText);
      if (!expiresAt || !EXPIRING_TIERS.includes(tier)) {
        this.options.logger.warn('Environment expiry annotation ignored', {
          entityRef,
          expiresAt: expiresAtText,
          tier,
          reason: !expiresAt
            ? `${ANNOTATION_EXPIRES_AT} is not an ISO 8601 UTC date`
            : `only ${EXPIRING_TIERS.join(' and ')} environments expire`,
        });
        continue;
      }
      result.checked += 1;
      try {
        await this.checkOne(entity, entityRef, expiresAt, now, result);
      } catch (error) {
        this.options.logger.error('Environment expiry check failed', {
          entityRef,
          error: String(error),
        });
      }
    }
    return result;
  }

  private async checkOne(
    entity: Entity,
    entityRef: string,
    expiresAt: Date,
    now: Date,
    result: ExpiryRunResult,
  ) {
    const left = expiresAt.getTime() - now.getTime();
    const key = expiresAt.toISOString();
    const { notices } = this.options;
    if (left > EXPIRING_WITHIN_DAYS * DAY_MS) return;
    if (left > 0) {
      // a run that first sees it within a day sends only the 1-day notice
      const notice: ExpiryNotice = left <= DAY_MS ? '1-day' : '3-days';
      if (await this.notify(entity, entityRef, key, notice, now)) {
        result.sent.push({ entityRef, notice });
      }
      return;
    }
    let destroy: { taskId?: string; error?: string } | undefined;
    if (
      entity.metadata.annotations?.[ANNOTATION_DESTROY_ON_EXPIRY] === 'true' &&
      (await notices.claim(entityRef, key, 'destroy', now))
    ) {
      try {
        const { taskId } = await this.options.destroyer.destroy({
          entityRef,
          name: entity.metadata.name,
        });
        await notices.setTaskId(entityRef, key, 'destroy', taskId);
        destroy = { taskId };
        result.sent.push({ entityRef, notice: 'destroy', taskId });
        this.options.logger.info('Started destroying expired environment', {
          entityRef,
          expiresAt: key,
          taskId,
        });
      } catch (error) {
        // the next run tries again
        await notices.release(entityRef, key, 'destroy');
        destroy = { error: String(error) };
        this.options.logger.error(
          'Could not start destroying expired environment',
          {
            entityRef,
            error: String(error),
          },
        );
      }
    }
    if (await this.notify(entity, entityRef, key, 'expired', now, destroy)) {
      result.sent.push({ entityRef, notice: 'expired' });
    }
  }

  /** Claims and sends one notice; false when it was sent before or could not be sent. */
  private async notify(
    entity: Entity,
    entityRef: string,
    expiresAt: string,
    notice: ExpiryNotice,
    now: Date,
    destroy?: { taskId?: string; error?: string },
  ): Promise<boolean> {
    const { notifications, notices, logger } = this.options;
    if (!notifications) {
      if (!this.warnedNoNotifications) {
        this.warnedNoNotifications = true;
        logger.warn(
          'No notifications service: environment expiry reminders are not sent (add @backstage/plugin-notifications-backend to the backend)',
        );
      }
      return false;
    }
    const owner = ownerRef(entity);
    if (!owner) {
      logger.warn('Expiring environment has no owner to notify', {
        entityRef,
      });
      return false;
    }
    if (!(await notices.claim(entityRef, expiresAt, notice, now))) {
      return false;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: expiryPayload(entity, expiresAt, notice, destroy),
      });
      return true;
    } catch (error) {
      await notices.release(entityRef, expiresAt, notice);
      if (!this.warnedSendFailed) {
        this.warnedSendFailed = true;
        logger.warn(
          'Could not send an environment expiry notification; retried on the next run',
          { entityRef, notice, error: String(error) },
        );
      }
      return false;
    }
  }
}

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** `2026-12-08 14:03 UTC` */
function showTime(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The entity page of an environment, relative to the app. */
export function entityPageLink(entity: Entity) {
  return `/catalog/${
    entity.metadata.namespace ?? 'default'
  }/${entity.kind.toLocaleLowerCase('en-US')}/${entity.metadata.name}`;
}

/** The notification of one notice (title, description, link to the entity page). */
export function expiryPayload(
  entity: Entity,
  expiresAt: string,
  notice: ExpiryNotice,
  destroy?: { taskId?: string; error?: string },
) {
  const name = entity.metadata.name;
  const when = showTime(expiresAt);
  const optedIn =
    entity.metadata.annotations?.[ANNOTATION_DESTROY_ON_EXPIRY] === 'true';
  const then = optedIn
    ? 'It will then be destroyed (spec.destroyOnExpiry).'
    : 'It will then be marked expired; it keeps running, and costing, until it is destroyed.';
  const base = {
    link: entityPageLink(entity),
    topic: EXPIRY_NOTIFICATION_TOPIC,
    scope: `${EXPIRY_NOTIFICATION_TOPIC}:${stringifyEntityRef(
      entity,
    )}:${expiresAt}:${notice}`,
  };
  switch (notice) {
    case '3-days':
      return {
        ...base,
        title: `Environment ${name} expires in ${EXPIRING_WITHIN_DAYS} days`,
        description: `${name} expires on ${when}. ${then} To keep it, move spec.expiresAt in its environment.yaml.`,
        severity: 'normal' as const,
      };
    case '1-day':
      return {
        ...base,
        title: `Environment ${name} expires tomorrow`,
        description: `${name} expires on ${when}. ${then} To keep it, move spec.expiresAt in its environment.yaml.`,
        severity: 'high' as const,
      };
    default: {
      let description = `${name} expired on ${when}.`;
      if (destroy?.taskId) {
        description += ` It is being destroyed: scaffolder task ${destroy.taskId}.`;
      } else if (destroy?.error) {
        description += ` Starting its destruction failed (${destroy.error}); it is retried on the next run.`;
      } else {
        description +=
          ' It keeps running, and costing, until it is destroyed (Destroy environment) or spec.expiresAt is moved.';
      }
      return {
        ...base,
        title: `Environment ${name} has expired`,
        description,
        severity: 'high' as const,
      };
    }
  }
}
