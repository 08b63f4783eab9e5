import { InputError } from '@backstage/errors';
import type {
  Estimate,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { getAwsPriceCatalog, type PriceCatalog } from './catalog';
import { priceAwsEnvironment } from './aws';
import { HOURS_PER_MONTH, LineCollector, roundToCent } from './lines';

/** @public */
export interface EstimateOptions {
  /** The catalog to price with; the AWS catalog of this package by default. */
  catalog?: PriceCatalog;
  /** The day (YYYY-MM-DD) support calendars are read on (Extended Support); today by default. */
  today?: string;
}

/**
 * What the estimate assumes, in words, so `cost.json` and the README table can say it.
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
 * Prices a resolved environment: one line per priced part of what the generated Terraform
 * creates, 730 hours a month, usage-priced lines from `spec.usage` or its defaults.
 * Throws InputError naming every field whose size or region has no price; never prices a
 * missing price as zero.
 * @public
 */
export function estimateEnvironment(
  resolved: ResolvedEnvironment,
  options: EstimateOptions = {},
): Estimate {
  if (resolved.cloud !== 'aws') {
    throw new InputError(
      `spec.cloud: the estimate has no price catalog for ${resolved.cloud} yet (only aws)`,
    );
  }
  const catalog = options.catalog ?? getAwsPriceCatalog();
  if (!catalog.hasRegion(resolved.region)) {
    throw new InputError(
      `spec.region: "${
        resolved.region
      }" has no aws price catalog yet, so it cannot be estimated (priced regions: ${catalog
        .regionNames()
        .join(
          ', ',
        )}); build its file from the AWS Price List with \`terrace prices refresh --cloud aws --region ${
        resolved.region
      }\``,
    );
  }
  const out = new LineCollector();
  const notes: string[] = [];
  priceAwsEnvironment(resolved, catalog, out, { today: options.today, notes });
  if (out.problems.length > 0) {
    throw new InputError(
      out.problems.map(p => `${p.path}: ${p.message}`).join('\n'),
    );
  }
  const file = catalog.regionFile(resolved.region)!;
  const monthly = roundToCent(
    out.lines.reduce((sum, line) => sum + line.monthly, 0),
  );
  return {
    currency: 'USD',
    monthly,
    hoursPerMonth: HOURS_PER_MONTH,
    prices: {
      source: `Terrace AWS price catalog ${file.catalogVersion}, ${file.region} (${file.location})`,
      retrieved: out.retrieved() ?? '',
      catalogVersion: file.catalogVersion,
    },
    lines: out.lines,
    assumptions: [...assumptions(resolved), ...notes],
  };
}
