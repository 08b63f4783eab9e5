import type { TerraformPlanSummary } from '@terrace/plugin-environments-node';
import { validateEnvironment } from '@terrace/plugin-environments-common';
import { changeDescription, planSummaryLine } from './description';
import { dataStoresLostByPlan, dataStoresLostBySpec } from './dataStores';

/** A plan as LocalTerraformExecutor summarises `terraform show -json` (summarisePlan). */
const replacingPlan: TerraformPlanSummary = {
  add: 2,
  change: 1,
  destroy: 1,
  resources: [
    {
      address: 'aws_elasticache_replication_group.cache',
      actions: ['delete', 'create'],
    },
    { address: 'aws_security_group.cache', actions: ['create', 'delete'] },
    { address: 'aws_s3_bucket_versioning.assets', actions: ['update'] },
  ],
};

function environment(components: unknown[], region = 'eu-west-1') {
  const result = validateEnvironment({
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-dev', owner: 'group:default/shop' },
    spec: { cloud: 'aws', region, tier: 'dev', components },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.environment;
}

describe('a change that replaces resources', () => {
  it('names every replacement in the plan summary line, in either order of actions', () => {
    expect(
      planSummaryLine({
        planned: true,
        plan: replacingPlan,
        executor: 'local',
      }),
    ).toBe(
      'Plan: 2 to add, 1 to change, 1 to destroy. 2 to REPLACE: aws_elasticache_replication_group.cache, aws_security_group.cache.',
    );
  });

  it('calls the replacements out at the top of the plan section, each by address', () => {
    const text = changeDescription({
      environment: 'shop-dev',
      plan: { planned: true, plan: replacingPlan, executor: 'local' },
      costDelta: {
        ok: false,
        reason: 'the spec before the change is in a region without prices yet',
      },
      dataStoreLosses: [],
      changedFiles: { written: ['terraform/redis-cache.tf'], deleted: [] },
    });
    expect(text).toContain(
      '> **⚠ REPLACEMENTS: 2 resources are DESTROYED AND CREATED AGAIN**',
    );
    expect(text).toContain(
      '> - **REPLACE `aws_elasticache_replication_group.cache`** (delete then create)',
    );
    expect(text).toContain(
      '> - **REPLACE `aws_security_group.cache`** (create then delete)',
    );
    expect(text).toContain('- `~ aws_s3_bucket_versioning.assets` update');
    expect(text).toContain(
      'No cost delta: the spec before the change is in a region without prices yet.',
    );
  });
});

describe('data stores a change loses', () => {
  it('finds a data store the plan replaces or destroys, not other resources', () => {
    expect(
      dataStoresLostByPlan({
        ...replacingPlan,
        resources: [
          ...replacingPlan.resources,
          { address: 'module.x.aws_db_instance.db', actions: ['delete'] },
          { address: 'aws_s3_bucket.assets', actions: ['update'] },
        ],
      }),
    ).toEqual([
      { what: 'aws_elasticache_replication_group.cache', how: 'replaced' },
      { what: 'module.x.aws_db_instance.db', how: 'destroyed' },
    ]);
  });

  it('finds a removed data store, a changed type and a move to another region; not a removed service', () => {
    const before = environment([
      { name: 'db', type: 'postgres' },
      { name: 'cache', type: 'redis' },
      { name: 'api', type: 'service' },
    ]);
    expect(
      dataStoresLostBySpec(
        before,
        environment([{ name: 'cache', type: 'redis' }]),
      ),
    ).toEqual([{ what: 'component db (postgres)', how: 'removed' }]);
    expect(
      dataStoresLostBySpec(
        before,
        environment([
          { name: 'db', type: 'mongodb' },
          { name: 'cache', type: 'redis' },
        ]),
      ),
    ).toEqual([{ what: 'component db (postgres)', how: 'replaced' }]);
    expect(
      dataStoresLostBySpec(
        before,
        environment(
          [
            { name: 'db', type: 'postgres' },
            { name: 'cache', type: 'redis' },
          ],
          'us-east-1',
        ),
      ),
    ).toEqual([
      { what: 'component db (postgres)', how: 'replaced' },
      { what: 'component cache (redis)', how: 'replaced' },
    ]);
  });
});
