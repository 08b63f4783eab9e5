/**
 * The Account field on the Create environment template's own Cloud page
 * (plugins/catalog-backend-module-environments-template/templates/create-environment/template.yaml), in the scaffolder's real Stepper, with the
 * accounts served by the status API's route (msw on 127.0.0.1).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type { AccountsResponse } from '@terrace/plugin-environments-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { environmentsApiRef } from '../../api';
import { BASE_URL } from '../../__testUtils__/fixtures';
import {
  expectNoSeriousA11yViolations,
  testClient,
} from '../../__testUtils__/render';
import {
  ENVIRONMENT_ACCOUNT_FIELD,
  EnvironmentAccountField,
  environmentAccountValidation,
} from '.';

jest.setTimeout(60_000);

beforeAll(() => {
  window.scrollTo = () => {};
});

const server = setupServer();
registerMswTestHooks(server);

const template = yaml.parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../../catalog-backend-module-environments-template/templates/create-environment/template.yaml',
    ),
    'utf8',
  ),
);
const cloudPage = template.spec.parameters.find(
  (p: any) => p.title === 'Cloud',
);

function serveAccounts(aws: AccountsResponse['items'][number]['accounts']) {
  const body: AccountsResponse = {
    items: [
      {
        cloud: 'aws',
        term: 'account',
        accounts: aws,
        ...(aws.length === 0
          ? {
              reason:
                'No AWS account is configured for new environments: list them under aws.accounts in app-config.yaml',
            }
          : {}),
      },
      {
        cloud: 'azure',
        term: 'subscription',
        accounts: [],
        reason:
          'No Azure subscription is configured for new environments: list them under environments.azure.subscriptions in app-config.yaml',
      },
    ],
  };
  server.use(
    http.get(`${BASE_URL}/v1/accounts`, () => HttpResponse.json(body)),
  );
}

/** The Cloud page, then Review and Create; the region is chosen already. */
async function renderCloudPage() {
  const onCreate = jest.fn(async (_values: Record<string, unknown>) => {});
  const result = await renderInTestApp(
    <TestApiProvider apis={[[environmentsApiRef, testClient()]]}>
      <Stepper
        manifest={
          {
            title: 'Create environment',
            steps: [{ title: 'Cloud', schema: cloudPage }],
          } as any
        }
        extensions={
          [
            {
              name: ENVIRONMENT_ACCOUNT_FIELD,
              component: EnvironmentAccountField,
              validation: environmentAccountValidation,
            },
          ] as any
        }
        initialState={{ cloud: 'aws', region: 'eu-west-1', tier: 'dev' }}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return { onCreate, result };
}

async function reviewAndCreate() {
  await userEvent.click(screen.getByRole('button', { name: 'Review' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Create' }));
}

describe('the Account field of the Create environment form', () => {
  it('with two accounts, will not go on until the user picks one, then creates in it', async () => {
    serveAccounts([
      { id: '111111111111' },
      { id: '222222222222', title: 'Shop production' },
    ]);
    const { onCreate, result } = await renderCloudPage();
    const account = await screen.findByRole('button', {
      name: /Account.*Choose an AWS account/,
    });
    expect(
      screen.getByText(
        "Where the environment is created: one of the portal's accounts for the chosen cloud (AWS account, Azure subscription, Google Cloud project)",
      ),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(result.container);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await waitFor(() =>
      expect(
        screen.getAllByText(
          /Choose the AWS account the environment is created in/,
        ).length,
      ).toBeGreaterThan(0),
    );
    // still on the Cloud page: nothing to create yet
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await userEvent.click(account);
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'Choose an AWS account',
      '111111111111',
      'Shop production (222222222222)',
    ]);
    await userEvent.click(options[2]);
    expect(
      screen.getByRole('button', { name: /Account.*Shop production/ }),
    ).toBeInTheDocument();

    await reviewAndCreate();
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({ cloud: 'aws', accountId: '222222222222' }),
    );
  });

  it('with one account, fills it in, read-only, and creates in it', async () => {
    serveAccounts([{ id: '123456789012', title: 'Shop' }]);
    const { onCreate } = await renderCloudPage();
    const account = await screen.findByRole('textbox', { name: 'Account' });
    await waitFor(() => expect(account).toHaveValue('Shop (123456789012)'));
    expect(account).toHaveAttribute('readonly');
    expect(
      screen.getByText('The only AWS account configured for new environments'),
    ).toBeInTheDocument();
    await reviewAndCreate();
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({ accountId: '123456789012' }),
    );
  });

  it('with none, says why and what to configure, and creates without an account', async () => {
    serveAccounts([]);
    const { onCreate } = await renderCloudPage();
    expect(
      await screen.findByText(
        'No AWS account is configured for new environments: list them under aws.accounts in app-config.yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Account' })).toHaveValue(
      'No AWS account configured',
    );
    await reviewAndCreate();
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate.mock.calls[0][0].accountId).toBeUndefined();
  });

  it('follows the cloud: an AWS account is dropped when Azure is chosen, with why Azure has none', async () => {
    serveAccounts([{ id: '123456789012' }]);
    await renderCloudPage();
    const account = await screen.findByRole('textbox', { name: 'Account' });
    await waitFor(() => expect(account).toHaveValue('123456789012'));
    await userEvent.click(screen.getByRole('button', { name: /Cloud/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Microsoft Azure' }),
    );
    expect(
      await screen.findByText(
        'No Azure subscription is configured for new environments: list them under environments.azure.subscriptions in app-config.yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Account' })).toHaveValue(
      'No Azure subscription configured',
    );
  });
});
