import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets the catalog accept `file` locations registered through its API, besides `url` ones. Only
 * the embedded default needs it: `terrace:git:publish` keeps repositories in a local folder and
 * `terrace:catalog:register` registers the checked-out `catalog-info.yaml` as a file location.
 * With a git host (GitHub integration) leave it out: the template then registers a URL.
 * Note that it lets anyone allowed to create catalog locations point the catalog at files on the
 * Backstage host.
 * @public
 */
export const catalogModuleEnvironmentFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'terrace-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
