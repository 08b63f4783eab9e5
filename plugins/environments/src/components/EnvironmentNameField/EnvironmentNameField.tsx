import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  checkEnvironmentName,
  takenMessage,
  type NameCheck,
} from './catalogName';

/** ui:options of the EnvironmentName field. */
export interface EnvironmentNameUiOptions {
  /** Wait this long after the last keystroke before asking the catalog. Default 300 ms. */
  debounceMs?: number;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'unreachable' }
  | NameCheck;

/**
 * Scaffolder field `EnvironmentName`: the environment's name, checked against the name rules and
 * the catalog while it is typed ("shop-staging is free" / "is already taken ... by
 * resource:default/shop-staging"). The same check runs when the step is left, so a taken
 * name never reaches Create.
 */
export function EnvironmentNameField(
  props: FieldExtensionComponentProps<string, EnvironmentNameUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
    autofocus,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const debounceMs = uiSchema?.['ui:options']?.debounceMs ?? 300;
  const value = formData ?? '';
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [debounced, setDebounced] = useState(value);
  useDebounce(() => setDebounced(value), debounceMs, [value]);

  useEffect(() => {
    if (debounced === '') {
      setStatus({ kind: 'idle' });
      return undefined;
    }
    let cancelled = false;
    setStatus({ kind: 'checking' });
    checkEnvironmentName(catalogApi, debounced)
      .then(result => !cancelled && setStatus(result))
      .catch(() => !cancelled && setStatus({ kind: 'unreachable' }));
    return () => {
      cancelled = true;
    };
  }, [catalogApi, debounced]);

  const current = debounced === value;
  let message: string | undefined = schema.description;
  let error = (rawErrors?.length ?? 0) > 0;
  if (current && status.kind === 'invalid') {
    message = `${value} ${status.message}`;
    error = true;
  } else if (current && status.kind === 'taken') {
    message = `${value} ${takenMessage(status)}`;
    error = true;
  } else if (current && status.kind === 'free') {
    message = `${value} is free in the catalog`;
  } else if (current && status.kind === 'unreachable') {
    message = 'The catalog could not be reached to check this name';
  } else if (status.kind === 'checking' || !current) {
    message = 'Checking the catalog…';
  }

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={value}
      required={required}
      disabled={disabled}
      // the template asks for it (ui:autofocus): the name is the form's first field
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus={autofocus}
      error={error}
      fullWidth
      margin="normal"
      onChange={e =>
        onChange(e.target.value === '' ? undefined : e.target.value)
      }
      helperText={
        <span aria-live="polite" data-testid="environment-name-status">
          {message}
        </span>
      }
      FormHelperTextProps={{ component: 'div' } as any}
    />
  );
}
