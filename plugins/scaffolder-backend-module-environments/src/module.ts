import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ConfiguredAccounts,
  HttpApprovalGate,
  readApprovalTiers,
  HttpEnvironmentHistoryRecorder,
  checkLocalRunFiles,
} from '@terrace/plugin-environments-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { generateEnvironmentFiles } from './generator';
import { readPublishSettings, readTerraformSettings } from './config';
import { createApplyTerraformAction } from './actions/applyTerraform';
import { createChangeEnvironmentAction } from './actions/changeEnvironment';
import { createDestroyEnvironmentAction } from './actions/destroyEnvironment';
import { createEstimateEnvironmentAction } from './actions/estimateEnvironment';
import { createFetchEnvironmentAction } from './actions/fetchEnvironment';
import { createGenerateEnvironmentAction } from './actions/generateEnvironment';
import {
  createMergeChangeAction,
  createPushChangeAction,
} from './actions/mergeChange';
import { createPublishGitAction } from './actions/publishGit';
import { createRegisterCatalogAction } from './actions/registerCatalog';

/**
 * The Terrace scaffolder actions: generate, estimate, publish, apply and register an environment,
 * propose a change of one and apply it (merge, apply, push), and fetch its repository and destroy it.
 * @public
 */
export const scaffolderModuleEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        discovery: coreServices.discovery,
      },
      async init({
        scaffolder,
        config,
        catalog,
        auth,
        permissions,
        discovery,
      }) {
        const publish = readPublishSettings(config);
        const terraform = readTerraformSettings(config);
        // a wrong aws.accounts / terrace.accounts entry stops the portal here, naming the key
        const accounts = ConfiguredAccounts.fromConfig(config);
        // a missing override or backend file stops the portal here, naming the key
        await checkLocalRunFiles(terraform.local);
        // history and approvals live in the environments backend, called with this plugin's credentials
        const history = new HttpEnvironmentHistoryRecorder({ discovery, auth });
        const approvals = HttpApprovalGate.fromConfig(config, {
          discovery,
          auth,
        });
        // which tiers wait for a second person (default prod; [] for a one-user portal)
        const approvalTiers = readApprovalTiers(config);
        scaffolder.addActions(
          createGenerateEnvironmentAction({
            generate: generateEnvironmentFiles,
            accounts,
            findExisting: async name => {
              const ref = `resource:default/${name}`;
              const entity = await catalog.getEntityByRef(ref, {
                credentials: await auth.getOwnServiceCredentials(),
              });
              return entity ? ref : undefined;
            },
            defaultSourceLocation: name =>
              pathToFileURL(path.join(publish.localRoot, name)).href,
          }),
          createEstimateEnvironmentAction(),
          createPublishGitAction({ settings: publish }),
          createApplyTerraformAction({
            settings: terraform,
            permissions,
            accounts,
            history,
            approvals,
            approvalTiers,
          }),
          createChangeEnvironmentAction({
            generate: generateEnvironmentFiles,
            publish,
            terraform,
            history,
          }),
          createRegisterCatalogAction({
            catalog,
            auth,
            waitSeconds:
              config.getOptionalNumber('terrace.catalog.waitSeconds') ?? 60,
          }),
          createFetchEnvironmentAction({ catalog, publish }),
          createMergeChangeAction({ publish }),
          createPushChangeAction({ publish, history }),
          createDestroyEnvironmentAction({
            settings: terraform,
            publish,
            permissions,
            catalog,
            history,
            approvals,
            approvalTiers,
          }),
        );
      },
    });
  },
});
