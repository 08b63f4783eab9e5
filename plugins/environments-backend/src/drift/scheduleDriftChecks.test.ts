import { ConfigReader } from '@backstage/config';
import { readDriftSchedule } from './scheduleDriftChecks';

describe('readDriftSchedule', () => {
  it('is off by default, every 6 hours, across replicas', () => {
    expect(readDriftSchedule(new ConfigReader({}))).toEqual({
      enabled: false,
      schedule: {
        frequency: { hours: 6 },
        timeout: { hours: 2 },
        initialDelay: undefined,
        scope: 'global',
      },
    });
  });

  it('takes a cron or a duration, and enabled', () => {
    expect(
      readDriftSchedule(
        new ConfigReader({
          environments: {
            drift: { enabled: true, frequency: { cron: '0 3 * * *' } },
          },
        }),
      ),
    ).toMatchObject({
      enabled: true,
      schedule: { frequency: { cron: '0 3 * * *' } },
    });
    expect(
      readDriftSchedule(
        new ConfigReader({
          environments: {
            drift: { frequency: 'PT30M', timeout: { minutes: 20 } },
          },
        }),
      ).schedule,
    ).toMatchObject({ frequency: { minutes: 30 }, timeout: { minutes: 20 } });
  });

  it('names the key of a value it cannot read', () => {
    expect(() =>
      readDriftSchedule(
        new ConfigReader({
          environments: { drift: { frequency: { fortnights: 1 } } },
        }),
      ),
    ).toThrow(/^environments\.drift: .*frequency/);
  });
});
