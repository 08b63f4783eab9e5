import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  environmentApprovePermission,
  isEnvironmentEntity,
  type ApprovalsResponse,
  type EnvironmentApproval,
} from '@terrace/plugin-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { HistoryStore } from '../history/HistoryStore';
import { firstProblem } from '../history/router';
import type { ApprovalStore } from './ApprovalStore';
import { environmentPermissionResourceRef } from './permissionRules';

const ENVIRONMENT = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const USER_REF = /^user:[a-z0-9._-]+\/[a-zA-Z0-9._@-]+$/i;

const newApproval = z.object({
  environment: z.string().regex(ENVIRONMENT, 'must be an environment name'),
  action: z.enum(['apply', 'destroy']),
  requestedBy: z
    .string()
    .regex(USER_REF, 'must be a user entity ref, e.g. user:default/alice'),
  taskId: z.string().min(1).max(64).optional(),
});

const listQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  environment: z
    .string()
    .regex(ENVIRONMENT, 'must be an environment name')
    .optional(),
});

const idParams = z.object({
  id: z.string().regex(/^[a-zA-Z0-9-]{1,64}$/, 'must be an approval id'),
});

/** The environment entity of an approval (namespace `default`, where Terrace registers them). */
function environmentRef(environment: string) {
  return { kind: 'resource', namespace: 'default', name: environment };
}

const VERB = { approved: 'Approved', rejected: 'Rejected' } as const;

/**
 * Approvals of production applies and destroys:
 * - `GET /v1/approvals?status=&environment=` (user or service): those of environments the caller
 *   may read in the catalog, oldest request first;
 * - `GET /v1/approvals/:id` (user or service; 404 when missing or its environment is unreadable);
 * - `POST /v1/approvals` (service only): a pending approval of `{ environment, action,
 *   requestedBy, taskId? }`, 201;
 * - `POST /v1/approvals/:id/approve` and `/reject` (user only): 403 for the requester and for a
 *   user without `terrace.environment.approve` on the environment (a conditional decision is
 *   applied to its entity, e.g. `IS_ENVIRONMENT_OWNER`), 409 unless pending; records who and when
 *   and a history event of kind `approval`;
 * - `POST /v1/approvals/:id/withdraw` (service only; body `{ reason }`): the task stopped waiting,
 *   so the pending approval is closed (`rejected` by `terrace`) with a history event saying why.
 */
