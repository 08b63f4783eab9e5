import {
  Content,
  ContentHeader,
  CreateButton,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { createEnvironmentRouteRef } from '../../routes';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { EnvironmentsOverviewTable } from './EnvironmentsOverviewTable';

/** The overview body without page chrome, for hosts that draw their own header. */
export function EnvironmentsOverviewContent() {
  const api = useApi(environmentsApiRef);
  const { loading, error, value } = useAsyncRetry(
    () => api.getOverview(),
    [api],
  );
  if (loading) {
    return <Progress aria-label="Loading environments" />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return <EnvironmentsOverviewTable items={value?.items ?? []} />;
}

/** `/environments`: every environment the user may read, across all teams. */
export function EnvironmentsOverviewPage() {
  const createEnvironment = useRouteRef(createEnvironmentRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Environments"
        subtitle="Every environment you may read: alarms, backups and spend at a glance"
      />
      <Content>
        <ContentHeader title="All environments">
          {createEnvironment ? (
            <CreateButton
              title="Create environment"
              to={createEnvironment({
                namespace: 'default',
                templateName: 'create-environment',
              })}
            />
          ) : null}
          <SupportButton>
            Each row is a Resource entity of type environment. Alarms, backups
            and cost come from the cloud account named by its
            terrace.dev/account-id annotation.
          </SupportButton>
        </ContentHeader>
        <EnvironmentsOverviewContent />
      </Content>
    </Page>
  );
}
