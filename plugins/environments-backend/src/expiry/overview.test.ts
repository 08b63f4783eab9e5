import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { OverviewResponse } from '@terrace/plugin-environments-common';
import request from 'supertest';
import { environmentsPlugin } from '../plugin';
import { withExpiry } from './overview';

const DAY = 24 * 60 * 60 * 1000;

function environment(name: string, expiresAt?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'terrace.dev/tier': 'dev',
        ...(expiresAt ? { 'terrace.dev/expires-at': expiresAt } : {}),
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

describe('GET /v1/overview with expiry', () => {
  it('gives each environment its expiresAt and expiry state', async () => {
    // far enough from the real clock that the states cannot change while the test runs
    const soon = new Date(Date.now() + DAY).toISOString();
    const later = new Date(Date.now() + 30 * DAY).toISOString();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({
          data: { environments: { expiry: { enabled: false } } },
        }),
        catalogServiceMock.factory({
          entities: [
            environment('gone-dev', '2026-01-05'),
            environment('soon-dev', soon),
            environment('later-dev', later),
            environment('kept-dev'),
          ],
        }),
      ],
    });
    const response = await request(server)
      .get('/api/environments/v1/overview')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const items = (response.body as OverviewResponse).items;
    const byName = Object.fromEntries(
      items.map(i => [i.name, { expiresAt: i.expiresAt, expiry: i.expiry }]),
    );
    expect(byName).toEqual({
      'gone-dev': { expiresAt: '2026-01-05T00:00:00.000Z', expiry: 'expired' },
      'soon-dev': { expiresAt: soon, expiry: 'expiring' },
      'later-dev': { expiresAt: later },
      'kept-dev': {},
    });
  });
});

describe('withExpiry', () => {
  const item = {
    entityRef: 'resource:default/shop-dev',
    namespace: 'default',
    name: 'shop-dev',
    alarms: { status: 'ok' as const, ok: 0, alarm: 0, insufficientData: 0 },
    backups: { status: 'ok' as const },
    cost: { status: 'ok' as const, currency: 'USD' },
  };
  const now = new Date('2026-12-01T12:00:00Z');

  it('reads the state at the given clock', () => {
    const entity = environment('shop-dev', '2026-12-04T12:00:00Z');
    expect(withExpiry(item, entity, now).expiry).toBe('expiring');
    expect(
      withExpiry(item, entity, new Date('2026-11-30T12:00:00Z')).expiry,
    ).toBeUndefined();
    expect(
      withExpiry(item, entity, new Date('2026-12-04T12:00:00Z')).expiry,
    ).toBe('expired');
  });

  it('leaves a row without a readable expiry unchanged', () => {
    expect(withExpiry(item, environment('shop-dev', 'soon'), now)).toBe(item);
  });
});
