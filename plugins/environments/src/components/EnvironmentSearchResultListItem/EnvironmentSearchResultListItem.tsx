import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CloudIcon from '@material-ui/icons/Cloud';
import { Link } from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import type { EnvironmentSearchDocument } from './isEnvironmentSearchResult';
import { ownerName } from '../EnvironmentsOverviewPage/overviewRows';

/** @public */
export interface EnvironmentSearchResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
}

function highlighted(
  field: 'title' | 'text',
  doc: SearchDocument,
  highlight?: ResultHighlight,
): ReactNode {
  const excerpt = highlight?.fields?.[field];
  return excerpt ? (
    <HighlightedSearchResultText
      text={excerpt}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    doc[field]
  );
}

/** An environment in the portal's search: its title, description, cloud, region, tier and owner. */
export function EnvironmentSearchResultListItem(
  props: EnvironmentSearchResultListItemProps,
) {
  const { highlight, rank, icon } = props;
  const analytics = useAnalytics();
  const doc = props.result as EnvironmentSearchDocument | undefined;
  if (!doc) {
    return null;
  }
  const facts: Array<{ label: string; value?: string }> = [
    { label: 'Cloud', value: doc.cloud },
    { label: 'Region', value: doc.region },
    { label: 'Tier', value: doc.tier },
    { label: 'Owner', value: doc.owner ? ownerName(doc.owner) : undefined },
  ];
  return (
    <ListItem alignItems="flex-start" divider>
      <ListItemIcon>
        {icon ?? <CloudIcon titleAccess="Environment" />}
      </ListItemIcon>
      <ListItemText
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <Link
            noTrack
            to={doc.location}
            onClick={() =>
              analytics.captureEvent('discover', doc.title, {
                attributes: { to: doc.location },
                value: rank,
              })
            }
          >
            {highlighted('title', doc, highlight)}
          </Link>
        }
        secondary={
          <>
            <Typography component="span" variant="body2" display="block">
              {highlighted('text', doc, highlight)}
            </Typography>
            <Box
              component="span"
              display="flex"
              flexWrap="wrap"
              mt={1}
              style={{ gap: 4 }}
            >
              <Chip component="span" size="small" label="Environment" />
              {facts
                .filter(fact => fact.value)
                .map(fact => (
                  <Chip
                    component="span"
                    key={fact.label}
                    size="small"
                    variant="outlined"
                    label={`${fact.label}: ${fact.value}`}
                  />
                ))}
            </Box>
          </>
        }
      />
    </ListItem>
  );
}
