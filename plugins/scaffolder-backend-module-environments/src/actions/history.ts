import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EnvironmentCostDelta } from '@terrace/plugin-environments-common';

/**
 * The cost delta of a new environment: before 0, after the monthly total of the workspace's
 * `cost.json` (USD, as `terrace generate` wrote it). Undefined when there is no cost.json (a region
 * the price catalog lacks) or it has no numeric `monthly`.
 */
export async function creationCostDelta(
  workspacePath: string,
): Promise<EnvironmentCostDelta | undefined> {
  let monthly: unknown;
  try {
    monthly = JSON.parse(
      await fs.readFile(path.join(workspacePath, 'cost.json'), 'utf8'),
    )?.monthly;
  } catch {
    return undefined;
  }
  if (typeof monthly !== 'number' || !Number.isFinite(monthly)) {
    return undefined;
  }
  const after = Math.round(monthly * 100) / 100;
  return { before: 0, after, difference: after, currency: 'USD' };
}
