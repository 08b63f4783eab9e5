import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { estimateOk } from '../../__testUtils__/fixtures';
import { EstimateTable } from './EstimateTable';

describe('EstimateTable', () => {
  it('shows the spec warnings above the lines, field path first', async () => {
    await renderInTestApp(
      <EstimateTable
        estimate={{
          ...estimateOk,
          warnings: [
            {
              path: 'spec.components[0].version',
              message:
                'PostgreSQL 12 left standard support on 2025-02-28; it is in paid RDS Extended Support (Yr1-Yr2, 2025-03-01 to 2027-02-28, charged per vCPU-hour and in the estimate) until 2028-02-29, when RDS upgrades it',
            },
          ],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'spec.components[0].version: PostgreSQL 12 left standard support on 2025-02-28; it is in paid RDS Extended Support (Yr1-Yr2, 2025-03-01 to 2027-02-28',
    );
  });

  it('shows no alert when the spec has no warnings', async () => {
    await renderInTestApp(<EstimateTable estimate={estimateOk} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
