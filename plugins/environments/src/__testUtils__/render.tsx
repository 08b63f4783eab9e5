/** Test-only helpers: render a component in a test app against the real client and msw. */
import type { ReactElement } from 'react';
import { axe } from 'jest-axe';
import {
  MockFetchApi,
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EnvironmentsClient, environmentsApiRef } from '../api';
import { environmentEntity } from './fixtures';

/** The real API client, pointed at the msw server on 127.0.0.1. */
export function testClient() {
  return new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://127.0.0.1:7007' }),
    fetchApi: new MockFetchApi(),
  });
}

export function renderWithApi(
  element: ReactElement,
  options: {
    entity?: Entity;
    routeEntries?: string[];
    mountedRoutes?: Record<string, any>;
    /** More APIs, e.g. `[identityApiRef, mockApis.identity({ userEntityRef })]`. */
    apis?: Array<readonly [any, any]>;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[environmentsApiRef, testClient()], ...(options.apis ?? [])]}
    >
      <EntityProvider entity={options.entity ?? environmentEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...options.mountedRoutes,
      },
    },
  );
}

/** Fails with the rule ids when axe finds a serious or critical violation. */
export async function expectNoSeriousA11yViolations(container: Element) {
  const results = await axe(container);
  const serious = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id}: ${v.help} (${v.nodes
          .map(n => n.target.join(' '))
          .join(', ')})`,
    );
  expect(serious).toEqual([]);
}
