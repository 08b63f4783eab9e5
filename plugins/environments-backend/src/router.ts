import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SCAFFOLDER_TASK_ID,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TERRAFORM_EXECUTOR,
  CONFIGURE_LOCATION,
  DRIFT_NOT_CHECKED,
  ENVIRONMENT_ENTITY_TYPE,
  SECTIONS,
  environmentApplyPermission,
  environmentOverviewReadPermission,
  isEnvironmentEntity,
  type AccountsResponse,
  type EnvironmentDrift,
  type OverviewItem,
  type EnvironmentSpecResponse,
  type EstimateProblemsResponse,
  type OverviewResponse,
  type PendingChangesResponse,
  type PlanResponse,
  type Section,
  type SectionBase,
} from '@terrace/plugin-environments-common';
import {
  readPublishSettings,
  type ConfiguredAccounts,
} from '@terrace/plugin-environments-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { listPendingChanges } from './changes/pendingChanges';
import type { DriftChecker } from './drift/DriftChecker';
import { readEnvironmentEntity } from './locate/environmentEntity';
import type { DriftStore } from './drift/DriftStore';
import { withExpiry } from './expiry/overview';
import { estimateFromBody } from './estimate/estimateFromBody';
import {
  locateEnvironment,
  type EnvironmentRef,
  type UnlocatedEnvironment,
} from './locate/locateEnvironment';
import type { PlanSource } from './plan/PlanSource';
import type { StatusReadersLookup } from './readers/types';
import type { EnvironmentStatusService } from './service/types';

export interface RouterOptions {
  config: Config;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: EnvironmentStatusService;
  /** The status readers per cloud: where an entity's cloud says it lives, and what to configure. */
  readers: StatusReadersLookup;
  /** The estimate, planned resources and apply state of an environment, from its repo and task. */
  plan: PlanSource;
  /** The accounts new environments may be placed in, per cloud (the form's account picker). */
  accounts: ConfiguredAccounts;
  /** Drift: the latest check per environment, and the checker behind "check now". */
  drift?: { store: DriftStore; checker: DriftChecker };
  /** The clock the overview's expiry state is read at; default the current time. */
  now?: () => Date;
}

const sectionParams = z.object({
  namespace: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'must be a catalog namespace'),
  name: z
    .string()
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/,
      'must be a catalog entity name',
    ),
  section: z.enum(SECTIONS),
});

function notConfiguredSection(
  section: Section,
  environment: UnlocatedEnvironment,
) {
  const base = {
    status: 'not-configured' as const,
    error: environment.problem,
    configure: environment.configure?.[section] ?? CONFIGURE_LOCATION,
    updatedAt: new Date().toISOString(),
  };
  return section === 'cost'
    ? { ...base, currency: 'USD', byService: [] }
    : { ...base, items: [] };
}

