import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EnvironmentApproval } from '@terrace/plugin-environments-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { TimeAgo } from '../TimeAgo';

/** The backend's reason of a refused request (its error body's message), else the error's. */
function reasonOf(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? (error as Error).message;
}

function PendingApproval(props: {
  approval: EnvironmentApproval;
  viewer?: string;
  onDecided: () => void;
}) {
  const { approval, viewer, onDecided } = props;
  const api = useApi(environmentsApiRef);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const own =
    !!viewer &&
    viewer.toLocaleLowerCase('en-US') ===
      approval.requestedBy.toLocaleLowerCase('en-US');
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.decideApproval(approval.id, decision);
      onDecided();
    } catch (error) {
      setProblem(reasonOf(error));
    } finally {
      setBusy(false);
    }
  };
  const reasonId = `approval-${approval.id}-reason`;
  return (
    <Box mb={2} role="group" aria-label={`Approval of the ${approval.action}`}>
      <Typography variant="body1" component="p">
        {approval.requestedBy} asks to {approval.action} {approval.environment}{' '}
        (requested <TimeAgo iso={approval.requestedAt} />
        ). The task waits until someone else approves.
        {approval.taskId ? (
          <>
            {' '}
            {/* underlined: inside a sentence, colour alone would not set it apart (axe link-in-text-block) */}
            <Link
              to={`/create/tasks/${encodeURIComponent(approval.taskId)}`}
              underline="always"
            >
              Open the task
            </Link>
          </>
        ) : null}
      </Typography>
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={own || busy}
          aria-describedby={own ? reasonId : undefined}
          onClick={() => decide('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          disabled={own || busy}
          aria-describedby={own ? reasonId : undefined}
          onClick={() => decide('reject')}
        >
          Reject
        </Button>
      </Box>
      {own ? (
        <Typography variant="body2" id={reasonId}>
          You requested this {approval.action}: someone else with the
          terrace.environment.approve permission must decide it.
        </Typography>
      ) : null}
      {problem ? (
        <Typography variant="body2" color="error" role="alert">
          {problem}
        </Typography>
      ) : null}
    </Box>
  );
}

/**
 * Pending approvals of the environment's production apply or destroy, with Approve and Reject
 * (disabled, saying why, for the person who asked). Renders nothing when none is pending.
 */
export function EntityEnvironmentApprovals() {
  const api = useApi(environmentsApiRef);
  const identityApi = useApi(identityApiRef);
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [approvals, identity] = await Promise.all([
      api.getApprovals({ status: 'pending', environment: name }),
      identityApi.getBackstageIdentity(),
    ]);
    return { items: approvals.items, viewer: identity.userEntityRef };
  }, [api, identityApi, name]);
  const [decided, setDecided] = useState(0);
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <Box mb={3}>
        <InfoCard titleTypographyProps={{ component: 'h2' }} title="Approvals">
          <ResponseErrorPanel error={error} />
        </InfoCard>
      </Box>
    );
  }
  if (!value || value.items.length === 0) {
    return decided > 0 ? (
      <Box mb={3}>
        <Typography variant="body2" role="status">
          Decided: the waiting task goes on, or stops if rejected.
        </Typography>
      </Box>
    ) : null;
  }
  return (
    <Box mb={3}>
      <InfoCard
        titleTypographyProps={{ component: 'h2' }}
        title="Approval needed"
      >
        {value.items.map(approval => (
          <PendingApproval
            key={approval.id}
            approval={approval}
            viewer={value.viewer}
            onDecided={() => {
              setDecided(d => d + 1);
              retry();
            }}
          />
        ))}
      </InfoCard>
    </Box>
  );
}
