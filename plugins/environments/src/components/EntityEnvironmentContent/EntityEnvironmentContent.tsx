import Grid from '@material-ui/core/Grid';
import { EntityEnvironmentAlarmsCard } from '../EntityEnvironmentAlarmsCard';
import { EntityEnvironmentApprovals } from '../EntityEnvironmentApprovals';
import { EntityEnvironmentHistoryCard } from '../EntityEnvironmentHistoryCard';
import { EntityEnvironmentBackupsCard } from '../EntityEnvironmentBackupsCard';
import { EntityEnvironmentCostCard } from '../EntityEnvironmentCostCard';
import { EntityEnvironmentPlanCard } from '../EntityEnvironmentPlanCard';
import { EntityEnvironmentResourcesCard } from '../EntityEnvironmentResourcesCard';

/**
 * The Environment tab: a pending approval (when there is one), then the apply state, estimate and
 * planned resources (they need no cloud, so a new environment's page is useful at once), then
 * alarms and cost, backups and resources, and the history; each loads alone.
 */
export function EntityEnvironmentContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <EntityEnvironmentApprovals />
        <EntityEnvironmentPlanCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <EntityEnvironmentAlarmsCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <EntityEnvironmentCostCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <EntityEnvironmentBackupsCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <EntityEnvironmentResourcesCard />
      </Grid>
      <Grid item xs={12}>
        <EntityEnvironmentHistoryCard />
      </Grid>
    </Grid>
  );
}
