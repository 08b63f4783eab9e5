import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentsApiRef } from '../../api';
import { BASE_URL, estimateOk } from '../../__testUtils__/fixtures';
import { testClient } from '../../__testUtils__/render';
import {
  ENVIRONMENT_ESTIMATE_FIELD,
  EnvironmentEstimateFieldExtensionComponent,
} from './extension';

jest.setTimeout(60_000);

// jsdom has no layout; the Stepper scrolls to the top on render.
beforeAll(() => {
  window.scrollTo = () => {};
});

const server = setupServer();
registerMswTestHooks(server);

/** A one-step form shaped like the Create environment template's, ending in the estimate. */
const manifest = {
  title: 'Create environment',
  steps: [
    {
      title: 'Environment',
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string', title: 'Name', default: 'shop-staging' },
          cloud: { type: 'string', title: 'Cloud', default: 'aws' },
          estimate: {
            type: 'number',
            title: 'Estimated monthly cost',
            'ui:field': ENVIRONMENT_ESTIMATE_FIELD,
            'ui:options': { debounceMs: 100 },
          },
        },
      },
    },
  ],
};

describe('EnvironmentEstimate in the scaffolder form', () => {
  it('receives the whole form from the real Stepper and re-estimates as a field changes', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async ({ request }) => {
        bodies.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json(estimateOk);
      }),
    );
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider apis={[[environmentsApiRef, testClient()]]}>
        <Stepper
          manifest={manifest as any}
          extensions={[
            {
              name: ENVIRONMENT_ESTIMATE_FIELD,
              component: EnvironmentEstimateFieldExtensionComponent,
            },
          ]}
          onCreate={onCreate}
        />
      </TestApiProvider>,
    );

    const table = await screen.findByRole('table', {
      name: 'Estimated monthly cost',
    });
    expect(within(table).getByText('$59.13')).toBeInTheDocument();
    await waitFor(() =>
      expect(bodies).toContainEqual({ name: 'shop-staging', cloud: 'aws' }),
    );

    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'shop-dev');
    await waitFor(
      () => expect(bodies.at(-1)).toEqual({ name: 'shop-dev', cloud: 'aws' }),
      { timeout: 10_000 },
    );
  });
});
