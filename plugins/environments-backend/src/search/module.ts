import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { environmentCatalogCollatorTransformer } from './environmentDocuments';

/**
 * Search module: environments are indexed with their cloud, region and tier
 * (add it beside `@backstage/plugin-search-backend-module-catalog`).
 * @public
 */
export const searchModuleEnvironments = createBackendModule({
  pluginId: 'search',
  moduleId: 'terrace-environments',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(environmentCatalogCollatorTransformer);
      },
    });
  },
});
