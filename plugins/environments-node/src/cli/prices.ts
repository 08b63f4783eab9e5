import { InvalidArgumentError, type Command } from 'commander';
import { cloudProfiles, type Cloud } from '@terrace/plugin-environments-common';
import type { PriceRefresher, PriceRefreshers } from '../prices/refresher';
import { priceRefreshers } from '../prices/refreshers';
import type { CliIo } from './io';

/** The clouds with a refresher, e.g. `aws`. */
function refreshable(refreshers: PriceRefreshers): Cloud[] {
  return (Object.keys(refreshers) as Cloud[]).filter(c => refreshers[c]);
}

function isCloud(value: string): value is Cloud {
  return Object.prototype.hasOwnProperty.call(cloudProfiles, value);
}

/** `--cloud`: a cloud whose catalog has a refresher, else the words for why not. */
function cloudParser(refreshers: PriceRefreshers) {
  return (value: string): Cloud => {
    const clouds = refreshable(refreshers).join(', ');
    if (!isCloud(value)) {
      throw new InvalidArgumentError(
        `"${value}" is not a cloud (${Object.keys(cloudProfiles).join(
          ', ',
        )}); clouds with a price catalog to refresh: ${clouds}`,
      );
    }
    if (!refreshers[value]) {
      throw new InvalidArgumentError(
        `${cloudProfiles[value].displayName} has no price catalog to refresh; clouds with one: ${clouds}`,
      );
    }
    return value;
  };
}

/** Why `region` is no region of `cloud`, or undefined when it is one. */
function regionProblem(cloud: Cloud, region: string): string | undefined {
  if (cloudProfiles[cloud].regions.includes(region)) return undefined;
  const article = /^[aeiou]/.test(cloud) ? 'an' : 'a';
  return `"${region}" is not ${article} ${cloud} region`;
}

/**
 * `terrace prices refresh --cloud <cloud> --region <r>`: rebuilds the region's catalog file of a
 * cloud from the cloud's price API, with the refresher of `refreshers` (default:
 * `priceRefreshers`). A cloud without a refresher is refused, by its name.
 */
export function registerPrices(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
  refreshers: PriceRefreshers = priceRefreshers,
) {
  const apis = refreshable(refreshers)
    .map(c => `${c}: ${refreshers[c]!.apiName}`)
    .join('; ');
  const prices = program
    .command('prices')
    .description('Manage the price catalog used by the estimate');
  prices
    .command('refresh')
    .description(
      `Rebuild a region of a cloud's price catalog from its price API (${apis})`,
    )
    .requiredOption(
      '--cloud <cloud>',
      refreshable(refreshers).join(' | '),
      cloudParser(refreshers),
    )
    .requiredOption(
      '--region <region>',
      'the region to refresh in the cloud\'s own names, e.g. eu-west-1 (aws), westeurope (azure)',
    )
    .option(
      '--dir <dir>',
      "catalog directory (default: this package's prices/<cloud>)",
    )
    .action(
      (opts: { cloud: Cloud; region: string; dir?: string }, cmd: Command) => {
        const problem = regionProblem(opts.cloud, opts.region);
        if (problem) {
          // As commander words an invalid option argument.
          cmd.error(
            `error: option '--region <region>' argument '${opts.region}' is invalid. ${problem}`,
            { code: 'commander.invalidArgument' },
          );
        }
        const refresher = refreshers[opts.cloud] as PriceRefresher;
        return run(async () => {
          const today = new Date().toISOString().slice(0, 10);
          try {
            const result = await refresher.refresh({
              region: opts.region,
              dir: opts.dir ?? refresher.defaultDir(),
              today,
              log: line => io.err(line),
            });
            for (const c of result.changed) {
              io.out(
                `${c.group}${c.key ? ` ${c.key}` : ''}: ${c.from} -> ${c.to}`,
              );
            }
            io.out(
              `${result.file}: ${result.updated.length} groups refreshed, ${result.kept.length} kept, ${result.changed.length} prices changed`,
            );
            return 0;
          } catch (e) {
            const failure = refresher.describeFailure(e);
            if (!failure) throw e;
            io.err(
              failure.option
                ? `${failure.option}: ${failure.message}`
                : `prices refresh: ${failure.message}; the catalog was not changed`,
            );
            return 1;
          }
        });
      },
    );
}