export function createApprovalsRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  approvals: ApprovalStore;
  history: HistoryStore;
  logger: LoggerService;
  /** The clock; injected in tests. */
  now?: () => Date;
}): express.Router {
  const { httpAuth, permissions, catalog, approvals, history, logger } =
    options;
  const now = options.now ?? (() => new Date());
  const authorizeOnEntity = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(
      environmentPermissionResourceRef,
    ),
  );
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const readable = async (
    environment: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> => {
    const entity = await catalog.getEntityByRef(environmentRef(environment), {
      credentials,
    });
    return entity && isEnvironmentEntity(entity) ? entity : undefined;
  };

  const load = async (
    id: unknown,
    credentials: BackstageCredentials,
  ): Promise<{ approval: EnvironmentApproval; entity?: Entity }> => {
    const parsed = idParams.safeParse({ id });
    if (!parsed.success) throw new InputError(firstProblem(parsed.error));
    const approval = await approvals.get(parsed.data.id);
    const entity = approval
      ? await readable(approval.environment, credentials)
      : undefined;
    if (!approval || (!entity && isUser(credentials))) {
      throw new NotFoundError(`No approval ${parsed.data.id}`);
    }
    return { approval, entity };
  };

  router.get('/v1/approvals', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) throw new InputError(firstProblem(parsed.error));
    let items = await approvals.list(parsed.data);
    if (isUser(credentials) && items.length > 0) {
      const names = [...new Set(items.map(a => a.environment))];
      const { items: entities } = await catalog.getEntitiesByRefs(
        {
          entityRefs: names.map(n => `resource:default/${n}`),
          fields: ['kind', 'metadata.name', 'spec.type'],
        },
        { credentials },
      );
      const allowed = new Set(
        names.filter((_, i) => {
          const entity = entities[i];
          return entity && isEnvironmentEntity(entity);
        }),
      );
      items = items.filter(a => allowed.has(a.environment));
    }
    const body: ApprovalsResponse = { items };
    res.json(body);
  });

  router.get('/v1/approvals/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { approval } = await load(req.params.id, credentials);
    res.json(approval);
  });

  router.post('/v1/approvals', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const parsed = newApproval.safeParse(req.body);
    if (!parsed.success) throw new InputError(firstProblem(parsed.error));
    const approval = await approvals.create(parsed.data, now());
    logger.info(
      `Approval ${approval.id} of the ${approval.action} of ${approval.environment} requested by ${approval.requestedBy}`,
    );
    res.status(201).json(approval);
  });

  const decide =
    (status: 'approved' | 'rejected') =>
    async (req: express.Request, res: express.Response) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const user = credentials.principal.userEntityRef;
      const { approval, entity } = await load(req.params.id, credentials);
      if (approval.status !== 'pending') {
        throw new ConflictError(
          `Approval ${approval.id} is not pending: it was ${approval.status} by ${approval.decidedBy} at ${approval.decidedAt}`,
        );
      }
      if (
        approval.requestedBy.toLocaleLowerCase('en-US') ===
        user.toLocaleLowerCase('en-US')
      ) {
        throw new NotAllowedError(
          `You requested the ${approval.action} of ${approval.environment}: someone else with the ${environmentApprovePermission.name} permission must decide it`,
        );
      }
      const [decision] = await permissions.authorizeConditional(
        [{ permission: environmentApprovePermission }],
        { credentials },
      );
      const allowed =
        decision.result === AuthorizeResult.ALLOW ||
        (decision.result === AuthorizeResult.CONDITIONAL &&
          authorizeOnEntity(decision, entity));
      if (!allowed) {
        throw new NotAllowedError(
          `You may not decide the ${approval.action} of ${approval.environment} (permission ${environmentApprovePermission.name})`,
        );
      }
      const at = now();
      const decided = await approvals.decide(approval.id, {
        status,
        decidedBy: user,
        at,
      });
      if (!decided) {
        throw new ConflictError(
          `Approval ${approval.id} is not pending: someone decided it meanwhile`,
        );
      }
      await history.record({
        environment: approval.environment,
        kind: 'approval',
        at: at.toISOString(),
        actor: user,
        summary: `${VERB[status]} the ${approval.action} of ${approval.environment} requested by ${approval.requestedBy}`,
        ...(approval.taskId ? { taskId: approval.taskId } : {}),
      });
      logger.info(
        `Approval ${approval.id} of the ${approval.action} of ${approval.environment} ${status} by ${user}`,
      );
      res.json(decided);
    };

  // the gate stopped waiting (task cancelled, wait limit passed): nobody is asked any more
  const withdrawBody = z.object({
    reason: z.string().min(1).max(500),
  });
  router.post('/v1/approvals/:id/withdraw', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const parsed = withdrawBody.safeParse(req.body);
    if (!parsed.success) throw new InputError(firstProblem(parsed.error));
    const { approval } = await load(req.params.id, credentials);
    const at = now();
    const decided = await approvals.decide(approval.id, {
      status: 'rejected',
      decidedBy: 'terrace',
      at,
    });
    if (!decided) {
      throw new ConflictError(
        `Approval ${approval.id} is not pending: it was ${approval.status} by ${approval.decidedBy} at ${approval.decidedAt}`,
      );
    }
    await history.record({
      environment: approval.environment,
      kind: 'approval',
      at: at.toISOString(),
      actor: 'terrace',
      summary: `Withdrew the request to ${approval.action} ${approval.environment} by ${approval.requestedBy}: ${parsed.data.reason}`,
      ...(approval.taskId ? { taskId: approval.taskId } : {}),
    });
    res.json(decided);
  });

  router.post('/v1/approvals/:id/approve', decide('approved'));
  router.post('/v1/approvals/:id/reject', decide('rejected'));

  return router;
}

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}
