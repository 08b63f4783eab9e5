import Box from '@material-ui/core/Box';
import DeleteIcon from '@material-ui/icons/Delete';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { createEnvironmentRouteRef } from '../../routes';

/** The scaffolder template the "Destroy environment" action opens. */
export const DESTROY_TEMPLATE = 'destroy-environment';

/**
 * A scaffolder template's page with its form prefilled, e.g.
 * `/create/templates/default/destroy-environment?formData={"environment":"resource:default/shop-dev"}`.
 */
export function templateLink(
  templatePage: string,
  formData: Record<string, unknown>,
): string {
  return `${templatePage}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

/**
 * The Environment tab's actions on this environment: "Destroy environment" opens the Destroy
 * environment template with the entity picked (the name must still be typed there). Hidden when
 * the scaffolder's template page is not bound to `createEnvironment` (see routes.ts).
 */
export function EntityEnvironmentActions() {
  const { entity } = useEntity();
  const templatePage = useRouteRef(createEnvironmentRouteRef);
  if (!templatePage) return null;
  const entityRef = stringifyEntityRef(entity);
  return (
    <Box display="flex" justifyContent="flex-end" style={{ gap: 8 }}>
      <LinkButton
        to={templateLink(
          templatePage({
            namespace: 'default',
            templateName: DESTROY_TEMPLATE,
          }),
          { environment: entityRef },
        )}
        variant="outlined"
        color="secondary"
        startIcon={<DeleteIcon />}
      >
        Destroy environment
      </LinkButton>
    </Box>
  );
}
