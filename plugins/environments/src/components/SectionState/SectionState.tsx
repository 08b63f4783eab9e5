import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  CONFIGURE_LOCATION,
  type SectionBase,
} from '@terrace/plugin-environments-common';
import { timeSince } from '../../lib/format';

/** @public */
export interface SectionStateProps<T extends SectionBase> {
  /** The section in words, e.g. `Alarms`. */
  label: string;
  loading: boolean;
  error?: Error;
  value?: T;
  /** Offered as "Try again" when the request or the cloud call failed. */
  retry?: () => void;
  children: (value: T) => ReactNode;
}

/**
 * The states every card shares: progress while loading, `ResponseErrorPanel` when the request
 * failed, a warning when the cloud call behind the section failed, an empty state naming what to
 * configure when the section is not configured, and otherwise the card's own content.
 */
export function SectionState<T extends SectionBase>(
  props: SectionStateProps<T>,
) {
  const { label, loading, error, value, retry, children } = props;
  const retryButton = retry ? (
    <Box mt={1}>
      <Button variant="outlined" size="small" onClick={retry}>
        Try again
      </Button>
    </Box>
  ) : null;
  if (loading) {
    return (
      <Progress aria-label={`Loading ${label.toLocaleLowerCase('en-US')}`} />
    );
  }
  if (error) {
    return (
      <>
        <ResponseErrorPanel error={error} />
        {retryButton}
      </>
    );
  }
  if (!value) {
    return null;
  }
  if (value.status === 'not-configured') {
    return (
      <EmptyState
        missing="info"
        title={`${label} not configured for this environment`}
        description={
          <>
            {value.error ? (
              <Typography component="span" display="block" gutterBottom>
                {value.error}
              </Typography>
            ) : null}
            <Typography component="span" display="block">
              {value.configure ?? CONFIGURE_LOCATION}
            </Typography>
          </>
        }
      />
    );
  }
  if (value.status === 'error') {
    return (
      <>
        <WarningPanel
          severity="error"
          title={`Could not read ${label.toLocaleLowerCase(
            'en-US',
          )} from the cloud`}
          message={value.error ?? 'The cloud call failed without a message.'}
        />
        {retryButton}
      </>
    );
  }
  const readAt = timeSince(value.updatedAt);
  return (
    <>
      {children(value)}
      {readAt ? (
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary">
            Read from the cloud{' '}
            <time dateTime={value.updatedAt} title={value.updatedAt}>
              {readAt}
            </time>
          </Typography>
        </Box>
      ) : null}
    </>
  );
}
