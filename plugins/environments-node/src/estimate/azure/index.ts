import { InputError } from '@backstage/errors';
import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import { HOURS_PER_MONTH } from '../lines';
import type { CloudPricer } from '../pricer';
import { getAzurePriceCatalog, type AzurePriceCatalog } from './catalog';
import {
  azureBlobRedundancy,
  KEY_VAULT_READS_PER_SECRET,
  priceAzureEnvironment,
} from './price';
import { createAzureSizeCatalog } from './sizeCatalog';
import { azureUnpricedRegion } from './unpriced';

/**
 * What the Azure estimate assumes, in words, for `cost.json` and the README table. The usage
 * numbers come from the resolved model (`spec.usage` or its defaults).
 */
function assumptions(env: ResolvedEnvironment): string[] {
  const u = env.usage;
  return [
    `${HOURS_PER_MONTH} hours a month; pay-as-you-go list prices (Azure Retail Prices API, USD), before tax, credits, reservations, savings plans and free grants (Container Apps' monthly free vCPU-seconds, GiB-seconds and requests are per subscription and not deducted).`,
    `Usage: ${u.cdnTransferGb} GB Front Door transfer, ${u.cdnRequestsMillions} M Front Door requests, ${u.natProcessedGb} GB through NAT, ${u.logIngestGb} GB Log Analytics ingestion (spec.usage or defaults); Key Vault: ${KEY_VAULT_READS_PER_SECRET} operations per secret a month.`,
    'Services are priced at min_replicas replicas at the active rate all month and vm-groups at desiredCount instances; scaling above them costs more.',
    `Zone-redundant PostgreSQL HA and Managed Redis high availability are priced per node as Azure bills them (a second node); blob storage is priced at the Hot tier (${azureBlobRedundancy(
      env,
    )}) even after an archive transition; Front Door transfer at the first-10-TB rate of the region's zone.`,
    'MongoDB Atlas on Azure is priced from prices/azure/atlas.json (Atlas list prices, not an Azure meter).',
    'Not priced: PostgreSQL backup storage within the free allowance (100% of provisioned storage; geo-redundant backups in prod are priced), VM scale set OS disks, load balancer data processed, private endpoint data processed, blob operations and data retrieval, private DNS zones, diagnostic log export, data transfer out other than Front Door, Atlas backups.',
  ];
}

/**
 * The Azure pricer over a price catalog (`prices/azure/`, the package's own by default): one cost
 * line per priced part of what the Azure emitter creates, named with its Terraform address.
 * @public
 */
export function createAzurePricer(
  catalog: () => AzurePriceCatalog = getAzurePriceCatalog,
): CloudPricer {
  return {
    cloud: 'azure',
    sizes: createAzureSizeCatalog(catalog),
    price(env, out) {
      const prices = catalog();
      if (!prices.hasRegion(env.region)) {
        throw new InputError(
          `spec.region: "${
            env.region
          }" has no Azure price catalog yet, so it cannot be estimated (priced regions: ${
            prices.completeRegionNames().join(', ') || 'none complete'
          }); ${azureUnpricedRegion(prices, env.region)!.remedy}`,
        );
      }
      priceAzureEnvironment(env, prices, out);
      const file = prices.regionFile(env.region)!;
      return {
        currency: 'USD',
        source: `Terrace Azure price catalog ${file.catalogVersion}, ${file.region} (${file.location})`,
        catalogVersion: file.catalogVersion,
      };
    },
    assumptions,
  };
}

/** @public The Azure pricer of this package's price catalog. */
export const azurePricer: CloudPricer = createAzurePricer();
