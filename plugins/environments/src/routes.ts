import { createRouteRef } from '@backstage/core-plugin-api';

/** @public The environments overview page (`/environments`). */
export const rootRouteRef = createRouteRef({
  id: 'environments',
});
