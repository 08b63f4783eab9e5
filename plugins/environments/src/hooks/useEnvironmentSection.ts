import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef, type EnvironmentsApi } from '../api';

/**
 * Loads one section of the current entity's status. Each card calls it on its own, so one slow or
 * failing section never holds up the others.
 */
export function useEnvironmentSection<T>(
  load: (api: EnvironmentsApi, entity: CompoundEntityRef) => Promise<T>,
) {
  const api = useApi(environmentsApiRef);
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => load(api, ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
