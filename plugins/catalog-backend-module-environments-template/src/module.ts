import { readFileSync } from 'node:fs';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EnvironmentTemplateProvider } from './EnvironmentTemplateProvider';

const PACKAGE = '@terrace/plugin-catalog-backend-module-environments-template';

/**
 * Catalog module: registers the Create environment template shipped in this package, so a
 * portal gets it with `backend.add(...)` and no catalog location.
 * @public
 */
export const catalogModuleEnvironmentsTemplate = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'terrace-environments-template',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ catalog, logger }) {
        const { version } = JSON.parse(
          readFileSync(resolvePackagePath(PACKAGE, 'package.json'), 'utf8'),
        );
        catalog.addEntityProvider(
          new EnvironmentTemplateProvider({
            file: resolvePackagePath(
              PACKAGE,
              'templates/create-environment/template.yaml',
            ),
            version,
            logger,
          }),
        );
      },
    });
  },
});
