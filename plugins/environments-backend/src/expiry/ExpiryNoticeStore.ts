import type { Knex } from 'knex';

/**
 * The notices of an environment's expiry: `3-days` and `1-day` before, `expired` on the day,
 * `destroy` when the Destroy environment template was started.
 */
export type ExpiryNotice = '3-days' | '1-day' | 'expired' | 'destroy';

const TABLE = 'environment_expiry_notices';

/**
 * Remembers which expiry notices were sent (table `environment_expiry_notices`, migration
 * `20261201130000_expiry_notices.js`). A notice is claimed before it is sent, so two replicas
 * never both send it; a send that fails releases the claim so the next run tries again.
 */
export class ExpiryNoticeStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Claims `notice` for this environment and expiry date (ISO 8601 UTC). True when this caller
   * claimed it now; false when it was claimed before.
   */
  async claim(
    entityRef: string,
    expiresAt: string,
    notice: ExpiryNotice,
    sentAt: Date,
  ): Promise<boolean> {
    const inserted = await this.knex(TABLE)
      .insert({
        entity_ref: entityRef,
        expires_at: expiresAt,
        notice,
        sent_at: sentAt.toISOString(),
      })
      .onConflict(['entity_ref', 'expires_at', 'notice'])
      .ignore()
      .returning('notice');
    return inserted.length > 0;
  }

  /** Gives back a claim whose notice could not be sent. */
  async release(
    entityRef: string,
    expiresAt: string,
    notice: ExpiryNotice,
  ): Promise<void> {
    await this.knex(TABLE)
      .where({ entity_ref: entityRef, expires_at: expiresAt, notice })
      .delete();
  }

  /** Records the task that a `destroy` notice started. */
  async setTaskId(
    entityRef: string,
    expiresAt: string,
    notice: ExpiryNotice,
    taskId: string,
  ): Promise<void> {
    await this.knex(TABLE)
      .where({ entity_ref: entityRef, expires_at: expiresAt, notice })
      .update({ task_id: taskId });
  }

  /** Every notice sent for an environment, oldest first. */
  async list(entityRef: string): Promise<
    Array<{
      expiresAt: string;
      notice: ExpiryNotice;
      sentAt: string;
      taskId?: string;
    }>
  > {
    const rows = await this.knex(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([{ column: 'sent_at' }, { column: 'notice' }]);
    return rows.map(r => ({
      expiresAt: r.expires_at,
      notice: r.notice,
      sentAt: r.sent_at,
      ...(r.task_id ? { taskId: r.task_id } : {}),
    }));
  }
}
