import Grid from '@material-ui/core/Grid';
import { EntityEnvironmentAlarmsCard } from '../EntityEnvironmentAlarmsCard';
import { EntityEnvironmentBackupsCard } from '../EntityEnvironmentBackupsCard';
import { EntityEnvironmentCostCard } from '../EntityEnvironmentCostCard';
import { EntityEnvironmentResourcesCard } from '../EntityEnvironmentResourcesCard';

/** The Environment tab: alarms and cost on top, backups and resources below; each loads alone. */
export function EntityEnvironmentContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
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
    </Grid>
  );
}
