/**
 * The Create environment template's own pages (plugins/catalog-backend-module-environments-template/templates/create-environment/template.yaml) in
 * the scaffolder's real Stepper, with Terrace's fields: what a user meets while filling it in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { CatalogClient } from '@backstage/catalog-client';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { environmentSpecFromForm } from '@terrace/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { BASE_URL, estimateOk } from '../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  testClient,
} from '../__testUtils__/render';
import {
  ENVIRONMENT_ESTIMATE_FIELD,
  EnvironmentEstimateFieldExtensionComponent,
  environmentEstimateValidation,
} from './EnvironmentEstimateField';
import {
  ENVIRONMENT_NAME_FIELD,
  EnvironmentNameField,
  environmentNameValidation,
} from './EnvironmentNameField';
import {
  COMPONENT_SETTING_FIELD,
  ComponentSettingField,
} from './ComponentSettingField';

jest.setTimeout(60_000);

beforeAll(() => {
  window.scrollTo = () => {};
});

const server = setupServer();
registerMswTestHooks(server);

/** The catalog holds one environment, shop-staging; any other name is free. */
beforeEach(() => {
  server.use(
    http.get(
      'http://127.0.0.1:7007/api/catalog/entities/by-name/:kind/:namespace/:name',
      ({ params }) =>
        params.kind === 'resource' &&
        params.namespace === 'default' &&
        params.name === 'shop-staging'
          ? HttpResponse.json({
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: { name: 'shop-staging', namespace: 'default' },
              spec: { type: 'environment', owner: 'group:default/shop' },
            })
          : HttpResponse.json(
              { error: { name: 'NotFoundError', message: 'not found' } },
              { status: 404 },
            ),
    ),
  );
});

const template = yaml.parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../catalog-backend-module-environments-template/templates/create-environment/template.yaml',
    ),
    'utf8',
  ),
);
const pages: any[] = template.spec.parameters;
const page = (title: string) => pages.find(p => p.title === title);

/** Speeds the estimate and name check up for tests; the template's own values are kept otherwise. */
function fast(schema: any) {
  const copy = JSON.parse(JSON.stringify(schema));
  for (const prop of Object.values<any>(copy.properties ?? {})) {
    if (
      prop['ui:field'] === ENVIRONMENT_ESTIMATE_FIELD ||
      prop['ui:field'] === ENVIRONMENT_NAME_FIELD
    ) {
      prop['ui:options'] = { debounceMs: 50 };
    }
  }
  return copy;
}

const extensions = [
  {
    name: ENVIRONMENT_ESTIMATE_FIELD,
    component: EnvironmentEstimateFieldExtensionComponent,
    validation: environmentEstimateValidation,
  },
  {
    name: ENVIRONMENT_NAME_FIELD,
    component: EnvironmentNameField,
    validation: environmentNameValidation,
  },
  { name: COMPONENT_SETTING_FIELD, component: ComponentSettingField },
];

function renderForm(options: {
  steps: any[];
  initialState?: Record<string, any>;
  config?: Record<string, any>;
}) {
  const onCreate = jest.fn(async () => {});
  // the real catalog client against the catalog's REST API, served by msw on 127.0.0.1
  const catalogApi = new CatalogClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://127.0.0.1:7007' }),
  });
  const result = renderInTestApp(
    <TestApiProvider
      apis={[
        [environmentsApiRef, testClient()],
        [catalogApiRef, catalogApi],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
      ]}
    >
      <Stepper
        manifest={
          {
            title: 'Create environment',
            steps: options.steps.map(p => ({
              title: p.title,
              schema: fast(p),
            })),
          } as any
        }
        extensions={extensions as any}
        initialState={options.initialState}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return { onCreate, result };
}

const chosen = {
  name: 'shop-dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'ap-southeast-2',
  tier: 'staging',
};

