import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { OverviewItem } from '@terrace/plugin-environments-common';
import { BASE_URL, overviewOk } from '../../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EnvironmentsOverviewPage } from './EnvironmentsOverviewPage';
import { createEnvironmentRouteRef } from '../../routes';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

const answerOverview = (items: OverviewItem[]) =>
  server.use(
    http.get(`${BASE_URL}/v1/overview`, () =>
      HttpResponse.json({ updatedAt: overviewOk.updatedAt, items }),
    ),
  );

/** The environment names in the table, in display order. */
function names() {
  const table = screen
    .getAllByRole('table')
    .find(t => within(t).queryByRole('columnheader', { name: /Cloud/ }))!;
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).queryAllByRole('cell')[0]?.textContent)
    .filter(Boolean);
}

async function choose(label: string, option: string) {
  const filters = screen.getByRole('group', { name: 'Filters' });
  await userEvent.click(
    within(filters).getByRole('button', { name: new RegExp(`^${label}`) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('EnvironmentsOverviewPage', () => {
  it('lists every environment with owner, cloud, region, tier, alarms, backups and spend, linked to its entity page', async () => {
    answerOverview(overviewOk.items);
    const { container } = await renderWithApi(<EnvironmentsOverviewPage />);

    expect(await screen.findByText('Environments (3)')).toBeInTheDocument();
    // most in need of attention first: firing alarms and a critical backup, then a section
    // that could not be read, then all well
    expect(names()).toEqual(['Shop staging', 'data-dev', 'Shop production']);

    const staging = screen
      .getByRole('link', { name: 'Shop staging' })
      .closest('tr')!;
    expect(
      within(staging).getByRole('link', { name: 'Shop staging' }),
    ).toHaveAttribute('href', '/catalog/default/resource/shop-staging');
    expect(within(staging).getByRole('link', { name: 'shop' })).toHaveAttribute(
      'href',
      '/catalog/default/group/shop',
    );
    const cells = within(staging)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual([
      'Shop staging',
      'shop',
      'aws',
      'ap-southeast-2',
      'staging',
      '2 of 14',
      'critical',
      '—',
      '$301.20 / $286.40 (105%)',
    ]);
    expect(within(staging).getAllByLabelText('Status error')).toHaveLength(2);

    const dev = screen.getByRole('link', { name: 'data-dev' }).closest('tr')!;
    expect(within(dev).getAllByText('not configured')).toHaveLength(2);
    expect(within(dev).getByText('unavailable')).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it("shows each environment's drift: drifted, none, unknown", async () => {
    const drifts = ['drifted', 'none', 'unknown'] as const;
    answerOverview(
      overviewOk.items.map((item, i) => ({ ...item, drift: drifts[i] })),
    );
    await renderWithApi(<EnvironmentsOverviewPage />);
    expect(await screen.findByText('Environments (3)')).toBeInTheDocument();
    const driftOf = (name: string) => {
      const row = screen.getByRole('link', { name }).closest('tr')!;
      // the Drift column sits before the cost, which stays last
      const cells = within(row).getAllByRole('cell');
      return cells[cells.length - 2];
    };
    const byName = Object.fromEntries(
      overviewOk.items.map((item, i) => [item.title ?? item.name, drifts[i]]),
    );
    for (const [name, drift] of Object.entries(byName)) {
      expect(driftOf(name)).toHaveTextContent(drift);
    }
    const drifted = Object.keys(byName).find(n => byName[n] === 'drifted')!;
    expect(
      within(driftOf(drifted)).getByLabelText('Status warning'),
    ).toBeInTheDocument();
    const clean = Object.keys(byName).find(n => byName[n] === 'none')!;
    expect(
      within(driftOf(clean)).getByLabelText('Status ok'),
    ).toBeInTheDocument();
  });

  it('filters by owner, cloud, tier and firing alarms', async () => {
    answerOverview(overviewOk.items);
    await renderWithApi(<EnvironmentsOverviewPage />);
    await screen.findByText('Environments (3)');

    await choose('Tier', 'prod');
    expect(names()).toEqual(['Shop production']);
    await choose('Tier', 'All');
    await choose('Cloud', 'gcp');
    expect(names()).toEqual(['data-dev']);
    await choose('Cloud', 'All');
    await choose('Owner', 'shop');
    expect(names()).toEqual(['Shop staging', 'Shop production']);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Alarms firing only' }),
    );
    expect(names()).toEqual(['Shop staging']);
    expect(screen.getByText('Environments (1)')).toBeInTheDocument();
    await choose('Owner', 'data');
    expect(
      screen.getByText('No environment matches these filters.'),
    ).toBeInTheDocument();
  });

  it('filters expired and expiring-soon environments, with an expired badge', async () => {
    const [staging, production, dataDev] = overviewOk.items;
    answerOverview([
      { ...staging, expiresAt: '2026-11-28T00:00:00.000Z', expiry: 'expired' },
      { ...dataDev, expiresAt: '2026-12-03T00:00:00.000Z', expiry: 'expiring' },
      production,
    ]);
    await renderWithApi(<EnvironmentsOverviewPage />);
    await screen.findByText('Environments (3)');
    const row = (name: string) =>
      screen.getByRole('link', { name }).closest('tr')!;
    expect(
      within(row('Shop staging')).getByTitle('Expired on 2026-11-28'),
    ).toHaveTextContent('expired');
    expect(within(row('data-dev')).getByText('expiring')).toBeInTheDocument();
    expect(within(row('Shop production')).queryByText(/expir/)).toBeNull();

    await choose('Expiry', 'Expired');
    expect(screen.getByText('Environments (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Shop staging' }),
    ).toBeInTheDocument();
    await choose('Expiry', 'Expiring soon (3 days)');
    expect(screen.getByText('Environments (1)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'data-dev' })).toBeInTheDocument();
    await choose('Expiry', 'Expired or expiring soon');
    expect(screen.getByText('Environments (2)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Shop production' })).toBeNull();
    await choose('Expiry', 'All');
    expect(screen.getByText('Environments (3)')).toBeInTheDocument();
  });

  it('sorts by cost as amounts and by backups as severity', async () => {
    answerOverview(overviewOk.items);
    await renderWithApi(<EnvironmentsOverviewPage />);
    await screen.findByText('Environments (3)');
    const header = (name: string) =>
      screen.getByRole('columnheader', { name: new RegExp(name) });
    await userEvent.click(within(header('Month to date')).getByRole('button'));
    await waitFor(() =>
      expect(names()).toEqual(['data-dev', 'Shop staging', 'Shop production']),
    );
    await userEvent.click(within(header('Month to date')).getByRole('button'));
    await waitFor(() =>
      expect(names()).toEqual(['Shop production', 'Shop staging', 'data-dev']),
    );
    // the table keeps the direction (descending) when another column is chosen: critical,
    // then healthy, then unknown (as words they would sort healthy, error, critical)
    await userEvent.click(within(header('Backups')).getByRole('button'));
    await waitFor(() =>
      expect(names()).toEqual(['Shop staging', 'Shop production', 'data-dev']),
    );
  });

  it('keeps the filters in the URL, so a shared link opens the same view', async () => {
    answerOverview(overviewOk.items);
    await renderWithApi(<EnvironmentsOverviewPage />, {
      routeEntries: ['/?owner=group%3Adefault%2Fshop&tier=prod'],
    });
    expect(await screen.findByText('Environments (1)')).toBeInTheDocument();
    expect(names()).toEqual(['Shop production']);
    const filters = screen.getByRole('group', { name: 'Filters' });
    expect(
      within(filters).getByRole('button', { name: /^Tier/ }),
    ).toHaveTextContent('prod');
    await choose('Tier', 'All');
    expect(names()).toEqual(['Shop staging', 'Shop production']);
  });

  it('offers a Create environment button leading to the template', async () => {
    answerOverview(overviewOk.items);
    await renderWithApi(<EnvironmentsOverviewPage />, {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName': createEnvironmentRouteRef,
      },
    });
    // the portal's usual Create button: a link drawn as a button
    expect(
      await screen.findByRole('button', { name: 'Create environment' }),
    ).toHaveAttribute('href', '/create/templates/default/create-environment');
  });

  describe('with more environments than a page', () => {
    const many: OverviewItem[] = Array.from({ length: 25 }, (_, i) => ({
      ...overviewOk.items[1],
      entityRef: `resource:default/env-${String(i).padStart(2, '0')}`,
      name: `env-${String(i).padStart(2, '0')}`,
      title: undefined,
      alarms: { status: 'ok', ok: 3, alarm: i % 5, insufficientData: 0 },
    }));

    beforeEach(async () => {
      answerOverview(many);
      await renderWithApi(<EnvironmentsOverviewPage />);
      await screen.findByText('Environments (25)');
    });

    it('pages, the environments with firing alarms first', async () => {
      expect(names()).toHaveLength(20);
      expect(screen.getAllByText('1-20 of 25').length).toBeGreaterThan(0);
      await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
      // every fifth environment has no alarm firing: those come last
      expect(names()).toEqual([
        'env-00',
        'env-05',
        'env-10',
        'env-15',
        'env-20',
      ]);
    });

    it('searches', async () => {
      fireEvent.change(screen.getByPlaceholderText('Filter'), {
        target: { value: 'env-1' },
      });
      await waitFor(() => expect(names()).toHaveLength(10), {
        timeout: 10_000,
      });
      expect(names()[0]).toBe('env-11');
    });

    it('sorts', async () => {
      // Ascending, then descending: the most firing alarms first.
      await userEvent.click(screen.getByText('Alarms firing'));
      await userEvent.click(screen.getByText('Alarms firing'));
      await waitFor(() => expect(names()[0]).toBe('env-04'), {
        timeout: 10_000,
      });
    });
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/overview`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderWithApi(<EnvironmentsOverviewPage />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the response error when the overview fails', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/overview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Overview needs terrace.environment.overview.read',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const { container } = await renderWithApi(<EnvironmentsOverviewPage />);
    expect(
      await screen.findByText(/Request failed with 403/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('says how to get a first environment when there is none', async () => {
    answerOverview([]);
    await renderWithApi(<EnvironmentsOverviewPage />);
    expect(
      await screen.findByText(/No environments you may read yet/),
    ).toBeInTheDocument();
  });
});
