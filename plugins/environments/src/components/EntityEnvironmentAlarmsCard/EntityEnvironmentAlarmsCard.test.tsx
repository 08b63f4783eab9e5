import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { alarmsOk } from '../../__testUtils__/fixtures';
import {
  answerSection,
  failSection,
  hangSection,
} from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentAlarmsCard } from './EntityEnvironmentAlarmsCard';

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentAlarmsCard', () => {
  it('lists firing alarms first with state chips, reasons, age, console links and a summary', async () => {
    server.use(answerSection('alarms', alarmsOk));
    const { container } = await renderWithApi(<EntityEnvironmentAlarmsCard />);

    expect(await screen.findByText('1 of 3 firing')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Alarms' }))
      .getAllByRole('row')
      .slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['ALARM', 'INSUFFICIENT DATA', 'OK']);
    // three columns, so the table fits a half-width card; the time of change is under the reason
    expect(
      within(screen.getByRole('table', { name: 'Alarms' }))
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['State', 'Alarm', 'Reason']);
    const firing = rows[0];
    expect(
      within(firing).getByRole('link', {
        name: /shop-staging\/db\/storage-low/,
      }),
    ).toHaveAttribute('href', alarmsOk.items[1].consoleUrl);
    expect(
      within(firing).getByText(/was less than the threshold/),
    ).toBeInTheDocument();
    expect(within(firing).getByText(/ago$/)).toHaveAttribute(
      'datetime',
      '2026-11-25T10:30:00.000Z',
    );
    // No console link: the name is shown as text.
    expect(within(rows[1]).queryByRole('link')).toBeNull();
    expect(
      within(rows[1]).getByText('shop-staging/api/5xx'),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('shows progress while loading', async () => {
    server.use(hangSection('alarms'));
    await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the response error when the request fails', async () => {
    server.use(failSection('alarms', 500, 'CloudWatch unreachable'));
    const { container } = await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(
      (await screen.findAllByText(/CloudWatch unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText(/Request failed with 500/)).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('loads again when the user asks to try again after a failure', async () => {
    server.use(answerSection('alarms', alarmsOk));
    server.use(failSection('alarms', 502, 'Bad gateway', { once: true }));
    await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(
      await screen.findByText(/Request failed with 502/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('1 of 3 firing')).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).toBeNull();
  });

  it('shows the cloud error of a section that failed on its own', async () => {
    server.use(
      answerSection('alarms', {
        status: 'error',
        error: 'AccessDenied: cloudwatch:DescribeAlarms',
        updatedAt: alarmsOk.updatedAt,
        items: [],
      }),
    );
    await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(
      await screen.findByText(/Could not read alarms from the cloud/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/AccessDenied: cloudwatch:DescribeAlarms/),
    ).toBeInTheDocument();
  });

  it('says what to configure when alarms are not configured', async () => {
    server.use(
      answerSection('alarms', {
        status: 'not-configured',
        error: 'No AWS account 123456789012 in aws.accounts',
        configure:
          'Give the Backstage backend permission to describe alarms in that account (aws.accounts in app-config).',
        updatedAt: alarmsOk.updatedAt,
        items: [],
      }),
    );
    const { container } = await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(
      await screen.findByText('Alarms not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No AWS account 123456789012 in aws.accounts'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/permission to describe alarms in that account/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('says why the list is empty when no alarm carries the environment name', async () => {
    server.use(answerSection('alarms', { ...alarmsOk, items: [] }));
    await renderWithApi(<EntityEnvironmentAlarmsCard />);
    expect(
      await screen.findByText(/No alarms are named after this environment yet/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/firing/)).toBeNull();
  });
});
