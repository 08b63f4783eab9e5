import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE_URL, environmentEntity } from '../../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import {
  EntityEnvironmentPendingChanges,
  applyChangeFormUrl,
} from './EntityEnvironmentPendingChanges';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentPendingChanges', () => {
  it('lists each proposed change with its plan and cost delta, and "Review and apply" opens the Apply environment change form prefilled', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        `${BASE_URL}/v1/environments/:namespace/:name/changes`,
        ({ request }) => {
          seen.push(new URL(request.url).pathname);
          return HttpResponse.json({
            items: [
              {
                branch: 'terrace/change-t-redis',
                taskId: 't-redis',
                createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
                changeFile: '.terrace/changes/t-redis.md',
                title: 'Change environment shop-staging',
                planSummary: 'Plan: 7 to add, 0 to change, 0 to destroy.',
                costDelta: {
                  before: 41.5,
                  after: 66.32,
                  difference: 24.82,
                  currency: 'USD',
                },
              },
              {
                branch: 'terrace/change-t-old',
                taskId: 't-old',
                createdAt: '2026-11-01T10:00:00.000Z',
                changeFile: '.terrace/changes/t-old.md',
              },
            ],
          });
        },
      ),
    );
    const { container } = await renderWithApi(
      <EntityEnvironmentPendingChanges />,
    );
    expect(
      await screen.findByRole('heading', { name: 'Pending changes' }),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Change environment shop-staging');
    expect(rows[0]).toHaveTextContent(
      'Plan: 7 to add, 0 to change, 0 to destroy.',
    );
    expect(rows[0]).toHaveTextContent('$41.50 → $66.32 (+$24.82/month)');
    // a change file that says nothing: its branch, and dashes
    expect(rows[1]).toHaveTextContent('terrace/change-t-old');
    const link = within(rows[0]).getByRole('button', {
      name: 'Review and apply terrace/change-t-redis',
    });
    expect(link.tagName).toBe('A');
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/create/templates/default/apply-change');
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      environment: 'resource:default/shop-staging',
      branch: 'terrace/change-t-redis',
    });
    expect(link.getAttribute('href')).toBe(
      applyChangeFormUrl(
        'resource:default/shop-staging',
        'terrace/change-t-redis',
      ),
    );
    expect(seen).toEqual([
      '/api/environments/v1/environments/default/shop-staging/changes',
    ]);
    await expectNoSeriousA11yViolations(container);
  });

  it('starts "Apply with" on the executor the entity records as its owner (hcp)', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/environments/:namespace/:name/changes`, () =>
        HttpResponse.json({
          items: [
            {
              branch: 'terrace/change-t-hcp',
              taskId: 't-hcp',
              createdAt: '2026-11-30T10:00:00.000Z',
              changeFile: '.terrace/changes/t-hcp.md',
            },
          ],
        }),
      ),
    );
    await renderWithApi(<EntityEnvironmentPendingChanges />, {
      entity: {
        ...environmentEntity,
        metadata: {
          ...environmentEntity.metadata,
          annotations: {
            ...environmentEntity.metadata.annotations,
            'terrace.dev/terraform-executor': 'hcp',
          },
        },
      },
    });
    const link = await screen.findByRole('button', {
      name: 'Review and apply terrace/change-t-hcp',
    });
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      environment: 'resource:default/shop-staging',
      branch: 'terrace/change-t-hcp',
      executor: 'hcp',
    });
  });
});
