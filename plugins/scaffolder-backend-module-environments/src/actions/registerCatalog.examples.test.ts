import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createRegisterCatalogAction } from './registerCatalog';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

// The catalog itself is exercised in src/e2e; here the examples' inputs and handling.
describe('terrace:catalog:register examples', () => {
  it('run', async () => {
    const ws = await exampleWorkspace();
    const file = path.join(ws.workspacePath, 'repo', 'catalog-info.yaml');
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockResolvedValue({ location: {}, entities: [] }),
      getEntityByRef: jest.fn().mockResolvedValue({ kind: 'Resource' }),
      refreshEntity: jest.fn().mockResolvedValue(undefined),
    });
    try {
      await runExamples(
        createRegisterCatalogAction({
          catalog,
          auth: mockServices.auth(),
          waitSeconds: 1,
        }),
        ws.workspacePath,
        // the publish step's output
        input => ({
          ...input,
          catalogInfoUrl: input.catalogInfoUrl.startsWith('${{')
            ? pathToFileURL(file).href
            : input.catalogInfoUrl,
        }),
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'locationRef',
            expect.any(String),
          ),
      );
      expect(catalog.addLocation).toHaveBeenCalledWith(
        { type: 'file', target: file },
        expect.anything(),
      );
    } finally {
      await ws.remove();
    }
  });
});
