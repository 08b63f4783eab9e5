import { InputError } from '@backstage/errors';
import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import { HOURS_PER_MONTH } from '../lines';
import type { CloudPricer } from '../pricer';
import { getAwsPriceCatalog, type PriceCatalog } from './catalog';
import { priceAwsEnvironment } from './price';
import { createAwsSizeCatalog } from './sizeCatalog';
import { awsUnpricedRegion } from './unpriced';

/**
 * What the AWS estimate assumes, in words, so `cost.json` and the README table can say it.
 * The usage numbers themselves come from the resolved model (`spec.usage` or its defaults).
 */
function assumptions(env: ResolvedEnvironment): string[] {
  const u = env.usage;
  return [
    `${HOURS_PER_MONTH} hours a month; on-demand list prices, before tax, credits and free tier.`,
    `Usage: ${u.cdnTransferGb} GB CDN transfer, ${u.cdnRequestsMillions} M CDN requests, ${u.natProcessedGb} GB through NAT, ${u.logIngestGb} GB logs ingested (service logs, VPC flow logs, RDS enhanced monitoring), ${u.albLcu} LCU per load balancer (spec.usage or defaults).`,
    'Services are priced at minCount tasks and vm-groups at desiredCount instances; autoscaling above them costs more.',
    'Bucket storage is priced as S3 Standard even after the archive transition, by its monthly volume tiers; CloudFront transfer by the edge rates of the price class (its most expensive geography: PriceClass_100 United States/Europe, PriceClass_200 and PriceClass_All Asia), by volume tier.',
    'Not priced: data transfer between zones and to the internet (other than CloudFront), S3 requests and the access-log bucket, backup storage beyond the free allowance, Atlas backup snapshots, SNS notifications.',
  ];
}

/**
 * The AWS pricer over a price catalog (`prices/aws/<region>.json`, the package's own by default).
 * @public
 */
export function createAwsPricer(
  catalog: () => PriceCatalog = getAwsPriceCatalog,
): CloudPricer {
  return {
    cloud: 'aws',
    sizes: createAwsSizeCatalog(catalog),
    price(env, out, { today }) {
      const prices = catalog();
      if (!prices.hasRegion(env.region)) {
        throw new InputError(
          `spec.region: "${
            env.region
          }" has no aws price catalog yet, so it cannot be estimated (priced regions: ${prices
            .completeRegionNames()
            .join(', ')}); ${awsUnpricedRegion(prices, env.region)!.remedy}`,
        );
      }
      const notes: string[] = [];
      priceAwsEnvironment(env, prices, out, { today, notes });
      const file = prices.regionFile(env.region)!;
      return {
        currency: 'USD',
        source: `Terrace AWS price catalog ${file.catalogVersion}, ${file.region} (${file.location})`,
        catalogVersion: file.catalogVersion,
        notes,
      };
    },
    assumptions,
  };
}

/** @public The AWS pricer of this package's price catalog. */
export const awsPricer: CloudPricer = createAwsPricer();
