import {
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandOutput,
  type MetricAlarm,
  type StateValue,
} from '@aws-sdk/client-cloudwatch';
import {
  neutralAwsAlarm,
  parseAlarmName,
  type AlarmItem,
  type AlarmState,
} from '@terrace/plugin-environments-common';
import type { AlarmsByEnvironment } from '../types';
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import {
  DEFAULT_KEPT_LISTING_BUDGET,
  memoryListingStore,
  refreshKeptListings,
  withUnlisted,
  type KeptListingBudget,
  type ListingStore,
} from './keptListing';
import type { MembershipStore } from './membership';
import { paginate } from './paginate';

const STATES = new Set<AlarmState>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
const STATE_ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

/** New environments whose alarms are read at once by prefix, at most, per refresh of a place. */
const NEW_ENVIRONMENTS_PER_REFRESH = 20;

type Listed = { environment: string; item: AlarmItem };

function toListed(alarm: MetricAlarm, region: string): Listed | undefined {
  const parsed = alarm.AlarmName ? parseAlarmName(alarm.AlarmName) : undefined;
  if (!parsed || !alarm.AlarmName) return undefined;
  const state = STATES.has(alarm.StateValue as AlarmState)
    ? (alarm.StateValue as AlarmState)
    : 'INSUFFICIENT_DATA';
  const item: AlarmItem = {
    name: alarm.AlarmName,
    component: parsed.component,
    check: parsed.check,
    state,
    consoleUrl: `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(
      alarm.AlarmName,
    )}`,
  };
  if (alarm.StateReason) item.reason = alarm.StateReason;
  if (alarm.StateUpdatedTimestamp) {
    item.updatedAt = new Date(alarm.StateUpdatedTimestamp).toISOString();
  }
  if (alarm.MetricName) item.metric = alarm.MetricName;
  if (alarm.Namespace) item.namespace = alarm.Namespace;
  if (alarm.Threshold !== undefined) item.threshold = alarm.Threshold;
  if (alarm.ComparisonOperator) item.comparison = alarm.ComparisonOperator;
  const neutral = neutralAwsAlarm({
    namespace: alarm.Namespace,
    metric: alarm.MetricName,
    comparison: alarm.ComparisonOperator,
  });
  if (neutral) {
    item.signal = neutral.signal;
    item.direction = neutral.direction;
  }
  return { environment: parsed.environment, item };
}

/**
 * Merges live state lists into kept alarm definitions: an alarm in `alarming` or `insufficient`
 * (read this refresh) is shown as listed there; a kept alarm in neither list is OK now (AWS has
 * three states) and is shown without `updatedAt` and `reason`: when it became OK is not in the
 * lists read (the kept stamp may predate a change since). Alarms in a state list that the kept
 * definitions do not know yet (a new alarm starts INSUFFICIENT_DATA) are shown at once.
 * Sorted ALARM, INSUFFICIENT_DATA, OK, then by name.
 */
export function mergeAlarmStates(
  definitions: Listed[],
  alarming: Listed[],
  insufficient: Listed[],
): AlarmsByEnvironment {
  const live = new Map<string, Listed>();
  for (const l of [...insufficient, ...alarming]) live.set(l.item.name, l);
  const result: AlarmsByEnvironment = {};
  const seen = new Set<string>();
  for (const d of definitions) {
    if (seen.has(d.item.name)) continue;
    seen.add(d.item.name);
    const now = live.get(d.item.name);
    if (now) {
      (result[now.environment] ??= []).push(now.item);
    } else {
      const { reason: _r, updatedAt: _u, ...rest } = d.item;
      (result[d.environment] ??= []).push({ ...rest, state: 'OK' });
    }
  }
  for (const l of live.values()) {
    if (!seen.has(l.item.name)) (result[l.environment] ??= []).push(l.item);
  }
  for (const items of Object.values(result)) {
    items.sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.name.localeCompare(b.name),
    );
  }
  return result;
}

