import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EnvironmentTemplateProvider } from './EnvironmentTemplateProvider';

const PACKAGE = '@terrace/plugin-catalog-backend-module-environments-template';

/**
 * Catalog module: registers the templates shipped in this package (every
 * `templates/<name>/template.yaml`), so a portal gets them with `backend.add(...)` and no catalog
 * location.
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
        const root = resolvePackagePath(PACKAGE, 'templates');
        const files = readdirSync(root, { withFileTypes: true })
          .filter(d => d.isDirectory())
          .map(d => path.join(root, d.name, 'template.yaml'))
          .filter(f => existsSync(f))
          .sort();
        catalog.addEntityProvider(
          new EnvironmentTemplateProvider({
            files,
            version,
            logger,
          }),
        );
      },
    });
  },
});