function notConfiguredOverview(
  environment: UnlocatedEnvironment,
): OverviewItem {
  const item: OverviewItem = {
    entityRef: environment.entityRef,
    namespace: environment.namespace,
    name: environment.name,
    alarms: { status: 'not-configured', ok: 0, alarm: 0, insufficientData: 0 },
    backups: { status: 'not-configured' },
    cost: { status: 'not-configured', currency: 'USD' },
  };
  for (const key of ['title', 'owner', 'cloud', 'region', 'tier'] as const) {
    if (environment[key]) item[key] = environment[key];
  }
  return item;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    catalog,
    status,
    logger,
    readers,
    plan,
    accounts,
    drift,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // the Create environment form's account picker: ids and titles only, never credentials
  router.get('/v1/accounts', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: AccountsResponse = { items: accounts.all() };
    res.json(body);
  });

  const environmentEntity = (req: express.Request) =>
    readEnvironmentEntity(req, { httpAuth, catalog });

  // before the sections: what a new environment's page shows before the cloud answers
  router.get('/v1/environments/:namespace/:name/plan', async (req, res) => {
    const { entity, credentials, namespace, name } = await environmentEntity(
      req,
    );
    const annotations = entity.metadata.annotations ?? {};
    const body: PlanResponse = await plan.getPlan({
      entityRef: `resource:${namespace}/${name}`.toLocaleLowerCase('en-US'),
      sourceLocation: annotations[ANNOTATION_SOURCE_LOCATION],
      taskId: annotations[ANNOTATION_SCAFFOLDER_TASK_ID],
      credentials,
    });
    res.json(body);
  });

  // the Update environment form opens with the current spec (the entity page's "Change" action)
  router.get('/v1/environments/:namespace/:name/spec', async (req, res) => {
    const { entity, namespace, name } = await environmentEntity(req);
    const body: EnvironmentSpecResponse = await plan.getSpec({
      entityRef: `resource:${namespace}/${name}`.toLocaleLowerCase('en-US'),
      sourceLocation: entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
      executor: entity.metadata.annotations?.[ANNOTATION_TERRAFORM_EXECUTOR],
    });
    res.json(body);
  });

  // the changes proposed by "Change this environment" and not applied yet (the entity page's
  // "Pending changes", each with "Review and apply"); before the sections
  router.get('/v1/environments/:namespace/:name/changes', async (req, res) => {
    const { entity } = await environmentEntity(req);
    const body: PendingChangesResponse = await listPendingChanges(
      entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
      readPublishSettings(options.config).localRoot,
    );
    res.json(body);
  });

  // drift: the latest check (GET), a check now (POST); before the sections
  router.get('/v1/environments/:namespace/:name/drift', async (req, res) => {
    const { entity } = await environmentEntity(req);
    const environment = entity.metadata.name;
    const body: EnvironmentDrift = (await drift?.store.get(environment)) ?? {
      environment,
      status: 'unknown',
      checkedAt: new Date().toISOString(),
      reason: DRIFT_NOT_CHECKED,
    };
    res.json(body);
  });

  router.post('/v1/environments/:namespace/:name/drift', async (req, res) => {
    const { entity, credentials } = await environmentEntity(req);
    const [decision] = await permissions.authorize(
      [{ permission: environmentApplyPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not check environment "${entity.metadata.name}" for drift (permission ${environmentApplyPermission.name})`,
      );
    }
    if (!drift) {
      throw new NotFoundError('Drift checks are not set up in this backend');
    }
    const actor =
      'userEntityRef' in credentials.principal
        ? (credentials.principal as { userEntityRef: string }).userEntityRef
        : 'terrace';
    const body: EnvironmentDrift = await drift.checker.check(entity, {
      actor,
    });
    res.json(body);
  });

  router.get('/v1/environments/:namespace/:name/:section', async (req, res) => {
    const parsed = sectionParams.safeParse(req.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const { namespace, name, section } = parsed.data;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // the catalog answers only what the caller may read, so a refused entity is a 404 like a missing one
    const entity = await catalog.getEntityByRef(
      { kind: 'resource', namespace, name },
      { credentials },
    );
    if (!entity || !isEnvironmentEntity(entity)) {
      throw new NotFoundError(`No environment resource:${namespace}/${name}`);
    }
    const located = locateEnvironment(entity, readers);
    if (!located.located) {
      res.json(notConfiguredSection(section, located.environment));
      return;
    }
    const started = Date.now();
    const ref = located.ref;
    const answers: Record<Section, () => Promise<SectionBase>> = {
      resources: () => status.getResources(ref),
      alarms: () => status.getAlarms(ref),
      backups: () => status.getBackups(ref),
      cost: () => status.getCost(ref),
    };
    const answer = await answers[section]();
    if (answer.status === 'not-configured' && !answer.configure) {
      const configure = readers.get(ref.cloud)?.configure[section];
      if (configure) answer.configure = configure;
    }
    logger.debug('Answered environment section', {
      entityRef: ref.entityRef,
      section,
      status: answer.status,
      durationMs: Date.now() - started,
    });
    res.json(answer);
  });

  router.get('/v1/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: environmentOverviewReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the environments overview');
    }
    const { items: entities } = await catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': ENVIRONMENT_ENTITY_TYPE } },
      { credentials },
    );
    const located: EnvironmentRef[] = [];
    const rows: (OverviewItem | number)[] = [];
    for (const entity of entities) {
      const result = locateEnvironment(entity, readers);
      if (result.located) {
        rows.push(located.length);
        located.push(result.ref);
      } else {
        rows.push(notConfiguredOverview(result.environment));
      }
    }
    const items = await status.getOverview(located);
    const at = (options.now ?? (() => new Date()))();
    let rowItems = rows.map((row, i) =>
      withExpiry(typeof row === 'number' ? items[row] : row, entities[i], at),
    );
    if (drift) {
      const statuses = await drift.store.statuses(
        rowItems.map(item => item.name),
      );
      // copies: the status service may cache its items
      rowItems = rowItems.map(item => ({
        ...item,
        drift: statuses.get(item.name) ?? 'unknown',
      }));
    }
    const body: OverviewResponse = {
      updatedAt: new Date().toISOString(),
      items: rowItems,
    };
    res.json(body);
  });

  router.post('/v1/estimate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const result = estimateFromBody(req.body);
    if (!result.ok) {
      const body: EstimateProblemsResponse = {
        error: {
          name: 'InputError',
          message: result.problems
            .map(p => `${p.path}: ${p.message}`)
            .join('\n'),
        },
        problems: result.problems,
      };
      res.status(400).json(body);
      return;
    }
    res.json(result.estimate);
  });

  return router;
}
