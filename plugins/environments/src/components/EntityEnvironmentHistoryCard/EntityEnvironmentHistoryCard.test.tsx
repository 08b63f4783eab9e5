import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { answerHistory } from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentHistoryCard } from './EntityEnvironmentHistoryCard';

const server = setupServer();
registerMswTestHooks(server);

const hoursAgo = (n: number) =>
  new Date(Date.now() - n * 3_600_000).toISOString();

describe('EntityEnvironmentHistoryCard', () => {
  it('lists each event newest first with when, what, who, summary, cost delta and the task', async () => {
    server.use(
      answerHistory([
        {
          environment: 'shop-staging',
          kind: 'approval',
          at: hoursAgo(1),
          actor: 'user:default/bob',
          summary:
            'Approved the apply of shop-staging requested by user:default/alice',
          taskId: 'task-9',
        },
        {
          environment: 'shop-staging',
          kind: 'change',
          at: hoursAgo(3),
          actor: 'user:default/alice',
          summary: 'Plan: 1 to add, 0 to change, 1 to destroy.',
          costDelta: {
            before: 120,
            after: 95.5,
            difference: -24.5,
            currency: 'USD',
          },
        },
        {
          environment: 'shop-staging',
          kind: 'create',
          at: hoursAgo(48),
          actor: 'user:default/alice',
          summary: 'Applied. Plan: 3 to add, 0 to change, 0 to destroy.',
          costDelta: {
            before: 0,
            after: 120,
            difference: 120,
            currency: 'USD',
          },
          taskId: 'task-1',
        },
      ]),
    );
    const { container } = await renderWithApi(<EntityEnvironmentHistoryCard />);
    const table = await screen.findByRole('table', {
      name: 'Environment history',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        '1 hour ago',
        'Approval',
        'user:default/bob',
        'Approved the apply of shop-staging requested by user:default/alice',
        '—',
        'Open the task',
      ],
      [
        '3 hours ago',
        'Changed',
        'user:default/alice',
        'Plan: 1 to add, 0 to change, 1 to destroy.',
        '−$24.50 a month ($120.00 → $95.50)',
        '—',
      ],
      [
        '2 days ago',
        'Created',
        'user:default/alice',
        'Applied. Plan: 3 to add, 0 to change, 0 to destroy.',
        '+$120.00 a month ($0.00 → $120.00)',
        'Open the task',
      ],
    ]);
    expect(
      within(table)
        .getAllByRole('link', { name: 'Open the task' })
        .map(a => a.getAttribute('href')),
    ).toEqual(['/create/tasks/task-9', '/create/tasks/task-1']);
    await expectNoSeriousA11yViolations(container);
  });

  it('says what will appear when nothing is recorded yet', async () => {
    server.use(answerHistory([]));
    await renderWithApi(<EntityEnvironmentHistoryCard />);
    expect(
      await screen.findByText(/Nothing recorded yet: creates, changes, drift/),
    ).toBeInTheDocument();
  });
});
