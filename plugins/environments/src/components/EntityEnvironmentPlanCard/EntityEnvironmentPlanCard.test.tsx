import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import type { PlanResponse } from '@terrace/plugin-environments-common';
import { answerPlan } from '../../__testUtils__/handlers';
import { BASE_URL } from '../../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { http, HttpResponse } from 'msw';
import { EntityEnvironmentPlanCard } from './EntityEnvironmentPlanCard';

const server = setupServer();
registerMswTestHooks(server);

const applyState = () => screen.findByRole('status', { name: 'Apply state' });

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

const plan = (apply: PlanResponse['apply']): PlanResponse => ({
  estimate: { monthly: 134.53, currency: 'USD', retrieved: '2026-11-25' },
  resources: [
    {
      address: 'aws_nat_gateway.main',
      component: 'network',
      descriptions: ['NAT gateway, 1 gateway', 'NAT gateway data processed'],
      monthly: 43.66,
      priced: true,
    },
    {
      address: 'aws_db_instance.db',
      component: 'db',
      descriptions: ['db.t3.micro PostgreSQL 15, single-AZ'],
      monthly: 23.2,
      priced: true,
    },
    {
      address: 'aws_vpc.main',
      component: 'network',
      descriptions: [],
      monthly: 0,
      priced: false,
    },
  ],
  resourceBlocks: 3,
  apply,
  updatedAt: new Date().toISOString(),
});

describe('EntityEnvironmentPlanCard', () => {
  it('shows the estimate and the resources Terraform creates before the cloud answers, and that it is applying', async () => {
    server.use(
      answerPlan(
        plan({
          state: 'applying',
          taskId: 'task-7',
          executor: 'local',
          at: minutesAgo(2),
        }),
      ),
    );
    const { container } = await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(await applyState()).toHaveTextContent(
      'Applying: Terraform started 2 minutes ago; resources appear as the cloud creates them. Open the task',
    );
    expect(screen.getByRole('link', { name: 'Open the task' })).toHaveAttribute(
      'href',
      '/create/tasks/task-7',
    );
    // a link inside a sentence is underlined, not told apart by colour alone (axe link-in-text-block)
    expect(screen.getByRole('link', { name: 'Open the task' }).className).toMatch(
      /underlineAlways/,
    );
    expect(screen.getByText('$134.53')).toBeInTheDocument();
    expect(screen.getByText(/list prices of 2026-11-25/)).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Resources Terraform creates',
    });
    const rows = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(c => c.textContent),
        );
    const priced = [
      [
        'network',
        'aws_nat_gateway.mainNAT gateway, 1 gateway; NAT gateway data processed',
        '$43.66',
      ],
      [
        'db',
        'aws_db_instance.dbdb.t3.micro PostgreSQL 15, single-AZ',
        '$23.20',
      ],
    ];
    expect(rows()).toEqual(priced);
    expect(
      screen.getByRole('heading', {
        name: "3 resource blocks in the repository's Terraform, 2 with an estimate line (the others cost nothing by themselves)",
      }),
    ).toBeInTheDocument();
    // the resources without a price of their own, on request
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 1 resource without an estimate line',
      }),
    );
    expect(rows()).toEqual([
      ...priced,
      ['network', 'aws_vpc.main', 'not priced'],
    ]);
    await expectNoSeriousA11yViolations(container);
  });

  it('says when it was applied', async () => {
    server.use(
      answerPlan(
        plan({
          state: 'applied',
          taskId: 'task-7',
          executor: 'local',
          at: minutesAgo(60),
        }),
      ),
    );
    await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(await applyState()).toHaveTextContent(
      'Applied 1 hour ago with the local executor. Open the task',
    );
    // the cards below show what was created: the planned table opens on request
    expect(
      screen.queryByRole('table', { name: 'Resources Terraform creates' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show the planned resources' }),
    );
    expect(
      screen.getByRole('table', { name: 'Resources Terraform creates' }),
    ).toBeInTheDocument();
  });

  it('says why the apply failed, with the task link', async () => {
    server.use(
      answerPlan(
        plan({
          state: 'failed',
          taskId: 'task-9',
          executor: 'local',
          at: minutesAgo(5),
          message: 'terraform apply exited with code 1',
        }),
      ),
    );
    await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(await applyState()).toHaveTextContent(
      'Apply failed 5 minutes ago: terraform apply exited with code 1 Open the task',
    );
    expect(screen.getByRole('link', { name: 'Open the task' })).toHaveAttribute(
      'href',
      '/create/tasks/task-9',
    );
  });

  it('says a ci apply is not applied yet, and pending before the apply step', async () => {
    server.use(
      answerPlan(
        plan({
          state: 'delegated',
          taskId: 'task-3',
          executor: 'ci',
          message:
            "Not applied by Backstage: the ci executor leaves the apply to the repository's workflow, which applies on merge to main",
        }),
      ),
    );
    await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(
      await screen.findByText(/Not applied yet\. Not applied by Backstage/),
    ).toBeInTheDocument();
  });

  it('says what is missing without a cost.json or a task', async () => {
    server.use(
      answerPlan({
        resources: [],
        error:
          'Could not read the estimate at file:///repos/shop/cost.json: the repository has no cost.json',
        apply: {
          state: 'unknown',
          message:
            'Not created from the Create environment template here (no terrace.dev/scaffolder-task-id annotation): the apply state is not known',
        },
        updatedAt: new Date().toISOString(),
      }),
    );
    await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(
      await screen.findByText(/the repository has no cost.json/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Apply state unknown: Not created from the Create/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error of a failing request', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/environments/:namespace/:name/plan`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'boom' } },
          { status: 500 },
        ),
      ),
    );
    await renderWithApi(<EntityEnvironmentPlanCard />);
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });
});
