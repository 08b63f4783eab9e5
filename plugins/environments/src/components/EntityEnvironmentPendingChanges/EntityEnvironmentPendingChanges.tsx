import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { InfoCard, LinkButton } from '@backstage/core-components';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_TERRAFORM_EXECUTOR,
  type EnvironmentCostDelta,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { TimeAgo } from '../TimeAgo';

/** Where the Apply environment change template lives in the scaffolder (`templates/apply-change`). */
export const APPLY_CHANGE_TEMPLATE_PATH =
  '/create/templates/default/apply-change';

/**
 * The Apply environment change form's address, prefilled with the environment (an entity ref),
 * the change's branch and, when given, the executor to apply with (the scaffolder reads
 * `formData` as the form's initial values).
 */
export function applyChangeFormUrl(
  entityRef: string,
  branch: string,
  executor?: 'local' | 'hcp',
): string {
  return `${APPLY_CHANGE_TEMPLATE_PATH}?${new URLSearchParams({
    formData: JSON.stringify({
      environment: entityRef,
      branch,
      ...(executor ? { executor } : {}),
    }),
  })}`;
}

/**
 * The executor "Apply with" starts on: the one the entity records as its owner
 * (`terrace.dev/terraform-executor`) when the template can apply with it (local, hcp); otherwise
 * none, and the template's default stands.
 */
function owningApplyExecutor(entity: Entity): 'local' | 'hcp' | undefined {
  const owner = entity.metadata.annotations?.[ANNOTATION_TERRAFORM_EXECUTOR];
  return owner === 'local' || owner === 'hcp' ? owner : undefined;
}

function money(delta: EnvironmentCostDelta): string {
  const d = delta.difference;
  let sign = '±';
  if (d > 0) sign = '+';
  else if (d < 0) sign = '−';
  return `$${delta.before.toFixed(2)} → $${delta.after.toFixed(
    2,
  )} (${sign}$${Math.abs(d).toFixed(2)}/month)`;
}

const CELL = { overflowWrap: 'normal', wordBreak: 'normal' } as const;

/**
 * "Pending changes": the changes proposed by "Change this environment" that are not applied yet
 * (branches of the environment's local repository), each with its plan line, cost delta and age,
 * and "Review and apply", which opens the Apply environment change template for it. Shows nothing
 * while there is none (or it cannot be read: the other cards say what is wrong).
 */
export function EntityEnvironmentPendingChanges() {
  const { entity } = useEntity();
  const { value } = useEnvironmentSection((api, ref) => api.getChanges(ref));
  if (!value || value.items.length === 0) return null;
  const entityRef = stringifyEntityRef(entity);
  const applyExecutor = owningApplyExecutor(entity);
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Pending changes"
      subheader="Proposed and not applied yet: the plan and cost delta they were proposed with"
    >
      <Table size="small" aria-label="Pending changes">
        <TableHead>
          <TableRow>
            <TableCell>Change</TableCell>
            <TableCell>Plan</TableCell>
            <TableCell>Cost delta</TableCell>
            <TableCell>Proposed</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(change => (
            <TableRow key={change.branch}>
              <TableCell style={CELL}>
                {change.title ?? change.branch}
                <br />
                <code>{change.branch}</code>
              </TableCell>
              <TableCell style={CELL}>{change.planSummary ?? '—'}</TableCell>
              <TableCell style={CELL}>
                {change.costDelta ? money(change.costDelta) : '—'}
              </TableCell>
              <TableCell>
                <TimeAgo iso={change.createdAt} />
              </TableCell>
              <TableCell>
                <LinkButton
                  variant="outlined"
                  color="primary"
                  to={applyChangeFormUrl(
                    entityRef,
                    change.branch,
                    applyExecutor,
                  )}
                  aria-label={`Review and apply ${change.branch}`}
                >
                  Review and apply
                </LinkButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
