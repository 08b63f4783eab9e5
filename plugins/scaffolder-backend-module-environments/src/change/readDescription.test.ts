import { changeDescription } from './description';
import { readChangeDescription } from '@terrace/plugin-environments-node';

describe('readChangeDescription', () => {
  it('reads back the title, the plan line and the total cost delta changeDescription wrote', () => {
    const text = changeDescription({
      environment: 'shop-dev',
      branch: 'terrace/change-t1',
      plan: {
        planned: true,
        plan: {
          add: 3,
          change: 0,
          destroy: 0,
          resources: [
            {
              address: 'aws_elasticache_replication_group.cache',
              actions: ['create'],
            },
          ],
        },
        executor: 'local',
      },
      costDelta: {
        ok: true,
        lines: [],
        total: {
          before: 41.5,
          after: 66.32,
          difference: 24.82,
          currency: 'USD',
        },
      } as any,
      dataStoreLosses: [],
      changedFiles: { written: ['environment.yaml'], deleted: [] },
    });
    expect(readChangeDescription(text)).toEqual({
      title: 'Change environment shop-dev',
      planSummary: 'Plan: 3 to add, 0 to change, 0 to destroy.',
      costDelta: {
        before: 41.5,
        after: 66.32,
        difference: 24.82,
        currency: 'USD',
      },
    });
  });

  it('says only what a description without a plan or prices says', () => {
    const text = changeDescription({
      environment: 'shop-dev',
      plan: { planned: false, reason: 'the ci executor plans elsewhere' },
      costDelta: { ok: false, reason: 'no prices for the region' },
      dataStoreLosses: [],
      changedFiles: { written: [], deleted: [] },
    });
    expect(readChangeDescription(text)).toEqual({
      title: 'Change environment shop-dev',
      planSummary: 'Plan skipped: the ci executor plans elsewhere',
    });
    expect(readChangeDescription('not a change')).toEqual({});
  });
});
