import Grid from '@material-ui/core/Grid';
import Box from '@material-ui/core/Box';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ChangeEnvironmentButton } from '../ChangeEnvironmentButton';
import { EntityEnvironmentActions } from '../EntityEnvironmentActions';
import { EnvironmentExpiryChip, entityExpiry } from '../EnvironmentExpiryChip';
import { EntityEnvironmentAlarmsCard } from '../EntityEnvironmentAlarmsCard';
import { EntityEnvironmentApprovals } from '../EntityEnvironmentApprovals';
import { EntityEnvironmentHistoryCard } from '../EntityEnvironmentHistoryCard';
import { EntityEnvironmentBackupsCard } from '../EntityEnvironmentBackupsCard';
import { EntityEnvironmentCostCard } from '../EntityEnvironmentCostCard';
import { EntityEnvironmentDriftCard } from '../EntityEnvironmentDriftCard';
import { EntityEnvironmentPendingChanges } from '../EntityEnvironmentPendingChanges';
import { EntityEnvironmentPlanCard } from '../EntityEnvironmentPlanCard';
import { EntityEnvironmentResourcesCard } from '../EntityEnvironmentResourcesCard';

/**
 * The Environment tab: a header (when a preview environment expires; "Change this environment"
 * and "Destroy environment"), a pending approval and the pending changes with "Review and apply"
 * (when there are some), then the apply state,
 * estimate and planned resources (they need no cloud, so a new environment's page is useful at
 * once), then alarms and cost, backups and resources, and the history; each loads alone.
 */
export function EntityEnvironmentContent() {
  const { entity } = useEntity();
  return (
    <Grid container spacing={3} alignItems="stretch">
      {/* the tab's header: when a preview environment expires, and what can be done to it */}
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          {entityExpiry(entity) ? (
            <EnvironmentExpiryChip entity={entity} />
          ) : null}
          <Box flexGrow={1} />
          <ChangeEnvironmentButton />
          <EntityEnvironmentActions />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <EntityEnvironmentApprovals />
        <EntityEnvironmentPendingChanges />
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
      <Grid item xs={12} lg={6}>
        <EntityEnvironmentDriftCard />
      </Grid>
      <Grid item xs={12}>
        <EntityEnvironmentHistoryCard />
      </Grid>
    </Grid>
  );
}
