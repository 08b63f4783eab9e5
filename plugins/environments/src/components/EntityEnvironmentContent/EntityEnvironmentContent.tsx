import Grid from '@material-ui/core/Grid';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EnvironmentExpiryChip, entityExpiry } from '../EnvironmentExpiryChip';
import { EntityEnvironmentAlarmsCard } from '../EntityEnvironmentAlarmsCard';
import { EntityEnvironmentApprovals } from '../EntityEnvironmentApprovals';
import { EntityEnvironmentHistoryCard } from '../EntityEnvironmentHistoryCard';
import { EntityEnvironmentBackupsCard } from '../EntityEnvironmentBackupsCard';
import { EntityEnvironmentCostCard } from '../EntityEnvironmentCostCard';
import { EntityEnvironmentPlanCard } from '../EntityEnvironmentPlanCard';
import { EntityEnvironmentResourcesCard } from '../EntityEnvironmentResourcesCard';

/**
 * The Environment tab: a preview environment's expiry, a pending approval (when there is one),
 * then the apply state, estimate and planned resources (they need no cloud, so a new environment's
 * page is useful at once), then alarms and cost, backups and resources, and the history; each
 * loads alone.
 */
export function EntityEnvironmentContent() {
  const { entity } = useEntity();
  return (
    <Grid container spacing={3} alignItems="stretch">
      {entityExpiry(entity) ? (
        <Grid item xs={12}>
          <EnvironmentExpiryChip entity={entity} />
        </Grid>
      ) : null}
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
