/*
 * The Terrace portal backend: the standard Backstage plugins plus the Terrace suite.
 * New backend system; every feature is added here and nothing else lives in this file.
 */
import { createBackend } from '@backstage/backend-defaults';
import { searchModuleEnvironments } from '@terrace/plugin-environments-backend';
import {
  catalogModuleEnvironmentFileLocations,
  urlReaderEnvironmentLocalRepositories,
} from '@terrace/plugin-scaffolder-backend-module-environments';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest sign-in for the embedded default (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// the Create environment template, shipped in its package (no catalog location needed)
backend.add(
  import('@terrace/plugin-catalog-backend-module-environments-template'),
);
// Embedded default only: lets terrace:catalog:register add the environment it published to a
// local bare repository as a `file` location. Remove it when environments publish to a git host.
backend.add(catalogModuleEnvironmentFileLocations);
// ... and lets the status API read those local repositories' cost.json (the estimate)
backend.add(urlReaderEnvironmentLocalRepositories);

// scaffolder, with the standard GitHub actions and the Terrace actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@terrace/plugin-scaffolder-backend-module-environments'));

// permissions: allow-all by default; the Terrace permissions are registered by its plugins
// so that a policy of your own can refuse them
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search: Lunr in memory (Postgres search engine when the database is Postgres)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// environments are indexed with their cloud, region and tier
backend.add(searchModuleEnvironments);

backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications: the environments plugin tells owners when a preview environment expires
backend.add(import('@backstage/plugin-notifications-backend'));

// Terrace: environment status API and the estimate endpoint
backend.add(import('@terrace/plugin-environments-backend'));

backend.start();
