import { InvalidArgumentError, type Command } from 'commander';
import { awsRegions } from '@terrace/plugin-environments-common';
import { defaultAwsPricesDir } from '../estimate/aws/catalog';
import {
  awsPriceListSource,
  refreshRegion,
  type ProductSource,
} from '../prices/aws';
import type { CliIo } from './io';

function parseCloud(value: string): 'aws' {
  if (value !== 'aws') {
    throw new InvalidArgumentError('only aws has a price catalog to refresh');
  }
  return value;
}

function parseRegion(value: string): string {
  if (!awsRegions.includes(value)) {
    throw new InvalidArgumentError(`"${value}" is not an aws region`);
  }
  return value;
}

/** Words for the errors the Price List API gives without usable credentials or permission. */
export function describeAwsError(e: unknown): string | undefined {
  const name = (e as { name?: string })?.name ?? '';
  const message = (e as Error)?.message ?? String(e);
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials/i.test(message)
  ) {
    return 'no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for an identity allowed pricing:GetProducts';
  }
  if (
    [
      'AccessDeniedException',
      'AccessDenied',
      'UnrecognizedClientException',
      'ExpiredTokenException',
      'InvalidSignatureException',
    ].includes(name)
  ) {
    return `AWS refused the Price List API call (${name}: ${message}); the identity needs pricing:GetProducts`;
  }
  return undefined;
}

/**
 * `terrace prices refresh --cloud aws --region <r>`: rebuilds the region's catalog file from the
 * AWS Price List Query API (GetProducts) with the credentials of the SDK's default chain.
 */
export function registerPrices(
  program: Command,
  io: CliIo,
  run: (action: () => Promise<number>) => Promise<void>,
  source: () => ProductSource = () => awsPriceListSource(),
) {
  const prices = program
    .command('prices')
    .description('Manage the price catalog used by the estimate');
  prices
    .command('refresh')
    .description(
      'Rebuild a region of the catalog from the AWS Price List Query API',
    )
    .requiredOption('--cloud <cloud>', 'aws', parseCloud)
    .requiredOption(
      '--region <region>',
      'the region to refresh, e.g. eu-west-1',
      parseRegion,
    )
    .option(
      '--dir <dir>',
      "catalog directory (default: this package's prices/aws)",
    )
    .action((opts: { cloud: 'aws'; region: string; dir?: string }) =>
      run(async () => {
        const today = new Date().toISOString().slice(0, 10);
        try {
          const result = await refreshRegion({
            region: opts.region,
            dir: opts.dir ?? defaultAwsPricesDir(),
            source: source(),
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
          const words = describeAwsError(e);
          if (words) {
            io.err(`prices refresh: ${words}; the catalog was not changed`);
            return 1;
          }
          if (
            e instanceof Error &&
            /^(no catalog file|the Price List answered no complete group) /.test(
              e.message,
            )
          ) {
            io.err(`--region: ${e.message}`);
            return 1;
          }
          throw e;
        }
      }),
    );
}
