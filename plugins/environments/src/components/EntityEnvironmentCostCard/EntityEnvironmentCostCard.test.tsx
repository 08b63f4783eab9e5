import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import type { CostSection } from '@terrace/plugin-environments-common';
import { costOk } from '../../__testUtils__/fixtures';
import {
  answerSection,
  failSection,
  hangSection,
} from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import {
  EntityEnvironmentCostCard,
  compareWithEstimate,
} from './EntityEnvironmentCostCard';

const server = setupServer();
registerMswTestHooks(server);

function figure(label: string) {
  return screen.getByText(label).nextElementSibling?.textContent;
}

describe('EntityEnvironmentCostCard', () => {
  it('shows month to date, forecast, last month, the estimate, spend by service and the over-estimate indicator', async () => {
    server.use(answerSection('cost', costOk));
    const { container } = await renderWithApi(<EntityEnvironmentCostCard />);

    expect(await screen.findByText('Month to date')).toBeInTheDocument();
    expect(figure('Month to date')).toBe('$301.20');
    expect(figure('Forecast')).toBe('$412.50');
    expect(screen.getByText('month to date extrapolated')).toBeInTheDocument();
    expect(figure('Last month')).toBe('$355.10');
    expect(figure('Estimate')).toBe('$286.40');
    // 412.5 vs 286.4 is 44% over: a warning, not an error.
    expect(
      screen.getByText('Over estimate: forecast is 44% above the estimate'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status warning')).toBeInTheDocument();

    const chart = screen.getByRole('list', { name: 'Cost by service' });
    const rows = within(chart)
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(rows).toEqual([
      'Amazon Relational Database Service$180.50',
      'Amazon Elastic Compute Cloud - Compute$70.20',
      'Amazon CloudFront$50.50',
    ]);
    expect(
      screen.queryByText(
        /cost allocation tag terrace:environment is not active/,
      ),
    ).toBeNull();
    await expectNoSeriousA11yViolations(container);
  });

  it('notes that the cost allocation tag is not active', async () => {
    server.use(
      answerSection('cost', {
        ...costOk,
        tagActive: false,
        monthToDate: 0,
        forecast: undefined,
        byService: [],
      }),
    );
    await renderWithApi(<EntityEnvironmentCostCard />);
    expect(
      await screen.findByText(
        /cost allocation tag terrace:environment is not active/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No cost has been recorded for this environment this month.',
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(hangSection('cost'));
    await renderWithApi(<EntityEnvironmentCostCard />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the response error when the request fails', async () => {
    server.use(failSection('cost', 500, 'Cost Explorer throttled'));
    const { container } = await renderWithApi(<EntityEnvironmentCostCard />);
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('says what to configure when cost is not configured', async () => {
    server.use(
      answerSection('cost', {
        status: 'not-configured',
        error: 'Cost Explorer is not enabled for account 123456789012',
        configure:
          'Give the Backstage backend Cost Explorer read access (ce:GetCostAndUsage, ce:GetCostForecast) in that account.',
        updatedAt: costOk.updatedAt,
        currency: 'USD',
        byService: [],
      }),
    );
    const { container } = await renderWithApi(<EntityEnvironmentCostCard />);
    expect(
      await screen.findByText('Costs not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Cost Explorer is not enabled for account 123456789012'),
    ).toBeInTheDocument();
    expect(screen.getByText(/ce:GetCostAndUsage/)).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });
});

describe('compareWithEstimate', () => {
  const base: CostSection = {
    ...costOk,
    forecast: undefined,
    monthToDate: undefined,
  };
  it.each([
    [{ forecast: 200 }, { kind: 'under', basis: 'forecast', percent: 30 }],
    [{ forecast: 300 }, { kind: 'on', basis: 'forecast', percent: 5 }],
    [{ forecast: 600 }, { kind: 'over', basis: 'forecast', percent: 109 }],
    // Month to date cannot show being under: the month is not over yet.
    [{ monthToDate: 100 }, { kind: 'on', basis: 'month to date', percent: 65 }],
    [
      { monthToDate: 400 },
      { kind: 'over', basis: 'month to date', percent: 40 },
    ],
    [{ forecast: 300, estimate: undefined }, { kind: 'none' }],
    [{}, { kind: 'none' }],
  ])('%j → %j', (change, expected) => {
    expect(compareWithEstimate({ ...base, ...change } as CostSection)).toEqual(
      expected,
    );
  });
});
