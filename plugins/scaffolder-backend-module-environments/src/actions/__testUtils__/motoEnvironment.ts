/**
 * The shared beginning of the actions' end-to-end tests on moto: a test backend running the real
 * catalog (the catalog backend plugin with the file-location module), and an environment created
 * as the Create template creates it (generate, the README's state backend, publish to the local
 * repository, register, apply with Terraform to moto).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
  type AuthService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { EnvironmentHistoryRecorder } from '@terrace/plugin-environments-node';
import { catalogModuleEnvironmentFileLocations } from '../../catalogModule';
import type { PublishSettings, TerraformSettings } from '../../config';
import { generateEnvironmentFiles } from '../../generator';
import { createApplyTerraformAction } from '../applyTerraform';
import { createGenerateEnvironmentAction } from '../generateEnvironment';
import { createPublishGitAction } from '../publishGit';
import { createRegisterCatalogAction } from '../registerCatalog';
import { mockContext } from './context';
import { createStateBackend, motoCredentials } from './moto';

/**
 * Starts a test backend with the real catalog (Resource and Location entities allowed, processed
 * every second, `terrace.publish.localRoot` = `localRoot`) and hands back its catalog service and
 * auth, as the actions reach them in the portal. `stop()` stops the backend.
 */
export async function startCatalogBackend(localRoot: string): Promise<{
  catalog: CatalogService;
  auth: AuthService;
  stop: () => Promise<void>;
}> {
  let catalog: CatalogService | undefined;
  let auth: AuthService | undefined;
  const capture = createBackendPlugin({
    pluginId: 'terrace-test-capture',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogServiceRef, auth: coreServices.auth },
        async init(deps) {
          catalog = deps.catalog;
          auth = deps.auth;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleEnvironmentFileLocations,
      capture,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://127.0.0.1' },
          catalog: {
            rules: [{ allow: ['Resource', 'Location'] }],
            processingInterval: { seconds: 1 },
          },
          terrace: { publish: { localRoot } },
        },
      }),
    ],
  });
  return { catalog: catalog!, auth: auth!, stop: () => backend.stop() };
}

/**
 * Creates an environment on moto as the Create template does, in `workspacePath`: generates it
 * from `input` (terrace:environment:generate's input; `input.name` is the environment), creates
 * the state backend its README names, publishes it to `publish.localRoot`, registers
 * `entityRef` in `catalog` and applies it with the local executor and the moto credentials of
 * `secret` (permission allowed; `history` and `taskId` passed to the apply when given). Returns
 * the apply's mocked context (its outputs). Rejects with the first action's error.
 */
export async function createEnvironmentOnMoto(options: {
  workspacePath: string;
  input: JsonObject & { name: string; region: string; tier: string };
  entityRef: string;
  secret: string;
  settings: TerraformSettings;
  publish: PublishSettings;
  catalog: CatalogService;
  auth: AuthService;
  history?: EnvironmentHistoryRecorder;
  taskId?: string;
}) {
  const { workspacePath, input, publish } = options;
  await createGenerateEnvironmentAction({
    generate: generateEnvironmentFiles,
    defaultSourceLocation: name =>
      `file://${path.join(publish.localRoot, name)}`,
  }).handler(mockContext({ input, workspacePath }));
  await createStateBackend(
    await fs.readFile(path.join(workspacePath, 'README.md'), 'utf8'),
    input.region,
    options.secret,
  );
  const published = mockContext({
    input: { name: input.name },
    workspacePath,
  });
  await createPublishGitAction({ settings: publish }).handler(published);
  const catalogInfoUrl = (published.output as jest.Mock).mock.calls.find(
    c => c[0] === 'catalogInfoUrl',
  )![1];
  await createRegisterCatalogAction({
    catalog: options.catalog,
    auth: options.auth,
    waitSeconds: 60,
  }).handler(
    mockContext({
      input: { catalogInfoUrl, entityRef: options.entityRef },
      workspacePath,
    }),
  );
  const apply = mockContext({
    input: {
      environment: input.name,
      tier: input.tier,
      executor: 'local',
      credentials: motoCredentials(options.secret),
    },
    workspacePath,
    ...(options.taskId ? { task: { id: options.taskId } as any } : {}),
  });
  await createApplyTerraformAction({
    settings: options.settings,
    permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    history: options.history,
  }).handler(apply);
  return apply;
}
