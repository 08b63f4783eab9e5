import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { EnvironmentApproval } from '@terrace/plugin-environments-common';

const TABLE = 'environment_approvals';

interface ApprovalRow {
  id: string;
  environment: string;
  action: EnvironmentApproval['action'];
  requested_by: string;
  requested_at: string;
  task_id: string | null;
  status: EnvironmentApproval['status'];
  decided_by: string | null;
  decided_at: string | null;
}

function fromRow(row: ApprovalRow): EnvironmentApproval {
  const approval: EnvironmentApproval = {
    id: row.id,
    environment: row.environment,
    action: row.action,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    status: row.status,
  };
  if (row.task_id) approval.taskId = row.task_id;
  if (row.decided_by) approval.decidedBy = row.decided_by;
  if (row.decided_at) approval.decidedAt = row.decided_at;
  return approval;
}

/** What is asked to be approved (`POST /v1/approvals`). */
export interface NewApproval {
  environment: string;
  action: EnvironmentApproval['action'];
  /** User entity ref of the requester. */
  requestedBy: string;
  taskId?: string;
}

/**
 * Approvals of production applies and destroys (table `environment_approvals`). An approval is
 * created `pending` and decided once: `approved` or `rejected`, with who and when.
 */
export class ApprovalStore {
  constructor(private readonly knex: Knex) {}

  /** Creates a pending approval with a new id; `at` is the request time. */
  async create(request: NewApproval, at: Date): Promise<EnvironmentApproval> {
    const row: ApprovalRow = {
      id: randomUUID(),
      environment: request.environment,
      action: request.action,
      requested_by: request.requestedBy,
      requested_at: at.toISOString(),
      task_id: request.taskId ?? null,
      status: 'pending',
      decided_by: null,
      decided_at: null,
    };
    await this.knex<ApprovalRow>(TABLE).insert(row);
    return fromRow(row);
  }

  /** The approval, or undefined when there is none with that id. */
  async get(id: string): Promise<EnvironmentApproval | undefined> {
    const row = await this.knex<ApprovalRow>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Approvals, oldest request first, filtered by status and/or environment name. */
  async list(filter: {
    status?: EnvironmentApproval['status'];
    environment?: string;
  }): Promise<EnvironmentApproval[]> {
    const query = this.knex<ApprovalRow>(TABLE).orderBy([
      { column: 'requested_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.status) query.where('status', filter.status);
    if (filter.environment) query.where('environment', filter.environment);
    return (await query).map(fromRow);
  }

  /**
   * Decides a pending approval. Answers the decided approval, or undefined when it is not pending
   * (any more): only one decision is ever recorded, even when two people decide at once.
   */
  async decide(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      at: Date;
    },
  ): Promise<EnvironmentApproval | undefined> {
    const updated = await this.knex<ApprovalRow>(TABLE)
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: decision.at.toISOString(),
      });
    return updated === 1 ? this.get(id) : undefined;
  }
}
