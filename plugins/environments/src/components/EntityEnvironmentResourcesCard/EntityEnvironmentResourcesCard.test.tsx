import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { resourcesOk } from '../../__testUtils__/fixtures';
import {
  answerSection,
  failSection,
  hangSection,
} from '../../__testUtils__/handlers';
import {
  expectNoSeriousA11yViolations,
  renderWithApi,
} from '../../__testUtils__/render';
import { EntityEnvironmentResourcesCard } from './EntityEnvironmentResourcesCard';

const server = setupServer();
registerMswTestHooks(server);

describe('EntityEnvironmentResourcesCard', () => {
  it('groups resources by component with type icons, console links and a count', async () => {
    server.use(answerSection('resources', resourcesOk));
    const { container } = await renderWithApi(
      <EntityEnvironmentResourcesCard />,
    );

    expect(
      await screen.findByText('5 resources in 4 components'),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Resources by component' });
    const headers = within(list)
      .getAllByText(/\(\d+\)$/)
      .map(h => h.textContent);
    expect(headers).toEqual([
      'assets (1)',
      'cdn (1)',
      'db (2)',
      'No component tag (1)',
    ]);

    const db = within(list).getByText('shop-staging-db').closest('li')!;
    expect(
      within(db).getByRole('link', { name: /shop-staging-db/ }),
    ).toHaveAttribute('href', resourcesOk.items[0].consoleUrl);
    expect(within(db).getByTitle('Database')).toBeInTheDocument();
    expect(within(list).getByTitle('Bucket')).toBeInTheDocument();
    expect(within(list).getByTitle('CDN')).toBeInTheDocument();
    // A resource without a console URL is plain text.
    expect(within(list).getByText('E1ABC').closest('a')).toBeNull();
    await expectNoSeriousA11yViolations(container);
  });

  it("takes the icon from the backend's neutral category, never from the cloud's type names", async () => {
    server.use(
      answerSection('resources', {
        ...resourcesOk,
        items: [
          { ...resourcesOk.items[0], category: undefined },
          { ...resourcesOk.items[1], category: 'registry' },
        ],
      }),
    );
    await renderWithApi(<EntityEnvironmentResourcesCard />);
    const list = await screen.findByRole('list', {
      name: 'Resources by component',
    });
    const db = within(list).getByText('shop-staging-db').closest('li')!;
    expect(within(db).getByTitle('Resource')).toBeInTheDocument();
    expect(within(db).getByText('rds:db')).toBeInTheDocument();
    const assets = within(list).getByText('shop-staging-assets').closest('li')!;
    expect(within(assets).getByTitle('Registry')).toBeInTheDocument();
    expect(within(list).queryByTitle('Database')).toBeNull();
  });

  it('says when the cloud listed the resources, where the reader refreshes that a few environments at a time', async () => {
    server.use(
      answerSection('resources', {
        ...resourcesOk,
        items: resourcesOk.items.map((item, i) => ({
          ...item,
          listedAt:
            i === 1 ? '2026-11-25T08:00:00.000Z' : '2026-11-25T09:00:00.000Z',
        })),
      }),
    );
    await renderWithApi(<EntityEnvironmentResourcesCard />);
    const listed = await screen.findByText(/listed/);
    // the oldest of the listing times
    expect(within(listed).getByText(/ago$/)).toHaveAttribute(
      'datetime',
      '2026-11-25T08:00:00.000Z',
    );
  });

  it('shows no listing time where the reader lists every refresh', async () => {
    server.use(answerSection('resources', resourcesOk));
    await renderWithApi(<EntityEnvironmentResourcesCard />);
    expect(
      await screen.findByText('5 resources in 4 components'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/listed/)).toBeNull();
  });

  it('shows progress while loading', async () => {
    server.use(hangSection('resources'));
    await renderWithApi(<EntityEnvironmentResourcesCard />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the response error when the request fails', async () => {
    server.use(
      failSection(
        'resources',
        404,
        'No environment resource:default/shop-staging',
      ),
    );
    const { container } = await renderWithApi(
      <EntityEnvironmentResourcesCard />,
    );
    expect(
      await screen.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('says what to configure when resources are not configured', async () => {
    server.use(
      answerSection('resources', {
        status: 'not-configured',
        error: 'The entity has no terrace.dev/account-id annotation',
        configure:
          'Give the Backstage backend read access to that account (aws.accounts in app-config).',
        updatedAt: resourcesOk.updatedAt,
        items: [],
      }),
    );
    const { container } = await renderWithApi(
      <EntityEnvironmentResourcesCard />,
    );
    expect(
      await screen.findByText('Resources not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The entity has no terrace.dev/account-id annotation'),
    ).toBeInTheDocument();
    expect(screen.getByText(/aws\.accounts in app-config/)).toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });

  it('explains an empty list', async () => {
    server.use(answerSection('resources', { ...resourcesOk, items: [] }));
    await renderWithApi(<EntityEnvironmentResourcesCard />);
    expect(
      await screen.findByText(
        /No resources carry this environment's terrace:environment tag/,
      ),
    ).toBeInTheDocument();
  });
});