/**
 * Reads the metric alarms of one account and region and attributes each to its environment by
 * its name `<environment>/<component>/<check>` (the environment part must match exactly, so
 * `shop` never sees `shop-staging`'s alarms). States are live: every refresh lists the alarms in
 * ALARM and in INSUFFICIENT_DATA (DescribeAlarms filtered by StateValue: one page each in a
 * healthy fleet); every other alarm is OK. Which alarms exist and their definitions (metric,
 * threshold) come from the full listing kept by {@link refreshKeptListings} (a page a refresh at
 * most, whole when never read), so the calls a refresh makes do not grow with alarms; with
 * `membership`, an environment it lists that has no alarm known (a new one) is read at once by
 * name prefix (once; later alarms of it come with the kept listing's next pass).
 */
export async function readAlarms(
  clients: AwsClients,
  signal?: AbortSignal,
  kept: {
    store?: ListingStore;
    budget?: KeptListingBudget;
    now?: () => Date;
    /** Resource membership of the place: environments whose alarms were never read. */
    membership?: MembershipStore;
  } = {},
): Promise<AlarmsByEnvironment> {
  const where = { accountId: clients.accountId, region: clients.region };
  const fetchPage = (token: string | undefined, state?: StateValue) =>
    awsCall('cloudwatch:DescribeAlarms', where, () =>
      clients.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmTypes: ['MetricAlarm'],
          MaxRecords: 100,
          NextToken: token || undefined,
          ...(state ? { StateValue: state } : {}),
        }),
        { abortSignal: signal },
      ),
    );
  const listed = (page: DescribeAlarmsCommandOutput) =>
    (page.MetricAlarms ?? [])
      .map(a => toListed(a, clients.region))
      .filter((l): l is Listed => !!l);
  const inState = async (state: StateValue) => {
    const out: Listed[] = [];
    await paginate(
      token => fetchPage(token, state),
      page => page.NextToken,
      page => out.push(...listed(page)),
    );
    return out;
  };
  const store = kept.store ?? memoryListingStore();
  // the kept listing first: a failing CloudWatch fails once (with its retries), not three times
  const now = (kept.now ?? (() => new Date()))();
  const nowIso = now.toISOString();
  const definitions = await refreshKeptListings({
    place: where,
    store,
    budget: kept.budget ?? DEFAULT_KEPT_LISTING_BUDGET,
    now,
    sources: [
      {
        name: 'alarms',
        fetchPage: token => fetchPage(token),
        nextToken: (page: DescribeAlarmsCommandOutput) => page.NextToken,
        items: listed,
      },
    ],
  });
  const [alarming, insufficient] = await Promise.all([
    inState('ALARM'),
    inState('INSUFFICIENT_DATA'),
  ]);
  let known = definitions.alarms.items as Listed[];
  if (kept.membership) {
    // an environment the resources section found that the kept listing does not hold (a new
    // environment) has its alarms read at once by name prefix
    const live = new Set(
      [...alarming, ...insufficient].map(l => l.environment),
    );
    known = await withUnlisted<Listed>({
      place: where,
      store,
      name: 'alarms',
      // environments with resources in this place (a name the catalog shows with nothing here
      // has no alarms here either), found since the kept listing was read
      ids: Object.entries(
        (await kept.membership.get(where))?.environments ?? {},
      )
        .filter(
          ([e, m]) =>
            m.items.length > 0 &&
            !live.has(e) &&
            // listed since the kept pass started (one that started and ended in this refresh
            // saw everything there is): that pass may not have seen it
            definitions.alarms.readAt !== nowIso &&
            m.readAt >= definitions.alarms.readAt,
        )
        .map(([e]) => e),
      limit: NEW_ENVIRONMENTS_PER_REFRESH,
      has: (items, environment) =>
        items.some(l => l.environment === environment),
      read: async environment => {
        const out: Listed[] = [];
        await paginate(
          token =>
            awsCall('cloudwatch:DescribeAlarms', where, () =>
              clients.cloudwatch.send(
                new DescribeAlarmsCommand({
                  AlarmTypes: ['MetricAlarm'],
                  AlarmNamePrefix: `${environment}/`,
                  MaxRecords: 100,
                  NextToken: token || undefined,
                }),
                { abortSignal: signal },
              ),
            ),
          page => page.NextToken,
          page => out.push(...listed(page)),
        );
        return out;
      },
    });
  }
  return mergeAlarmStates(known, alarming, insufficient);
}
