import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { answerDrift } from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentDriftCard } from './EntityEnvironmentDriftCard';

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentDriftCard', () => {
  it('shows the drifted resources with what Terraform would do, and when it was checked', async () => {
    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'drifted',
        checkedAt: '2026-12-01T12:00:00.000Z',
        resources: [
          { address: 'aws_s3_bucket.assets', actions: ['update'] },
          { address: 'aws_db_instance.db', actions: ['delete', 'create'] },
        ],
      }),
    );
    const { container } = await renderWithApi(<EntityEnvironmentDriftCard />);

    expect(
      await screen.findByText(
        'Drifted: 2 resources differ from the Terraform state',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status warning')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Drifted resources' }),
    )
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['aws_s3_bucket.assets', 'update'],
      ['aws_db_instance.db', 'delete, create'],
    ]);
    expect(screen.getByText(/^Checked/).querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-12-01T12:00:00.000Z',
    );
    await expectNoSeriousA11yViolations(container);
  });

  it('says what changed when the run names no resources (HCP Terraform)', async () => {
    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'drifted',
        checkedAt: '2026-12-01T12:00:00.000Z',
        resources: [],
        reason:
          'Plan: 0 to add, 1 to change, 0 to destroy. The resources are listed in the run: https://app.terraform.io/app/acme/workspaces/terrace-shop-staging/runs/run-1',
      }),
    );
    await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText(
        'Drifted: the plan has changes. Plan: 0 to add, 1 to change, 0 to destroy. The resources are listed in the run: https://app.terraform.io/app/acme/workspaces/terrace-shop-staging/runs/run-1',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says no drift, with no table', async () => {
    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'none',
        checkedAt: '2026-12-01T12:00:00.000Z',
      }),
    );
    await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText(
        'No drift: the cloud matches the Terraform state',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status ok')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says, under no drift, that the check used the configured executor when the entity names none', async () => {
    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'none',
        checkedAt: '2026-12-01T12:00:00.000Z',
        reason:
          'checked with the configured executor local (terrace.terraform.executor): the entity does not record the executor that owns it (terrace.dev/terraform-executor)',
      }),
    );
    await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText(
        'No drift: the cloud matches the Terraform state. checked with the configured executor local (terrace.terraform.executor): the entity does not record the executor that owns it (terrace.dev/terraform-executor)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status ok')).toBeInTheDocument();
  });

  it('says why the drift is unknown; before the first check, no time', async () => {
    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'unknown',
        checkedAt: '2026-12-01T12:00:00.000Z',
        reason:
          "the ci executor's drift job result is read from the repository's checks: not available here",
      }),
    );
    const { unmount } = await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText(
        "Unknown: the ci executor's drift job result is read from the repository's checks: not available here",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Checked/)).toBeInTheDocument();
    unmount();

    server.use(
      answerDrift({
        environment: 'shop-staging',
        status: 'unknown',
        checkedAt: '2026-12-01T12:30:00.000Z',
        reason: 'not checked yet',
      }),
    );
    await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText('Unknown: not checked yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Checked/)).not.toBeInTheDocument();
  });

  it('shows the request error with a retry', async () => {
    server.use(
      answerDrift(
        {
          error: { name: 'NotFoundError', message: 'No environment' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    await renderWithApi(<EntityEnvironmentDriftCard />);
    expect(
      await screen.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });
});
