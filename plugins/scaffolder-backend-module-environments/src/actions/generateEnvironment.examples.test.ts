import { promises as fs } from 'node:fs';
import path from 'node:path';
import { generateEnvironmentFiles } from '../generator';
import { createGenerateEnvironmentAction } from './generateEnvironment';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

describe('terrace:environment:generate examples', () => {
  it('run', async () => {
    const ws = await exampleWorkspace();
    try {
      await runExamples(
        createGenerateEnvironmentAction({ generate: generateEnvironmentFiles }),
        ws.workspacePath,
        undefined,
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'entityRef',
            'resource:default/shop-dev',
          ),
      );
      await expect(
        fs.stat(path.join(ws.workspacePath, 'repo', 'terraform', 'main.tf')),
      ).resolves.toBeDefined();
    } finally {
      await ws.remove();
    }
  });
});
