import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import { awsStatusReadersFromConfig } from './aws';
import { azureStatusReadersFromConfig } from './azure';
import { gcpStatusReadersFromConfig } from './gcp';
import type { StatusReaders, StatusReadersLookup } from './types';

/**
 * The status readers of the portal, one per cloud. AWS is there by default; a backend module adds
 * another cloud through {@link environmentsStatusReadersExtensionPoint}, so a portal carries only
 * the SDKs of the clouds it reads.
 * @public
 */
export class StatusReadersRegistry implements StatusReadersLookup {
  private readonly byCloud = new Map<string, StatusReaders>();

  constructor(readers: StatusReaders[] = []) {
    this.add(...readers);
  }

  /** Adds (or replaces) the readers of their cloud. */
  add(...readers: StatusReaders[]): void {
    for (const r of readers) this.byCloud.set(r.cloud, r);
  }

  get(cloud: string): StatusReaders | undefined {
    return this.byCloud.get(cloud);
  }

  list(): StatusReaders[] {
    return [...this.byCloud.values()];
  }
}

/**
 * The registry of the `environments` plugin; the default holds the AWS readers built from
 * app-config, the Azure readers when `environments.azure` is configured and the Google Cloud
 * readers when `environments.gcp` is set. The status service and the router read it by the
 * entity's `terrace.dev/cloud`.
 * @public
 */
export const statusReadersRegistryServiceRef: ServiceRef<
  StatusReadersRegistry,
  'plugin',
  'singleton'
> = createServiceRef<StatusReadersRegistry>({
  id: 'terrace.environments.status-readers',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, cache: coreServices.cache },
      factory: ({ config, cache }) =>
        new StatusReadersRegistry([
          // bucket settings in the plugin's cache: every replica answers from any replica's reads
          awsStatusReadersFromConfig(config, { cache }),
          ...(config.has('environments.azure')
            ? [azureStatusReadersFromConfig(config)]
            : []),
          // Google Cloud joins when environments.gcp is configured
          ...gcpStatusReadersFromConfig(config),
        ]),
    }),
});

/** @public What a backend module can do to the `environments` plugin's status readers. */
export interface EnvironmentsStatusReadersExtensionPoint {
  /** Adds the readers of a cloud (replacing any the plugin has for it). */
  addStatusReaders(...readers: StatusReaders[]): void;
}

/**
 * Lets a backend module add a cloud's status readers:
 * `env.registerInit({ deps: { readers: environmentsStatusReadersExtensionPoint }, init: ({ readers }) => readers.addStatusReaders(azureReaders) })`.
 * @public
 */
export const environmentsStatusReadersExtensionPoint =
  createExtensionPoint<EnvironmentsStatusReadersExtensionPoint>({
    id: 'environments.status-readers',
  });
