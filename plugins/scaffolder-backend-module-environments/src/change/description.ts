/**
 * The description of a proposed environment change (the merge request file of a local
 * repository, or the pull request's body): the plan summary with replacements called out, the
 * cost delta per line, and the data stores the change loses.
 */
import {
  formatCostDelta,
  formatPlanSummary,
  type EnvironmentCostDeltaReport,
  type TerraformPlanSummary,
} from '@terrace/plugin-environments-node';
import { isReplacement, type DataStoreLoss } from './dataStores';

/** The plan of a change, or why there is none. */
export type ChangePlan =
  | { planned: true; plan: TerraformPlanSummary; executor: string }
  | { planned: false; reason: string };

/** The one-line plan summary of a change: Terraform's own line, or `Plan skipped: <why>`. */
export function planSummaryLine(plan: ChangePlan): string {
  if (!plan.planned) return `Plan skipped: ${plan.reason}`;
  const replaced = plan.plan.resources.filter(r => isReplacement(r.actions));
  return `${formatPlanSummary(plan.plan)}${
    replaced.length > 0
      ? ` ${replaced.length} to REPLACE: ${replaced
          .map(r => r.address)
          .join(', ')}.`
      : ''
  }`;
}

const ACTION_MARK: Record<string, string> = {
  create: '+',
  delete: '-',
  update: '~',
};

function planSection(plan: ChangePlan): string[] {
  if (!plan.planned) {
    return ['## Terraform plan', '', `**Plan skipped:** ${plan.reason}`];
  }
  const replaced = plan.plan.resources.filter(r => isReplacement(r.actions));
  const lines = [
    '## Terraform plan',
    '',
    `\`${formatPlanSummary(plan.plan)}\` (${plan.executor} executor)`,
    '',
  ];
  if (replaced.length > 0) {
    lines.push(
      `> **⚠ REPLACEMENTS: ${replaced.length} resource${
        replaced.length === 1 ? ' is' : 's are'
      } DESTROYED AND CREATED AGAIN** — what they hold is lost unless it is backed up:`,
      '>',
      ...replaced.map(
        r => `> - **REPLACE \`${r.address}\`** (${r.actions.join(' then ')})`,
      ),
      '',
    );
  }
  if (plan.plan.resources.length > 0) {
    lines.push(
      ...plan.plan.resources.map(r =>
        isReplacement(r.actions)
          ? `- \`-/+ ${r.address}\` **replaced**`
          : `- \`${r.actions.map(a => ACTION_MARK[a] ?? a).join('')} ${
              r.address
            }\` ${r.actions.join(', ')}`,
      ),
    );
  } else {
    lines.push('No resource changes.');
  }
  return lines;
}

/**
 * The change's Markdown description.
 * `input.changedFiles`: paths the change writes or deletes, relative to the repository root.
 */
export function changeDescription(input: {
  environment: string;
  branch?: string;
  plan: ChangePlan;
  costDelta: EnvironmentCostDeltaReport;
  dataStoreLosses: DataStoreLoss[];
  changedFiles: { written: string[]; deleted: string[] };
  requestedBy?: string;
  taskId?: string;
}): string {
  const lines = [`# Change environment ${input.environment}`, ''];
  if (input.requestedBy || input.taskId) {
    lines.push(
      `Requested by ${input.requestedBy ?? 'unknown'}${
        input.taskId ? ` in scaffolder task ${input.taskId}` : ''
      }.`,
      '',
    );
  }
  if (input.dataStoreLosses.length > 0) {
    lines.push(
      '> **⚠ DATA LOSS ACKNOWLEDGED:** this change removes or replaces data stores:',
      '>',
      ...input.dataStoreLosses.map(l => `> - ${l.what}: **${l.how}**`),
      '',
    );
  }
  lines.push(...planSection(input.plan), '');
  const delta = input.costDelta;
  lines.push('## Cost delta (list prices, USD a month)', '');
  if (delta.ok) {
    const d = delta.total.difference;
    lines.push(
      `${delta.total.before.toFixed(2)} → ${delta.total.after.toFixed(2)} (${
        d > 0 ? '+' : ''
      }${d.toFixed(2)})`,
      '',
    );
  }
  lines.push(formatCostDelta(delta), '');
  lines.push('## Files', '');
  lines.push(
    ...input.changedFiles.written.map(f => `- \`${f}\` written`),
    ...input.changedFiles.deleted.map(f => `- \`${f}\` deleted`),
  );
  if (input.branch) {
    lines.push(
      '',
      '## Review and merge',
      '',
      `The change is on branch \`${input.branch}\`. Review it, merge it into the default branch, then apply it (the repository's workflow, or Terrace's apply).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
