import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { HistoryResponse } from '@terrace/plugin-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { readEnvironmentEntity } from '../locate/environmentEntity';
import type { HistoryStore } from './HistoryStore';

const costDelta = z.object({
  before: z.number(),
  after: z.number(),
  difference: z.number(),
  currency: z.literal('USD'),
});

/** The body of `POST /v1/history`: one `EnvironmentEvent`. */
export const environmentEventSchema = z.object({
  environment: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'must be an environment name'),
  kind: z.enum(['create', 'change', 'drift', 'destroy', 'approval', 'expiry']),
  at: z.iso.datetime({ message: 'must be an ISO 8601 UTC time' }),
  actor: z.string().min(1).max(255),
  summary: z.string().min(1).max(4000),
  costDelta: costDelta.optional(),
  taskId: z.string().min(1).max(64).optional(),
});

/** The first problem of a zod parse, as `field: message`. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/**
 * `GET /v1/environments/:namespace/:name/history` (user or service; 404 for an environment the
 * caller may not read, as the catalog answers with their credentials) and `POST /v1/history`
 * (service credentials only: the scaffolder's actions record what they did).
 */
export function createHistoryRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  history: HistoryStore;
}): express.Router {
  const { httpAuth, catalog, history } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/v1/environments/:namespace/:name/history', async (req, res) => {
    const { name } = await readEnvironmentEntity(req, { httpAuth, catalog });
    const body: HistoryResponse = { items: await history.list(name) };
    res.json(body);
  });

  router.post('/v1/history', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const parsed = environmentEventSchema.safeParse(req.body);
    if (!parsed.success) throw new InputError(firstProblem(parsed.error));
    await history.record(parsed.data);
    res.status(201).json(parsed.data);
  });

  return router;
}
