import { createEstimateEnvironmentAction } from './estimateEnvironment';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

describe('terrace:environment:estimate examples', () => {
  it('run', async () => {
    const ws = await exampleWorkspace();
    try {
      await runExamples(
        createEstimateEnvironmentAction(),
        ws.workspacePath,
        undefined,
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'monthly',
            expect.any(Number),
          ),
      );
    } finally {
      await ws.remove();
    }
  });
});
