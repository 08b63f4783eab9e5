import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/render';
import { createEnvironmentRouteRef } from '../../routes';
import { EntityEnvironmentActions } from './EntityEnvironmentActions';

describe('EntityEnvironmentActions', () => {
  it('links Destroy environment to the Destroy environment template with this entity picked', async () => {
    await renderWithApi(<EntityEnvironmentActions />, {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName': createEnvironmentRouteRef,
      },
    });
    const link = screen.getByRole('button', {
      name: 'Destroy environment',
    });
    const href = new URL(link.getAttribute('href')!, 'http://portal');
    expect(href.pathname).toBe('/create/templates/default/destroy-environment');
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      environment: 'resource:default/shop-staging',
    });
  });

  it('shows nothing when the scaffolder is not bound', async () => {
    const { container } = await renderWithApi(<EntityEnvironmentActions />);
    expect(container).toBeEmptyDOMElement();
  });
});
