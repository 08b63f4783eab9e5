import { screen } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE_URL } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import {
  ChangeEnvironmentButton,
  updateEnvironmentFormUrl,
} from './ChangeEnvironmentButton';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const formData = {
  name: 'shop-staging',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'eu-west-1',
  tier: 'staging',
  components: [{ name: 'db', type: 'postgres', size: 'db.t3.small' }],
};

describe('ChangeEnvironmentButton', () => {
  it("opens the Update environment form prefilled with the entity's current spec", async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        `${BASE_URL}/v1/environments/:namespace/:name/spec`,
        ({ request }) => {
          seen.push(new URL(request.url).pathname);
          return HttpResponse.json({
            spec: {},
            formData,
            url: 'file:///repos/shop-staging/environment.yaml',
          });
        },
      ),
    );
    await renderWithApi(<ChangeEnvironmentButton />);
    // a link styled as a button (MUI gives it the button role)
    const link = await screen.findByRole('button', {
      name: 'Change this environment',
    });
    expect(link.tagName).toBe('A');
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/create/templates/default/update-environment');
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual(formData);
    expect(link.getAttribute('href')).toBe(updateEnvironmentFormUrl(formData));
    expect(seen).toEqual([
      '/api/environments/v1/environments/default/shop-staging/spec',
    ]);
  });

  it('stays disabled and says why when the spec cannot be read', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/environments/:namespace/:name/spec`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message:
                'resource:default/shop-staging has no backstage.io/source-location annotation, so its environment.yaml cannot be found',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await renderWithApi(<ChangeEnvironmentButton />);
    expect(
      await screen.findByText(/Cannot change it from the portal/),
    ).toHaveTextContent(
      /Cannot change it from the portal: .*no backstage.io\/source-location annotation/,
    );
    expect(
      screen.getByRole('button', { name: 'Change this environment' }),
    ).toBeDisabled();
  });
});
