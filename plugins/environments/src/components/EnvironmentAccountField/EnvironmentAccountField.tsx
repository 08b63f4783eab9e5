import { useEffect } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { accountLabel } from '@terrace/plugin-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { accountNoun, accountsOf, chosenCloud, settledValue } from './accounts';

/**
 * Scaffolder field `EnvironmentAccount`: the account (AWS account, Azure subscription, Google
 * Cloud project) the environment is created in, among those the portal lists for the chosen
 * cloud (`GET /v1/accounts`, from `aws.accounts`). One account: it is filled in and shown
 * read-only. Several: a required choice (the step will not go on without one). None: the
 * field says why and what the platform team configures; the environment then carries no
 * `terrace.dev/account-id`. The value follows the cloud: switching cloud drops an account of
 * the other cloud.
 */
export function EnvironmentAccountField(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    disabled,
    idSchema,
    formContext,
  } = props;
  const api = useApi(environmentsApiRef);
  const cloud = chosenCloud(
    (formContext as { formData?: Record<string, unknown> } | undefined)
      ?.formData,
  );
  const {
    value: response,
    loading,
    error,
  } = useAsync(() => api.getAccounts(), [api]);
  const list = response ? accountsOf(response, cloud) : undefined;
  const settled = list ? settledValue(list, formData) : formData;

  useEffect(() => {
    if (list && settled !== formData) onChange(settled);
  }, [list, settled, formData, onChange]);

  const id = idSchema?.$id;
  const label = schema.title ?? 'Account';
  const common = {
    id,
    label,
    disabled,
    fullWidth: true,
    margin: 'normal' as const,
    FormHelperTextProps: { component: 'div' } as any,
  };

  if (loading || error || !list) {
    return (
      <TextField
        {...common}
        value=""
        InputProps={{ readOnly: true }}
        error={!!error}
        helperText={
          <span aria-live="polite">
            {error
              ? `The accounts could not be loaded: ${error.message}. The create step checks the account again.`
              : 'Loading the accounts configured for new environments…'}
          </span>
        }
      />
    );
  }

  const noun = accountNoun(list);
  if (list.accounts.length === 0) {
    return (
      <TextField
        {...common}
        value={`No ${noun} configured`}
        InputProps={{ readOnly: true }}
        helperText={<span aria-live="polite">{list.reason}</span>}
      />
    );
  }

  if (list.accounts.length === 1) {
    return (
      <TextField
        {...common}
        value={accountLabel(list.accounts[0])}
        InputProps={{ readOnly: true }}
        helperText={
          <span aria-live="polite">
            The only {noun} configured for new environments
          </span>
        }
      />
    );
  }

  // the step's check lists its message beneath the field; a choice made since clears the red
  const chosen = !!settled;
  return (
    <TextField
      {...common}
      select
      // the asterisk only: a native `required` on MUI's hidden input would block the step
      // silently in the browser; the step's own check says what is missing
      InputLabelProps={{ required: true }}
      value={settled ?? ''}
      error={!chosen && (rawErrors?.length ?? 0) > 0}
      SelectProps={{ displayEmpty: true }}
      onChange={e => onChange(String(e.target.value))}
      helperText={
        <span aria-live="polite">
          {schema.description ??
            `Choose one of the ${list.accounts.length} ${noun}s configured for new environments`}
        </span>
      }
    >
      <MenuItem value="" disabled>
        Choose an {noun}
      </MenuItem>
      {list.accounts.map(account => (
        <MenuItem key={account.id} value={account.id}>
          {accountLabel(account)}
        </MenuItem>
      ))}
    </TextField>
  );
}
