import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  ApplyState,
  PlanResponse,
} from '@terrace/plugin-environments-common';
import { useState } from 'react';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { formatMoney } from '../../lib/format';
import { TimeAgo } from '../TimeAgo';

/** Where the scaffolder shows a task (the app mounts the scaffolder at `/create`). */
const taskPath = (taskId: string) =>
  `/create/tasks/${encodeURIComponent(taskId)}`;

function TaskLink(props: { apply: ApplyState }) {
  const { taskId } = props.apply;
  return taskId ? (
    <>
      {' '}
      {/* underlined: inside a sentence, colour alone would not set it apart (axe link-in-text-block) */}
      <Link to={taskPath(taskId)} underline="always">
        Open the task
      </Link>
    </>
  ) : null;
}

/** The apply state in words, with its time and the task that ran it. */
function ApplyLine(props: { apply: ApplyState }) {
  const { apply } = props;
  const at = <TimeAgo iso={apply.at} fallback="" />;
  switch (apply.state) {
    case 'applied':
      return (
        <Typography variant="body1" component="p">
          <StatusOK />
          Applied {at} with the {apply.executor ?? 'configured'} executor.
          <TaskLink apply={apply} />
        </Typography>
      );
    case 'applying':
      return (
        <Typography variant="body1" component="p">
          <StatusRunning />
          Applying: Terraform started {at}; resources appear as the cloud
          creates them.
          <TaskLink apply={apply} />
        </Typography>
      );
    case 'pending':
      return (
        <Typography variant="body1" component="p">
          <StatusPending />
          Not applied yet: the task has not reached its apply step.
          <TaskLink apply={apply} />
        </Typography>
      );
    case 'delegated':
      return (
        <Typography variant="body1" component="p">
          <StatusWarning />
          Not applied yet. {apply.message}.
          <TaskLink apply={apply} />
        </Typography>
      );
    case 'failed':
      return (
        <Typography variant="body1" component="p">
          <StatusError />
          Apply failed {at}: {apply.message}
          <TaskLink apply={apply} />
        </Typography>
      );
    default:
      return (
        <Typography variant="body2">
          Apply state unknown: {apply.message}
        </Typography>
      );
  }
}

/**
 * "53 resource blocks in the repository's Terraform, 9 with an estimate line" (blocks known), or
 * "9 priced resources in the repository's Terraform" (cost.json only).
 */
export function plannedHeading(plan: PlanResponse) {
  const priced = plan.resources.filter(r => r.priced !== false).length;
  if (plan.resourceBlocks === undefined) {
    return `${priced} priced resources in the repository's Terraform`;
  }
  return `${plan.resourceBlocks} resource blocks in the repository's Terraform, ${priced} with an estimate line (the others cost nothing by themselves)`;
}

function PlannedTable(props: { plan: PlanResponse }) {
  const { plan } = props;
  const currency = plan.estimate?.currency ?? 'USD';
  // the priced resources first; the free ones (VPC, subnets, random_id ...) on request
  const [showFree, setShowFree] = useState(false);
  const free = plan.resources.filter(r => r.priced === false).length;
  const rows = showFree
    ? plan.resources
    : plan.resources.filter(r => r.priced !== false);
  return (
    <>
      <Table size="small" aria-label="Resources Terraform creates">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell>Terraform resource</TableCell>
            <TableCell align="right">Monthly</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(r => (
            <TableRow key={`${r.component} ${r.address}`}>
              <TableCell>{r.component}</TableCell>
              <TableCell>
                <Typography
                  variant="body2"
                  component="code"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {r.address}
                </Typography>
                {r.descriptions.length > 0 ? (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  >
                    {r.descriptions.join('; ')}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {r.priced === false ? (
                  <Typography variant="body2" color="textSecondary">
                    not priced
                  </Typography>
                ) : (
                  formatMoney(r.monthly, currency)
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {free > 0 ? (
        <Box mt={1}>
          <Button size="small" onClick={() => setShowFree(v => !v)}>
            {`${showFree ? 'Hide' : 'Show'} the ${free} ${
              free === 1 ? 'resource' : 'resources'
            } without an estimate line`}
          </Button>
        </Box>
      ) : null}
    </>
  );
}

/**
 * The heading and the table; once applied, the cards below show what was created, so the table
 * opens on request.
 */
function PlannedResources(props: { plan: PlanResponse }) {
  const { plan } = props;
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  const shown = open ?? plan.apply.state !== 'applied';
  return (
    <>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {plannedHeading(plan)}
      </Typography>
      {shown ? <PlannedTable plan={plan} /> : null}
      {plan.apply.state === 'applied' ? (
        <Button size="small" onClick={() => setOpen(!shown)}>
          {shown ? 'Hide the planned resources' : 'Show the planned resources'}
        </Button>
      ) : null}
    </>
  );
}

/**
 * What a new environment's page shows before the cloud answers: where its apply stands (from the
 * scaffolder task that created it, with a link), its estimate, and every resource its Terraform
 * creates (priced ones first; the table folds away once applied).
 */
export function EntityEnvironmentPlanCard() {
  const { loading, error, value } = useEnvironmentSection((api, entity) =>
    api.getPlan(entity),
  );
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    body = (
      <>
        <div role="status" aria-label="Apply state">
          <ApplyLine apply={value.apply} />
        </div>
        <Box mt={2} mb={1}>
          {value.estimate ? (
            <Typography variant="body1">
              Estimated monthly cost:{' '}
              <strong style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(value.estimate.monthly, value.estimate.currency)}
              </strong>
              {value.estimate.retrieved
                ? ` (list prices of ${value.estimate.retrieved})`
                : ''}
            </Typography>
          ) : (
            <Typography variant="body2">{value.error}</Typography>
          )}
        </Box>
        {value.resources.length > 0 ? <PlannedResources plan={value} /> : null}
      </>
    );
  }
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Apply and estimate"
    >
      {body}
    </InfoCard>
  );
}
