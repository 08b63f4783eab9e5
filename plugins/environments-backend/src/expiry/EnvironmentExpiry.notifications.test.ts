import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationService,
} from '@backstage/plugin-notifications-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { environmentsDatabase } from '../database/migrate';
import { EnvironmentExpiry } from './EnvironmentExpiry';
import { ExpiryNoticeStore } from './ExpiryNoticeStore';

jest.setTimeout(120_000);

/**
 * The reminders through Backstage's own notifications backend (in a test backend on 127.0.0.1,
 * with its SQLite database): the owning group's member finds them in their notifications.
 */
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/shop' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'shop-dev',
      namespace: 'default',
      annotations: {
        'terrace.dev/tier': 'dev',
        'terrace.dev/expires-at': '2026-12-10T12:00:00.000Z',
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  },
];

describe('expiry reminders through the notifications backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('arrive in the owning team member\'s notifications, once each', async () => {
    let notifications: NotificationService | undefined;
    // a plugin of the test backend that hands out its notifications service (HTTP to the backend)
    const capture = createBackendPlugin({
      pluginId: 'environments',
      register(env) {
        env.registerInit({
          deps: { notifications: notificationService },
          async init(deps) {
            notifications = deps.notifications;
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        notificationsPlugin,
        capture,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://127.0.0.1:3000' } },
        }),
      ],
    });

    const knex = await databases.init('SQLITE_3');
    await environmentsDatabase({ getClient: async () => knex });
    let clock = new Date('2026-12-07T13:00:00.000Z');
    const expiry = new EnvironmentExpiry({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      notices: new ExpiryNoticeStore(knex),
      notifications,
      destroyer: {
        destroy: async () => {
          throw new Error('not opted in: never called');
        },
      },
      now: () => clock,
    });

    await expiry.run(); // 71 hours before: the 3-day notice
    await expiry.run();
    clock = new Date('2026-12-09T13:00:00.000Z');
    await expiry.run(); // 23 hours before: the 1-day notice

    const inbox = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(inbox.status).toBe(200);
    const titles = inbox.body.notifications
      .map((n: any) => n.payload.title)
      .sort();
    expect(titles).toEqual([
      'Environment shop-dev expires in 3 days',
      'Environment shop-dev expires tomorrow',
    ]);
    expect(inbox.body.notifications[0].payload).toMatchObject({
      link: '/catalog/default/resource/shop-dev',
      topic: 'environment-expiry',
    });
  });
});
