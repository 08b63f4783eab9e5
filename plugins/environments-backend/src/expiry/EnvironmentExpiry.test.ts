import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { environmentsDatabase } from '../database/migrate';
import { EnvironmentExpiry } from './EnvironmentExpiry';
import type { ExpiryDestroyer, ExpiryDestroyRequest } from './ExpiryDestroyer';
import { ExpiryNoticeStore } from './ExpiryNoticeStore';

const HOUR = 60 * 60 * 1000;
const EXPIRES_AT = '2026-12-10T12:00:00.000Z';

function environment(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/shop',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'terrace.dev/cloud': 'aws',
        'terrace.dev/region': 'ap-southeast-2',
        ...annotations,
      },
    },
    spec: { type: 'environment', owner },
  };
}

/** Records what was sent, like the notifications backend would receive it. */
class RecordingNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing) throw new Error('notifications backend unavailable');
    this.sent.push(options);
  }
}

/** Records the destroys asked for, answering with task ids. */
class RecordingDestroyer implements ExpiryDestroyer {
  requests: ExpiryDestroyRequest[] = [];
  async destroy(request: ExpiryDestroyRequest) {
    this.requests.push(request);
    return { taskId: `task-${this.requests.length}` };
  }
}

describe('EnvironmentExpiry', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let clock: Date;
  let notifications: RecordingNotifications;
  let destroyer: RecordingDestroyer;
  let notices: ExpiryNoticeStore;
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const hoursBefore = (h: number) =>
    at(new Date(Date.parse(EXPIRES_AT) - h * HOUR).toISOString());

  async function expiryOf(
    entities: Entity[],
    options: { withNotifications?: boolean } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await environmentsDatabase({ getClient: async () => knex });
    notices = new ExpiryNoticeStore(knex);
    const logger = mockServices.logger.mock();
    return {
      logger,
      expiry: new EnvironmentExpiry({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger,
        notices,
        notifications:
          options.withNotifications === false ? undefined : notifications,
        destroyer,
        now: () => clock,
      }),
    };
  }

  beforeEach(() => {
    notifications = new RecordingNotifications();
    destroyer = new RecordingDestroyer();
  });

  it('tells the owner 3 days and 1 day before, each once, then that it expired; never destroys without opting in', async () => {
    const { expiry } = await expiryOf([
      environment('shop-dev', {
        'terrace.dev/tier': 'dev',
        'terrace.dev/expires-at': EXPIRES_AT,
      }),
    ]);
    const titles = () => notifications.sent.map(n => n.payload.title);

    hoursBefore(4 * 24);
    await expiry.run();
    expect(titles()).toEqual([]);

    hoursBefore(3 * 24);
    expect((await expiry.run()).sent).toEqual([
      { entityRef: 'resource:default/shop-dev', notice: '3-days' },
    ]);
    expect(notifications.sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: 'group:default/shop' },
      payload: expect.objectContaining({
        title: 'Environment shop-dev expires in 3 days',
        description: expect.stringContaining('expires on 2026-12-10 12:00 UTC'),
        link: '/catalog/default/resource/shop-dev',
        topic: 'environment-expiry',
      }),
    });
    // hourly runs in the 3-day window send nothing more
    for (const h of [71, 50, 25]) {
      hoursBefore(h);
      await expiry.run();
    }
    expect(titles()).toEqual(['Environment shop-dev expires in 3 days']);

    hoursBefore(24);
    await expiry.run();
    hoursBefore(23);
    await expiry.run();
    hoursBefore(1);
    await expiry.run();
    expect(titles()).toEqual([
      'Environment shop-dev expires in 3 days',
      'Environment shop-dev expires tomorrow',
    ]);

    hoursBefore(0);
    await expiry.run();
    hoursBefore(-5);
    await expiry.run();
    expect(titles()).toEqual([
      'Environment shop-dev expires in 3 days',
      'Environment shop-dev expires tomorrow',
      'Environment shop-dev has expired',
    ]);
    expect(notifications.sent[2].payload.description).toMatch(
      /keeps running, and costing, until it is destroyed/,
    );
    expect(destroyer.requests).toEqual([]);
    expect(
      (await notices.list('resource:default/shop-dev')).map(n => n.notice),
    ).toEqual(['3-days', '1-day', 'expired']);
  });

  it('starts the Destroy environment template once on expiry when the environment opted in', async () => {
    const { expiry } = await expiryOf([
      environment('shop-preview', {
        'terrace.dev/tier': 'staging',
        'terrace.dev/expires-at': EXPIRES_AT,
        'terrace.dev/destroy-on-expiry': 'true',
      }),
    ]);
    hoursBefore(2);
    await expiry.run();
    expect(destroyer.requests).toEqual([]);

    hoursBefore(-1);
    const result = await expiry.run();
    expect(result.sent).toEqual([
      {
        entityRef: 'resource:default/shop-preview',
        notice: 'destroy',
        taskId: 'task-1',
      },
      { entityRef: 'resource:default/shop-preview', notice: 'expired' },
    ]);
    expect(destroyer.requests).toEqual([
      { entityRef: 'resource:default/shop-preview', name: 'shop-preview' },
    ]);
    expect(notifications.sent.at(-1)?.payload.description).toBe(
      'shop-preview expired on 2026-12-10 12:00 UTC. It is being destroyed: scaffolder task task-1.',
    );
    hoursBefore(-2);
    await expiry.run();
    expect(destroyer.requests).toHaveLength(1);
    expect(
      (await notices.list('resource:default/shop-preview')).find(
        n => n.notice === 'destroy',
      )?.taskId,
    ).toBe('task-1');
  });

  it('retries a destroy that could not be started on the next run', async () => {
    const { expiry } = await expiryOf([
      environment('shop-preview', {
        'terrace.dev/tier': 'dev',
        'terrace.dev/expires-at': EXPIRES_AT,
        'terrace.dev/destroy-on-expiry': 'true',
      }),
    ]);
    const failing: ExpiryDestroyer = {
      destroy: async () => {
        throw new Error('scaffolder answered 503');
      },
    };
    const real = destroyer.destroy.bind(destroyer);
    destroyer.destroy = failing.destroy;
    hoursBefore(-1);
    await expiry.run();
    expect(notifications.sent.at(-1)?.payload.description).toMatch(
      /Starting its destruction failed \(Error: scaffolder answered 503\)/,
    );
    destroyer.destroy = real;
    hoursBefore(-2);
    await expiry.run();
    expect(destroyer.requests).toHaveLength(1);
    // the expired notice was sent once, with the failure
    expect(
      notifications.sent.filter(n => n.payload.title.includes('has expired')),
    ).toHaveLength(1);
  });

  it('sends a new round of reminders when the owner moves expiresAt', async () => {
    const entity = environment('shop-dev', {
      'terrace.dev/tier': 'dev',
      'terrace.dev/expires-at': EXPIRES_AT,
    });
    const { expiry } = await expiryOf([entity]);
    hoursBefore(48);
    await expiry.run();
    entity.metadata.annotations!['terrace.dev/expires-at'] =
      '2026-12-20T12:00:00.000Z';
    at('2026-12-18T12:00:00.000Z');
    await expiry.run();
    expect(notifications.sent.map(n => n.payload.description)).toEqual([
      expect.stringContaining('2026-12-10 12:00 UTC'),
      expect.stringContaining('2026-12-20 12:00 UTC'),
    ]);
  });

  it('ignores prod environments and environments without expiry', async () => {
    const { expiry, logger } = await expiryOf([
      environment('shop-prod', {
        'terrace.dev/tier': 'prod',
        'terrace.dev/expires-at': EXPIRES_AT,
      }),
      environment('shop-staging', { 'terrace.dev/tier': 'staging' }),
    ]);
    hoursBefore(-1);
    expect(await expiry.run()).toEqual({ checked: 0, sent: [] });
    expect(notifications.sent).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Environment expiry annotation ignored',
      expect.objectContaining({ entityRef: 'resource:default/shop-prod' }),
    );
  });

  it('without notifications it says so once and still destroys; a failed send is retried next run', async () => {
    const entities = [
      environment('shop-preview', {
        'terrace.dev/tier': 'dev',
        'terrace.dev/expires-at': EXPIRES_AT,
        'terrace.dev/destroy-on-expiry': 'true',
      }),
    ];
    const { expiry, logger } = await expiryOf(entities, {
      withNotifications: false,
    });
    hoursBefore(-1);
    await expiry.run();
    await expiry.run();
    expect(destroyer.requests).toHaveLength(1);
    const noService = logger.warn.mock.calls.filter(([m]) =>
      String(m).startsWith('No notifications service'),
    );
    expect(noService).toHaveLength(1);

    const second = await expiryOf(entities);
    notifications.failing = true;
    hoursBefore(30);
    await second.expiry.run();
    expect(await notices.list('resource:default/shop-preview')).toEqual([]);
    notifications.failing = false;
    await second.expiry.run();
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      'Environment shop-preview expires in 3 days',
    ]);
  });
});