describe('the Create environment form', () => {
  it('checks the name against the catalog while it is typed and will not leave Basics with a taken name', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () => HttpResponse.json(estimateOk)),
    );
    const basics = {
      title: 'Basics',
      required: ['name'],
      properties: { name: page('Basics').properties.name },
    };
    renderForm({ steps: [basics, page('Cloud')] });

    const name = await screen.findByRole('textbox', { name: /Name/ });
    await userEvent.type(name, 'shop-staging');
    expect(
      await screen.findByText(
        'shop-staging is already taken in the catalog by resource:default/shop-staging (owned by group:default/shop); choose another name',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    // still on Basics: the Cloud step's tier choice never shows
    // the step's error list names the field's problem too
    await waitFor(() =>
      expect(
        screen.getAllByText(/already taken in the catalog/).length,
      ).toBeGreaterThan(1),
    );
    expect(screen.queryByRole('radio', { name: /^dev/ })).toBeNull();

    await userEvent.clear(name);
    await userEvent.type(name, 'Shop_1');
    expect(
      await screen.findByText(
        'Shop_1 must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      ),
    ).toBeInTheDocument();

    await userEvent.clear(name);
    await userEvent.type(name, 'shop-dev');
    expect(
      await screen.findByText('shop-dev is free in the catalog'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('radio', { name: /^dev/ }),
    ).toBeInTheDocument();
  });

  it('offers a TTL and destroy-on-expiry for dev and staging, never for prod', async () => {
    const { onCreate } = renderForm({
      steps: [page('Cloud')],
      initialState: { cloud: 'aws', region: 'ap-southeast-2', tier: 'dev' },
    });
    const ttl = await screen.findByRole('button', { name: /Expires after/ });
    expect(ttl).toHaveTextContent('Never (no expiry)');
    await userEvent.click(ttl);
    await userEvent.click(
      await screen.findByRole('option', { name: '14 days' }),
    );
    expect(
      screen.getByRole('button', { name: /Expires after/ }),
    ).toHaveTextContent('14 days');
    expect(
      screen.getByRole('checkbox', { name: /Destroy it when it expires/ }),
    ).not.toBeChecked();

    await userEvent.click(screen.getByRole('radio', { name: /^prod/ }));
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /Expires after/ }),
      ).toBeNull(),
    );
    expect(
      screen.queryByRole('checkbox', { name: /Destroy it when it expires/ }),
    ).toBeNull();

    await userEvent.click(screen.getByRole('radio', { name: /^staging/ }));
    expect(
      await screen.findByRole('button', { name: /Expires after/ }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: /^prod/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(onCreate).toHaveBeenCalled());
    // the scaffolder keeps the hidden TTL's value: environmentSpecFromForm drops it for prod
    const submitted = (onCreate.mock.calls as any)[0][0];
    expect(submitted).toMatchObject({ tier: 'prod', expiresInDays: 14 });
    expect((environmentSpecFromForm(submitted) as any).spec).not.toHaveProperty(
      'expiresAt',
    );
  });

  it("shows each row its own type's tier default for the chosen cloud and tier, never another type's", async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () => HttpResponse.json(estimateOk)),
    );
    const { result } = renderForm({
      steps: [page('Components'), page('Apply')],
      initialState: {
        ...chosen,
        components: [
          { name: 'db', type: 'postgres' },
          { name: 'cache', type: 'redis' },
        ],
      },
    });
    await screen.findAllByRole('table', { name: 'Estimated monthly cost' });
    const versions = screen.getAllByRole('textbox', { name: 'Version' });
    expect(versions.map(v => v.getAttribute('placeholder'))).toEqual([
      '16',
      '7.1',
    ]);
    const sizes = screen.getAllByRole('textbox', { name: 'Size' });
    expect(sizes.map(v => v.getAttribute('placeholder'))).toEqual([
      'db.t3.small',
      'cache.t3.small',
    ]);
    expect(
      screen.getByRole('spinbutton', { name: 'Storage GB' }),
    ).toHaveAttribute('placeholder', '20');
    expect(
      screen.getByText(/Empty takes the staging default on aws: db\.t3\.small/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/cache\.t3\.small/, { selector: 'p' })).not.toBe(
      null,
    );
    // a boolean offers the tier default as a choice of its own
    expect(
      screen.getByRole('button', {
        name: /High availability.*Tier default \(no\)/,
      }),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations((await result).container);
  });

  it('lists a problem by component name, counted from 1, and will not leave Components until it is fixed', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async ({ request }) => {
        const body = (await request.json()) as any;
        const cache = body.components?.[1];
        if (cache?.version === '99') {
          return HttpResponse.json(
            {
              problems: [
                {
                  path: 'spec.components[1].version',
                  message: '"99" is not a redis version aws offers',
                },
              ],
            },
            { status: 400 },
          );
        }
        return HttpResponse.json(estimateOk);
      }),
    );
    renderForm({
      steps: [page('Components'), page('Apply')],
      initialState: {
        ...chosen,
        components: [
          { name: 'db', type: 'postgres' },
          { name: 'cache', type: 'redis', version: '99' },
        ],
      },
    });
    const message =
      'components › cache (redis) › version: "99" is not a redis version aws offers';
    expect(
      await screen.findByText('components › cache (redis) › version'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(document.body.textContent).toContain(message));
    expect(screen.queryByRole('radio', { name: /^ci/ })).toBeNull();

    const version = screen.getAllByRole('textbox', { name: 'Version' })[1];
    await userEvent.clear(version);
    await userEvent.type(version, '7.1');
    await screen.findByRole('table', { name: 'Estimated monthly cost' });
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    // the last step: how to apply, and the estimate again beside Review and Create
    expect(
      await screen.findByRole('radio', { name: /^ci/ }),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', {
      name: 'Estimated monthly cost',
    });
    expect(within(table).getAllByText('$59.13').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Review' })).toBeInTheDocument();
  });

  it('warns above the configured monthly amount, and names a line that is most of it', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () =>
        HttpResponse.json({
          ...estimateOk,
          monthly: 8453.21,
          lines: [
            {
              component: 'db',
              resource: 'aws_db_instance.db',
              description: 'gp3 storage',
              quantity: 60000,
              unit: 'GB-months',
              unitPrice: 0.138,
              monthly: 8280,
            },
            ...estimateOk.lines,
          ],
        }),
      ),
    );
    renderForm({
      steps: [page('Components'), page('Apply')],
      initialState: {
        ...chosen,
        components: [{ name: 'db', type: 'postgres', storageGb: 60000 }],
      },
      config: { terrace: { estimate: { warnAboveMonthly: 500 } } },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'This environment would cost $8,453.21 a month, above the $500.00 your platform team asks you to check, and 98% of it is one line: db — gp3 storage, 60,000 GB-months for $8,280.00. Check that quantity before you go on.',
    );
  });
});
