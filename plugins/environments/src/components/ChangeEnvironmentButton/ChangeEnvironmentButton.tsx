import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { LinkButton } from '@backstage/core-components';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';

/** Where the Update environment template lives in the scaffolder (`templates/update-environment`). */
export const UPDATE_ENVIRONMENT_TEMPLATE_PATH =
  '/create/templates/default/update-environment';

/**
 * The Update environment form's address, opened prefilled with `formData` (the scaffolder reads
 * the `formData` query parameter as the form's initial values).
 */
export function updateEnvironmentFormUrl(
  formData: Record<string, unknown>,
): string {
  return `${UPDATE_ENVIRONMENT_TEMPLATE_PATH}?${new URLSearchParams({
    formData: JSON.stringify(formData),
  })}`;
}

/** The label on one line, beside a message that may wrap. */
const NO_WRAP = { whiteSpace: 'nowrap', flexShrink: 0 } as const;

/** The backend's own message (a ResponseError carries it in its body), else the error's. */
function reason(error: Error): string {
  const body = (error as { body?: { error?: { message?: unknown } } }).body;
  const message = body?.error?.message;
  return typeof message === 'string' ? message : error.message;
}

/**
 * "Change this environment": opens the Update environment template with the entity's current
 * environment.yaml (read through the backend) as the form's values. While the spec loads the
 * action is disabled; when it cannot be read, it stays disabled and says why.
 */
export function ChangeEnvironmentButton() {
  const { loading, error, value } = useEnvironmentSection((api, entity) =>
    api.getSpec(entity),
  );
  if (loading || error || !value) {
    return (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button variant="outlined" color="primary" disabled style={NO_WRAP}>
          Change this environment
        </Button>
        {error ? (
          // the page's grey background: textSecondary would not meet the contrast ratio
          <Typography variant="body2">
            Cannot change it from the portal: {reason(error)}
          </Typography>
        ) : null}
      </Box>
    );
  }
  return (
    <LinkButton
      variant="outlined"
      color="primary"
      style={NO_WRAP}
      to={updateEnvironmentFormUrl(value.formData)}
    >
      Change this environment
    </LinkButton>
  );
}
