import { screen } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { alarmsOk, backupsOk, resourcesOk } from '../../__testUtils__/fixtures';
import {
  answerChanges,
  answerHistory,
  answerDrift,
  answerPlan,
  answerSection,
  answerSpec,
  approvalsBackend,
  failSection,
} from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { isEnvironmentEntity } from '../../isEnvironmentEntity';
import { environmentEntity } from '../../__testUtils__/fixtures';
import { EntityEnvironmentContent } from './EntityEnvironmentContent';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentContent', () => {
  it('lays out the six cards, each loading on its own: one failing section leaves the others', async () => {
    server.use(
      answerPlan({
        estimate: { monthly: 286.4, currency: 'USD' },
        resources: [],
        apply: { state: 'applied', executor: 'local', taskId: 't-1' },
        updatedAt: '2026-12-01T03:00:00Z',
      }),
      answerSpec({
        spec: {},
        formData: { name: 'shop-staging' },
        url: 'file:///repos/shop-staging/environment.yaml',
      }),
      answerSection('alarms', alarmsOk),
      answerSection('backups', backupsOk),
      answerSection('resources', resourcesOk),
      failSection('cost', 500, 'Cost Explorer throttled'),
      answerHistory([]),
      answerChanges({ items: [] }),
      ...approvalsBackend([], 'user:default/bob'),
      answerDrift({
        environment: 'shop-staging',
        status: 'none',
        checkedAt: '2026-12-01T03:00:00Z',
      }),
    );
    const { container } = await renderWithApi(<EntityEnvironmentContent />);

    expect(await screen.findByText('1 of 3 firing')).toBeInTheDocument();
    expect(
      await screen.findByText('1 of 3 data stores meet the policy'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('5 resources in 4 components'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('status', { name: 'Apply state' }),
    ).toHaveTextContent('Applied with the local executor.');
    expect(
      await screen.findByRole('button', { name: 'Change this environment' }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^\/create\/templates\/default\/update-environment\?formData=/,
      ),
    );
    for (const title of [
      'Apply and estimate',
      'Alarms',
      'Cost',
      'Backups',
      'Cloud resources',
      'History',
      'Drift',
    ]) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(
      await screen.findByText(/Nothing recorded yet: creates, changes/),
    ).toBeInTheDocument();
    // no approval pending, no change proposed: neither card
    expect(
      screen.queryByRole('heading', { name: 'Pending changes' }),
    ).toBeNull();
    expect(
      screen.queryByRole('heading', { name: 'Approval needed' }),
    ).toBeNull();
    expect(
      await screen.findByText(
        'No drift: the cloud matches the Terraform state',
      ),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });
});

describe('isEnvironmentEntity', () => {
  it('accepts a Resource of type environment only', () => {
    expect(isEnvironmentEntity(environmentEntity)).toBe(true);
    expect(
      isEnvironmentEntity({ ...environmentEntity, kind: 'Component' }),
    ).toBe(false);
    expect(
      isEnvironmentEntity({ ...environmentEntity, spec: { type: 'database' } }),
    ).toBe(false);
  });
});
