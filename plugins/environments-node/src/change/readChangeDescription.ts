/**
 * Reads back what a proposed change's description (`.terrace/changes/<task id>.md`, written by
 * the scaffolder module's `changeDescription`) says: its title, Terraform's plan line and the
 * total cost delta. Shared by `terrace:environment:merge` and the backend's pending changes.
 */
import type { EnvironmentCostDelta } from '@terrace/plugin-environments-common';

/** @public What a change description says; each part undefined when the file does not say it. */
export interface ChangeDescriptionFacts {
  /** The first heading without `# `, e.g. `Change environment shop-dev`. */
  title?: string;
  /** Terraform's plan line, e.g. `Plan: 3 to add, 0 to change, 0 to destroy.`, or `Plan skipped: <why>`. */
  planSummary?: string;
  /** The total monthly cost delta (USD), from the line `before → after (difference)`. */
  costDelta?: EnvironmentCostDelta;
}

const TOTAL =
  /^(-?\d+(?:\.\d+)?) → (-?\d+(?:\.\d+)?) \(([+-]?\d+(?:\.\d+)?)\)$/;

/** @public Parses a change description (Markdown); never throws, an unknown shape gives `{}`. */
export function readChangeDescription(text: string): ChangeDescriptionFacts {
  const lines = text.split(/\r?\n/);
  const facts: ChangeDescriptionFacts = {};
  const heading = lines.find(l => l.startsWith('# '));
  if (heading) facts.title = heading.slice(2).trim();
  const planAt = lines.indexOf('## Terraform plan');
  if (planAt >= 0) {
    for (const line of lines.slice(planAt + 1)) {
      if (line.startsWith('## ')) break;
      const planned = /^`(Plan: [^`]+)`/.exec(line);
      const skipped = /^\*\*Plan skipped:\*\* (.+)$/.exec(line);
      if (planned) {
        facts.planSummary = planned[1];
        break;
      }
      if (skipped) {
        facts.planSummary = `Plan skipped: ${skipped[1]}`;
        break;
      }
    }
  }
  const costAt = lines.findIndex(l => l.startsWith('## Cost delta'));
  if (costAt >= 0) {
    for (const line of lines.slice(costAt + 1)) {
      if (line.startsWith('## ')) break;
      const total = TOTAL.exec(line.trim());
      if (total) {
        facts.costDelta = {
          before: Number(total[1]),
          after: Number(total[2]),
          difference: Number(total[3]),
          currency: 'USD',
        };
        break;
      }
    }
  }
  return facts;
}
