import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { approvalsBackend } from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentApprovals } from './EntityEnvironmentApprovals';

const server = setupServer();
registerMswTestHooks(server);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const pending = () => [
  {
    id: 'a-1',
    environment: 'shop-staging',
    action: 'apply',
    requestedBy: ALICE,
    requestedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    taskId: 'task-3',
    status: 'pending',
  },
  {
    id: 'a-2',
    environment: 'other-prod',
    action: 'destroy',
    requestedBy: ALICE,
    requestedAt: new Date().toISOString(),
    status: 'pending',
  },
];

const as = (userEntityRef: string) => ({
  apis: [[identityApiRef, mockApis.identity({ userEntityRef })] as const],
});

describe('EntityEnvironmentApprovals', () => {
  it("shows this environment's pending approval; another user approves it and it goes", async () => {
    const approvals = pending();
    server.use(...approvalsBackend(approvals, BOB));
    const { container } = await renderWithApi(
      <EntityEnvironmentApprovals />,
      as(BOB),
    );
    expect(
      await screen.findByText(/user:default\/alice asks to apply shop-staging/),
    ).toHaveTextContent(
      '(requested 5 minutes ago). The task waits until someone else approves.',
    );
    expect(
      screen.getByRole('heading', { name: 'Approval needed' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/other-prod/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the task' })).toHaveAttribute(
      'href',
      '/create/tasks/task-3',
    );
    // a link inside a sentence is underlined, not told apart by colour alone (axe link-in-text-block)
    expect(
      screen.getByRole('link', { name: 'Open the task' }).className,
    ).toMatch(/underlineAlways/);
    await expectNoSeriousA11yViolations(container);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(/Decided: the waiting task goes on/),
    ).toBeInTheDocument();
    expect(approvals[0]).toMatchObject({ status: 'approved', decidedBy: BOB });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('disables Approve and Reject for the requester, saying why', async () => {
    server.use(...approvalsBackend(pending(), ALICE));
    await renderWithApi(<EntityEnvironmentApprovals />, as(ALICE));
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(
      'You requested this apply: someone else with the terrace.environment.approve permission must decide it.',
    );
  });

  it("shows the backend's refusal when a decision is refused", async () => {
    const approvals = pending();
    // the page thinks the viewer is bob; the backend knows it is alice's own request
    server.use(...approvalsBackend(approvals, BOB));
    approvals[0].requestedBy = BOB;
    await renderWithApi(<EntityEnvironmentApprovals />, as(ALICE));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You requested the apply of shop-staging: someone else with the terrace.environment.approve permission must decide it',
    );
    expect(approvals[0].status).toBe('pending');
  });
});
