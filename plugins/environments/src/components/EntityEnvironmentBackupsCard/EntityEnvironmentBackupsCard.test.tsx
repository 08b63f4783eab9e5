import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { backupsOk } from '../../__testUtils__/fixtures';
import {
  answerSection,
  failSection,
  hangSection,
} from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentBackupsCard } from './EntityEnvironmentBackupsCard';

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentBackupsCard', () => {
  it('shows policy, last backup, retention and health with the reason, worst first', async () => {
    server.use(answerSection('backups', backupsOk));
    const { container } = await renderWithApi(<EntityEnvironmentBackupsCard />);

    expect(
      await screen.findByText('1 of 3 data stores meet the policy'),
    ).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Backups' }))
      .getAllByRole('row')
      .slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].firstChild?.textContent),
    ).toEqual(['cache', 'assets', 'db']);
    const [cache, assets, db] = rows;
    expect(
      within(cache).getByText(
        'Critical: last snapshot is 56 hours old (policy: under 26 hours)',
      ),
    ).toBeInTheDocument();
    expect(
      within(cache).getByText(
        'Policy: retention ≥ 1 day, last backup < 26 h. Kept: 1 day',
      ),
    ).toBeInTheDocument();
    expect(within(cache).getByText(/ago$/)).toHaveAttribute(
      'datetime',
      '2026-11-23T03:00:00.000Z',
    );
    expect(
      within(assets).getByText(
        'Warning: versioning is off, so overwritten objects cannot be recovered',
      ),
    ).toBeInTheDocument();
    expect(
      within(assets).getByText(
        'Policy: versioning on. Kept: versioning off, lifecycle rules',
      ),
    ).toBeInTheDocument();
    expect(
      within(assets).getByText('not applicable (versioning)'),
    ).toBeInTheDocument();
    // bucket settings are refreshed a few buckets at a time: their age is shown
    expect(within(assets).getByText(/^settings read/)).toBeInTheDocument();
    expect(
      within(within(assets).getByText(/^settings read/)).getByText(/ago$/),
    ).toHaveAttribute('datetime', '2026-11-25T08:00:00.000Z');
    expect(within(db).queryByText(/^settings read/)).toBeNull();
    expect(within(db).getByText(/Kept: 7 days$/)).toBeInTheDocument();
    // three columns, so the table fits a half-width card
    expect(
      within(screen.getByRole('table', { name: 'Backups' }))
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Data store', 'Last backup', 'Health']);
    expect(within(db).getByText(/^restorable to/)).toBeInTheDocument();
    expect(
      within(db)
        .getByText(/^restorable to/)
        .querySelector('time'),
    ).toHaveAttribute('datetime', '2026-11-25T10:55:00.000Z');
    expect(within(db).getByText(/^Healthy: /)).toBeInTheDocument();
    // Status icons from core-components carry the health in their aria-label.
    expect(within(cache).getByLabelText('Status error')).toBeInTheDocument();
    expect(within(assets).getByLabelText('Status warning')).toBeInTheDocument();
    expect(within(db).getByLabelText('Status ok')).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('does not say "never" beside a snapshot that AWS reported without its time', async () => {
    server.use(
      answerSection('backups', {
        ...backupsOk,
        items: [
          {
            component: 'db',
            kind: 'postgres',
            resource: 'shop-prod-db',
            policy: 'retention ≥ 7 days, last backup < 26 h',
            retentionDays: 7,
            health: 'warning',
            reason:
              '1 snapshot found, but AWS gave no creation time, so their age against the 26 h of the prod tier is unknown',
          },
          {
            component: 'cache',
            kind: 'redis',
            resource: 'shop-prod-cache',
            policy: 'retention ≥ 7 days, last backup < 26 h',
            retentionDays: 7,
            health: 'critical',
            reason: 'no snapshot found (policy: under 26 hours)',
          },
        ],
      }),
    );
    await renderWithApi(<EntityEnvironmentBackupsCard />);
    const table = await screen.findByRole('table', { name: 'Backups' });
    const [cache, db] = within(table).getAllByRole('row').slice(1);
    expect(within(db).getByText('time unknown')).toBeInTheDocument();
    expect(within(db).queryByText('never')).toBeNull();
    expect(within(cache).getByText('never')).toBeInTheDocument();
  });

  it('says when the snapshots of a database or cache were listed, where they come from a kept listing', async () => {
    const cacheRow = backupsOk.items.find(i => i.kind === 'redis')!;
    server.use(
      answerSection('backups', {
        ...backupsOk,
        items: [{ ...cacheRow, settingsReadAt: '2026-11-25T09:00:00.000Z' }],
      }),
    );
    await renderWithApi(<EntityEnvironmentBackupsCard />);
    const listed = await screen.findByText(/^snapshots listed/);
    expect(within(listed).getByText(/ago$/)).toHaveAttribute(
      'datetime',
      '2026-11-25T09:00:00.000Z',
    );
    expect(screen.queryByText(/^settings read/)).toBeNull();
  });

  it('shows progress while loading', async () => {
    server.use(hangSection('backups'));
    await renderWithApi(<EntityEnvironmentBackupsCard />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the response error when the request fails', async () => {
    server.use(failSection('backups', 503, 'Service unavailable'));
    const { container } = await renderWithApi(<EntityEnvironmentBackupsCard />);
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('says what to configure when backups are not configured', async () => {
    server.use(
      answerSection('backups', {
        status: 'not-configured',
        updatedAt: backupsOk.updatedAt,
        items: [],
      }),
    );
    const { container } = await renderWithApi(<EntityEnvironmentBackupsCard />);
    expect(
      await screen.findByText('Backups not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/terrace\.dev\/tier annotations on this entity/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('explains that an environment without data stores has nothing to back up', async () => {
    server.use(answerSection('backups', { ...backupsOk, items: [] }));
    await renderWithApi(<EntityEnvironmentBackupsCard />);
    expect(await screen.findByText(/has no data stores/)).toBeInTheDocument();
  });
});
