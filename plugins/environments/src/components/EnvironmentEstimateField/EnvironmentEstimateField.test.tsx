import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentsApiRef } from '../../api';
import { BASE_URL, estimateOk } from '../../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  testClient,
} from '../../__testUtils__/render';
import { EnvironmentEstimateField } from './EnvironmentEstimateField';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const initialForm = {
  name: 'shop-staging',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'ap-southeast-2',
  tier: 'staging',
  components: [{ name: 'db', type: 'postgres', size: 'db.t3.small' }],
};

/**
 * Stands in for the scaffolder form around the field: it owns the whole form data, passes it as
 * `formContext.formData` (as the scaffolder's Stepper does) and stores the field's value in it.
 */
function FormHarness(props: { debounceMs?: number }) {
  const [formData, setFormData] =
    useState<Record<string, unknown>>(initialForm);
  return (
    <>
      <label>
        Environment name
        <input
          value={String(formData.name)}
          onChange={e =>
            setFormData(current => ({ ...current, name: e.target.value }))
          }
        />
      </label>
      <output aria-label="Field value">
        {String(formData.estimate ?? '')}
      </output>
      <EnvironmentEstimateField
        name="estimate"
        formData={formData.estimate as number | undefined}
        onChange={value =>
          setFormData(current => ({ ...current, estimate: value }))
        }
        formContext={{ formData }}
        schema={{ title: 'Estimated monthly cost' }}
        uiSchema={{ 'ui:options': { debounceMs: props.debounceMs ?? 50 } }}
        rawErrors={[]}
      />
    </>
  );
}

function renderField(debounceMs?: number) {
  return renderInTestApp(
    <TestApiProvider apis={[[environmentsApiRef, testClient()]]}>
      <FormHarness debounceMs={debounceMs} />
    </TestApiProvider>,
  );
}

describe('EnvironmentEstimateField', () => {
  it('posts the whole form and shows the itemised estimate with its total', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(estimateOk);
      }),
    );
    const { container } = await renderField();

    const table = await screen.findByRole('table', {
      name: 'Estimated monthly cost',
    });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Component',
      'Resource',
      'Description',
      'Quantity',
      'Unit price',
      'Monthly',
    ]);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'db',
      'aws_db_instance.db',
      'db.t3.small PostgreSQL, single-AZ',
      '730 hours',
      '$0.036',
      '$26.28',
    ]);
    expect(rows[rows.length - 1].textContent).toBe(
      'Total per month (USD)$59.13',
    );
    expect(
      screen.getByText(/Terrace AWS price catalog 2026.11.0/),
    ).toBeInTheDocument();
    // The field's value is the monthly total, and it is not sent back in the next request.
    await waitFor(() =>
      expect(screen.getByLabelText('Field value')).toHaveTextContent('59.13'),
    );
    expect(bodies).toEqual([initialForm]);
    await expectNoSeriousA11yViolations(container);
  });

  it('asks again, once, after the form stops changing', async () => {
    const names: string[] = [];
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async ({ request }) => {
        names.push(((await request.json()) as { name: string }).name);
        return HttpResponse.json(estimateOk);
      }),
    );
    await renderField(300);
    await screen.findByRole('table', { name: 'Estimated monthly cost' });
    expect(names).toEqual(['shop-staging']);

    const input = screen.getByRole('textbox', { name: 'Environment name' });
    await userEvent.clear(input);
    await userEvent.type(input, 'shop-dev');
    await waitFor(() => expect(names).toEqual(['shop-staging', 'shop-dev']));
    // Nothing further is sent once the answer is in.
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(names).toEqual(['shop-staging', 'shop-dev']);
  });

  it('lists the field-path problems of a 400 answer', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () =>
        HttpResponse.json(
          {
            problems: [
              {
                path: 'spec.components[0].size',
                message: '"db.t9.huge" is not a known aws postgres size',
              },
              { path: 'spec.region', message: '"mars-1" is not an aws region' },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { container } = await renderField();
    expect(
      await screen.findByText('The estimate needs these fields fixed first:'),
    ).toBeInTheDocument();
    const items = screen.getAllByRole('listitem').map(li => li.textContent);
    expect(items).toEqual([
      'components › db (postgres) › size: "db.t9.huge" is not a known aws postgres size',
      'region: "mars-1" is not an aws region',
    ]);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByLabelText('Field value')).toHaveTextContent('');
    await expectNoSeriousA11yViolations(container);
  });

  it('shows the response error when the estimate fails', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'Price catalog missing' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderField();
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows progress while estimating', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async () => {
        await delay('infinite');
        return HttpResponse.json(estimateOk);
      }),
    );
    await renderField();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
