import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createRegisterCatalogAction } from './registerCatalog';
import { mockContext } from './__testUtils__';

// The happy path runs against the real catalog in src/e2e; these are the edges.
describe('terrace:catalog:register', () => {
  const action = (catalog = catalogServiceMock.mock()) =>
    createRegisterCatalogAction({
      catalog,
      auth: mockServices.auth(),
      waitSeconds: 1,
    });

  it('refuses a location that is neither a file nor an http(s) URL', async () => {
    const catalog = catalogServiceMock.mock();
    const ctx = mockContext({
      input: { catalogInfoUrl: 'repo/catalog-info.yaml' },
    });
    const error = await action(catalog)
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'catalogInfoUrl: "repo/catalog-info.yaml" must be a file: URL, an absolute path or an http(s) URL',
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('registers nothing in a dry run', async () => {
    const catalog = catalogServiceMock.mock();
    const ctx = mockContext({
      input: {
        catalogInfoUrl: 'file:///srv/repos/shop-dev/catalog-info.yaml',
        entityRef: 'Resource:default/shop-dev',
      },
      isDryRun: true,
    });
    await action(catalog).handler(ctx);
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'locationRef',
      'file:/srv/repos/shop-dev/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/shop-dev',
    );
  });

  it('treats an already registered location as registered and waits for the entity', async () => {
    const catalog = catalogServiceMock.mock({
      addLocation: jest
        .fn()
        .mockRejectedValue(new ConflictError('Location already exists')),
      refreshEntity: jest.fn().mockResolvedValue(undefined),
      getEntityByRef: jest
        .fn()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue({
          kind: 'Resource',
          metadata: { name: 'shop-dev' },
        } as any),
    });
    const ctx = mockContext({
      input: {
        catalogInfoUrl: 'https://git.example.test/shop-dev/catalog-info.yaml',
        entityRef: 'resource:default/shop-dev',
      },
    });
    await action(catalog).handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'url',
        target: 'https://git.example.test/shop-dev/catalog-info.yaml',
      },
      expect.anything(),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/shop-dev',
    );
  });

  it('says what to add when the catalog refuses file locations', async () => {
    const refusal = Object.assign(
      new Error('Request failed with 400 Bad Request'),
      {
        name: 'ResponseError',
        body: {
          error: {
            name: 'InputError',
            message: 'Registered locations must be of an allowed type ["url"]',
          },
        },
      },
    );
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockRejectedValue(refusal),
    });
    const ctx = mockContext({
      input: { catalogInfoUrl: '/srv/repos/shop-dev/catalog-info.yaml' },
    });
    await expect(action(catalog).handler(ctx)).rejects.toThrow(
      'catalogInfoUrl: the catalog does not accept file locations (Registered locations must be of an allowed type ["url"]); add catalogModuleEnvironmentFileLocations to the backend, or publish to a git host',
    );
  });

  it('fails with the catalog error when registering fails otherwise', async () => {
    const catalog = catalogServiceMock.mock({
      addLocation: jest
        .fn()
        .mockRejectedValue(new InputError('Location type file is not allowed')),
    });
    const ctx = mockContext({
      input: { catalogInfoUrl: '/srv/repos/shop-dev/catalog-info.yaml' },
    });
    await expect(action(catalog).handler(ctx)).rejects.toThrow(
      'Location type file is not allowed',
    );
  });
});
