import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import type {
  ResourceItem,
  ResourcesSection,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { SectionState } from '../SectionState';
import { TimeAgo } from '../TimeAgo';
import { resourceCategoryIcon } from './resourceIcons';

const UNTAGGED = 'No component tag';

/** Groups resources by their `terrace:component` tag, components in name order, untagged last. */
export function groupByComponent(items: ResourceItem[]) {
  const groups = new Map<string, ResourceItem[]>();
  for (const item of items) {
    const key = item.component ?? UNTAGGED;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      if (a === UNTAGGED) return 1;
      if (b === UNTAGGED) return -1;
      return a.localeCompare(b);
    })
    .map(([component, resources]) => ({
      component,
      resources: [...resources].sort(
        (x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name),
      ),
    }));
}

function countLine(section: ResourcesSection) {
  const n = section.items.length;
  const components = new Set(section.items.map(i => i.component ?? UNTAGGED))
    .size;
  return `${n} ${n === 1 ? 'resource' : 'resources'} in ${components} ${
    components === 1 ? 'component' : 'components'
  }`;
}

/**
 * The count, and when the cloud listed them where the reader refreshes membership a few
 * environments at a time (the oldest `listedAt`).
 */
function subheader(section: ResourcesSection) {
  const listed = section.items
    .map(i => i.listedAt)
    .filter((at): at is string => Boolean(at))
    .sort()[0];
  return (
    <>
      <span>{countLine(section)}</span>
      {listed ? (
        <span>
          {' '}
          · listed <TimeAgo iso={listed} />
        </span>
      ) : null}
    </>
  );
}

/** The cloud resources that carry this environment's tag, grouped by component. */
export function EntityEnvironmentResourcesCard() {
  const { loading, error, value, retry } = useEnvironmentSection(
    (api, entity) => api.getResources(entity),
  );
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Cloud resources"
      subheader={value?.status === 'ok' ? subheader(value) : undefined}
    >
      <SectionState
        label="Resources"
        loading={loading}
        error={error}
        value={value}
        retry={retry}
      >
        {section =>
          section.items.length === 0 ? (
            <Typography>
              No resources carry this environment's terrace:environment tag yet.
              They appear here once the environment has been applied.
            </Typography>
          ) : (
            <List dense disablePadding aria-label="Resources by component">
              {groupByComponent(section.items).map(group => (
                <li key={group.component}>
                  <ul style={{ padding: 0 }}>
                    <ListSubheader disableSticky>
                      {group.component} ({group.resources.length})
                    </ListSubheader>
                    {group.resources.map(resource => {
                      const { icon: Icon, label } = resourceCategoryIcon(
                        resource.category,
                      );
                      return (
                        <ListItem key={resource.id}>
                          <ListItemIcon>
                            <Icon titleAccess={label} />
                          </ListItemIcon>
                          <ListItemText
                            primary={
                              resource.consoleUrl ? (
                                <Link to={resource.consoleUrl}>
                                  {resource.name}
                                </Link>
                              ) : (
                                resource.name
                              )
                            }
                            secondary={
                              <Box component="span" fontFamily="monospace">
                                {resource.type}
                              </Box>
                            }
                          />
                        </ListItem>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </List>
          )
        }
      </SectionState>
    </InfoCard>
  );
}
