import {
  coreServices,
  createServiceFactory,
  type AuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The test backend's mock auth service turns an on-behalf-of token back into a plain user, so the
 * real permission backend would see the catalog's conditional request as a direct user request
 * and refuse it. This keeps the mock tokens but restores the calling plugin as the actor, as the
 * real auth service does.
 */
export const onBehalfOfAwareAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    const auth: AuthService = {
      authenticate: async (token, options) => {
        if (token.startsWith(prefix)) {
          const { sub, obo } = JSON.parse(token.slice(prefix.length));
          if (obo) {
            await inner.authenticate(token, options);
            return mockCredentials.user(obo, {
              actor: { subject: sub ?? 'plugin' },
            }) as any;
          }
        }
        return inner.authenticate(token, options);
      },
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: ((credentials: any, type: any) =>
        inner.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
      getPluginRequestToken: options => inner.getPluginRequestToken(options),
      getLimitedUserToken: credentials =>
        inner.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
    };
    return auth;
  },
});
