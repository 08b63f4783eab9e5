import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestStatusService,
  environmentRef,
  motoAppConfig,
} from './statusService';
import {
  assertMotoReachable,
  motoEndpoint,
  randomAccountId,
  randomPrefix,
} from './moto';
import { readExampleEnvironments, seedExamples } from './seedExamples';

jest.setTimeout(60_000);

const examples = path.resolve(
  __dirname,
  '../../../../examples/environments.yaml',
);

describe('the demo seed', () => {
  it('seeds the example environments so their cards show a firing alarm and a critical backup', async () => {
    await assertMotoReachable(motoEndpoint());
    // the examples, renamed into a fresh account so the test never meets the demo's own data
    const accountId = randomAccountId();
    const p = randomPrefix();
    const text = fs
      .readFileSync(examples, 'utf8')
      .replace(/'123456789012'/g, `'${accountId}'`)
      .replace(
        /name: (shop-staging|shop-production|payments-dev)/g,
        `name: ${p}-$1`,
      );
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-')),
      'environments.yaml',
    );
    fs.writeFileSync(file, text);
    expect(
      readExampleEnvironments(file).map(e => [
        e.name.slice(p.length + 1),
        e.region,
        e.tier,
      ]),
    ).toEqual([
      ['shop-staging', 'ap-southeast-2', 'staging'],
      ['shop-production', 'us-east-1', 'prod'],
      ['payments-dev', 'eu-west-1', 'dev'],
    ]);

    const lines: string[] = [];
    await seedExamples(file, line => lines.push(line));
    expect(lines).toContain(
      `seeded ${p}-shop-production (prod) in account ${accountId}, us-east-1`,
    );

    const service = createTestStatusService({
      config: motoAppConfig(motoEndpoint()),
    });
    const production = environmentRef(
      `${p}-shop-production`,
      accountId,
      'us-east-1',
      'prod',
    );
    const [alarms, backups, cost, overview] = await Promise.all([
      service.getAlarms(production),
      service.getBackups(production),
      service.getCost(production),
      service.getOverview([
        production,
        environmentRef(
          `${p}-shop-staging`,
          accountId,
          'ap-southeast-2',
          'staging',
        ),
        environmentRef(`${p}-payments-dev`, accountId, 'eu-west-1', 'dev'),
      ]),
    ]);
    expect(
      alarms.items.filter(a => a.state === 'ALARM').map(a => a.name),
    ).toEqual([`${p}-shop-production/db/cpu-high`]);
    expect(backups.items.find(b => b.component === 'db')).toMatchObject({
      health: 'critical',
      retentionDays: 0,
    });
    expect(cost).toMatchObject({
      status: 'ok',
      monthToDate: 128.6,
      lastMonth: 265.6,
    });
    expect(overview.map(o => [o.alarms.alarm, o.backups.worst])).toEqual([
      [1, 'critical'],
      // staging's cache snapshot comes from moto without a creation time: a warning, not a pass
      [0, 'warning'],
      [0, 'ok'],
    ]);
  });
});
