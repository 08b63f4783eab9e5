import { InputError } from '@backstage/errors';
import {
  GCP_ATLAS_PSC_ENDPOINTS,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { HOURS_PER_MONTH } from '../lines';
import type { CloudPricer } from '../pricer';
import { getGcpPriceCatalog, type GcpPriceCatalog } from './catalog';
import { priceGcpEnvironment } from './price';
import { createGcpSizeCatalog, gcpUnpricedRegion } from './sizeCatalog';

/**
 * What the GCP estimate assumes, in words, for `cost.json` and the README: list prices, where
 * sustained-use discounts would apply, the free grants left out, and what is not priced.
 */
function assumptions(env: ResolvedEnvironment): string[] {
  const u = env.usage;
  return [
    `${HOURS_PER_MONTH} hours a month; Google Cloud on-demand list prices in USD, before tax, credits, committed-use discounts and free tiers.`,
    'Sustained-use discounts are not modelled: Compute Engine N1/N2/N2D/C2 VMs (a vm-group of n2-* machines) running most of a month get up to 20-30 % off automatically, so their lines are an upper bound; E2, Cloud SQL, Memorystore and Cloud Run get none.',
    'vm-groups are priced at desiredCount instances; the autoscaler may run up to maxCount.',
    'Free grants left out (they are per billing account, shared by every environment): Cloud Run 180,000 vCPU-s, 360,000 GiB-s and 2 million requests a month; Artifact Registry 0.5 GB; Secret Manager 6 active versions and 10,000 access operations; Cloud Storage 5 GB in us-central1, us-east1 and us-west1.',
    `Usage: ${u.cdnTransferGb} GB CDN egress, ${u.cdnRequestsMillions} M CDN requests, ${u.natProcessedGb} GB through Cloud NAT (spec.usage or defaults).`,
    'Cloud Run services are priced at their minimum instances kept idle (request-based billing, CPU only during requests); request time (vCPU-s and GiB-s while serving) and requests (0.40 per million) add with traffic. Cloud NAT is priced at its gateway cap (32 VMs or more).',
    'Cloud SQL backups are priced as one full copy of the disk; bucket storage as Standard even after the archive transition.',
    'MongoDB Atlas is billed by MongoDB, Inc. at its published tier rates (mongodb.com/pricing); its rate for this Google Cloud region may differ: check the Atlas UI cost estimate.',
    'Not priced: Cloud Storage operations, Network Load Balancer data processed, Cloud CDN cache fill, load balancer data processed, Secret Manager access operations, Cloud Logging beyond its free 50 GiB, data transfer between zones and to the internet (other than Cloud CDN), Cloud Monitoring alert policies.',
    ...env.components
      .filter(c => c.type === 'mongodb' && c.privateLink)
      .map(
        c =>
          `Not priced: the ${GCP_ATLAS_PSC_ENDPOINTS} Private Service Connect endpoints to MongoDB Atlas of ${c.name} (an internal address and a forwarding rule each). Google bills Private Service Connect endpoints per endpoint-hour and per GB processed, SKUs the gcp price catalog does not hold yet; they are not load-balancer forwarding rules, so the forwarding-rule price does not apply to them.`,
      ),
  ];
}

/**
 * The GCP pricer over a price catalog (`prices/gcp/<region>.json`, the package's own by
 * default). Throws InputError naming `spec.region` for a region without a catalog file; a
 * region whose file lacks a price reports each missing price at its field path.
 * @public
 */
export function createGcpPricer(
  catalog: () => GcpPriceCatalog = getGcpPriceCatalog,
): CloudPricer {
  return {
    cloud: 'gcp',
    sizes: createGcpSizeCatalog(catalog),
    price(env, out) {
      const prices = catalog();
      const file = prices.regionFile(env.region);
      if (!file) {
        throw new InputError(
          `spec.region: "${
            env.region
          }" has no gcp price catalog yet, so it cannot be estimated (priced regions: ${prices
            .completeRegionNames()
            .join(', ')}); ${gcpUnpricedRegion(prices, env.region)!.remedy}`,
        );
      }
      priceGcpEnvironment(env, prices, out);
      return {
        currency: 'USD',
        source: `Terrace GCP price catalog ${file.catalogVersion}, ${file.region} (${file.location})`,
        catalogVersion: file.catalogVersion,
      };
    },
    assumptions,
  };
}

/** @public The GCP pricer of this package's price catalog. */
export const gcpPricer: CloudPricer = createGcpPricer();
