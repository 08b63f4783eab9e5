import type {
  CostEstimateSummary,
  PlannedResource,
} from '@terrace/plugin-environments-common';
import type { TerraformResourceBlock } from '@terrace/plugin-environments-node';
import { z } from 'zod';

const costJson = z.object({
  currency: z.string().default('USD'),
  monthly: z.number(),
  prices: z.object({ retrieved: z.string().optional() }).optional(),
  lines: z
    .array(
      z.object({
        component: z.string(),
        resource: z.string(),
        description: z.string().default(''),
        monthly: z.number(),
      }),
    )
    .default([]),
});

/**
 * The estimate and the resources its Terraform creates, from the text of an environment repo's
 * `cost.json` (written by `terrace generate`): each estimate line names the Terraform address it
 * prices; lines of one address are summed, in the order they first appear. Money is rounded to
 * cents. Throws a ZodError or SyntaxError when the text is not a cost.json.
 */
export function plannedFromCostJson(text: string): {
  estimate: CostEstimateSummary;
  resources: PlannedResource[];
} {
  const json = costJson.parse(JSON.parse(text));
  const byAddress = new Map<string, PlannedResource>();
  for (const line of json.lines) {
    const key = `${line.component}\u0000${line.resource}`;
    const resource: PlannedResource = byAddress.get(key) ?? {
      address: line.resource,
      component: line.component,
      descriptions: [],
      monthly: 0,
      priced: true,
    };
    if (line.description) resource.descriptions.push(line.description);
    resource.monthly =
      Math.round((resource.monthly + line.monthly) * 100) / 100;
    byAddress.set(key, resource);
  }
  const estimate: CostEstimateSummary = {
    monthly: json.monthly,
    currency: json.currency,
  };
  if (json.prices?.retrieved) estimate.retrieved = json.prices.retrieved;
  return { estimate, resources: [...byAddress.values()] };
}

/** Whether an estimate address (`type.name`, or `type.prefix*` for several) covers a block. */
function covers(priced: string, address: string) {
  return priced.endsWith('*')
    ? address.startsWith(priced.slice(0, -1))
    : priced === address;
}

/**
 * Every resource Terraform creates: the estimate's priced resources in their order, then the
 * resource blocks no estimate line covers (exact address, or a `*` address such as
 * `aws_cloudwatch_metric_alarm.db_*`), by component then address, as `priced: false` with
 * monthly 0. A block without a component is listed under `environment`.
 */
export function withUnpricedBlocks(
  priced: PlannedResource[],
  blocks: TerraformResourceBlock[],
): PlannedResource[] {
  const free: PlannedResource[] = blocks
    .filter(b => !priced.some(p => covers(p.address, b.address)))
    .map(b => ({
      address: b.address,
      component: b.component ?? 'environment',
      descriptions: [],
      monthly: 0,
      priced: false,
      ...(b.repeated && { repeated: true }),
    }))
    .sort(
      (a, b) =>
        a.component.localeCompare(b.component) ||
        a.address.localeCompare(b.address),
    );
  return [...priced, ...free];
}
