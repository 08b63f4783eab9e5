import { useEffect, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { formProblemPath } from '@terrace/plugin-environments-common';
import useDebounce from 'react-use/esm/useDebounce';
import { environmentsApiRef, type EstimateResult } from '../../api';
import { EstimateTable } from './EstimateTable';
import { EstimateWarningAlert } from './EstimateWarningAlert';
import { estimateInput } from './estimateInput';
import {
  DEFAULT_WARN_ABOVE_MONTHLY,
  WARN_ABOVE_MONTHLY_KEY,
} from '../../lib/estimateWarnings';

/** ui:options of the EnvironmentEstimate field. */
export interface EnvironmentEstimateUiOptions {
  /** Wait this long after the last change before asking for a new estimate. Default 500 ms. */
  debounceMs?: number;
}

/** The subset of the scaffolder field props this field reads. */
export interface EnvironmentEstimateFieldProps {
  name: string;
  formData?: number;
  onChange: (value: number | undefined) => void;
  formContext?: { formData?: Record<string, unknown> };
  schema?: { title?: string; description?: string };
  uiSchema?: { 'ui:options'?: EnvironmentEstimateUiOptions };
  rawErrors?: string[];
}

type State =
  | { kind: 'idle' }
  | { kind: 'error'; error: Error }
  | EstimateResult;

/**
 * Scaffolder field `EnvironmentEstimate`: prices the environment the form describes, itemised, and
 * updates as the form changes. The field's value is the monthly total, so later steps and the
 * template can use it. When the backend finds problems with the input it lists them by field path.
 */
export function EnvironmentEstimateField(props: EnvironmentEstimateFieldProps) {
  const { formData, onChange, formContext, schema, uiSchema, rawErrors } =
    props;
  const api = useApi(environmentsApiRef);
  const configApi = useApi(configApiRef);
  const threshold =
    configApi.getOptionalNumber(WARN_ABOVE_MONTHLY_KEY) ??
    DEFAULT_WARN_ABOVE_MONTHLY;
  const debounceMs = uiSchema?.['ui:options']?.debounceMs ?? 500;
  const payload = useMemo(
    () => JSON.stringify(estimateInput(formContext?.formData)),
    [formContext?.formData],
  );
  const [debounced, setDebounced] = useState<string | undefined>(undefined);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [loading, setLoading] = useState(true);

  useDebounce(() => setDebounced(payload), debounceMs, [payload]);

  useEffect(() => {
    if (debounced === undefined) {
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    api
      .estimate(JSON.parse(debounced), { signal: controller.signal })
      .then(result => {
        if (controller.signal.aborted) return;
        setState(result);
        setLoading(false);
      })
      .catch(error => {
        if (controller.signal.aborted) return;
        setState({ kind: 'error', error });
        setLoading(false);
      });
    return () => controller.abort();
  }, [api, debounced]);

  // Give the field its place in the form data at once (even before an estimate), so the
  // scaffolder runs this field's validation when the step is left.
  useEffect(() => {
    onChange(formData);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const monthly =
      state.kind === 'estimate' ? state.estimate.monthly : undefined;
    if (state.kind === 'idle') return;
    if (monthly !== formData) onChange(monthly);
  }, [state, formData, onChange]);

  return (
    <FormControl
      component="fieldset"
      fullWidth
      error={(rawErrors?.length ?? 0) > 0}
    >
      <FormLabel component="legend">
        {schema?.title ?? 'Estimated monthly cost'}
      </FormLabel>
      {schema?.description ? (
        <FormHelperText>{schema.description}</FormHelperText>
      ) : null}
      <Box mt={1} aria-live="polite">
        {loading ? <Progress aria-label="Estimating the monthly cost" /> : null}
        {state.kind === 'error' ? (
          <ResponseErrorPanel error={state.error} />
        ) : null}
        {state.kind === 'problems' ? (
          <Alert severity="warning">
            <Typography variant="body2" gutterBottom>
              The estimate needs these fields fixed first:
            </Typography>
            <ul>
              {state.problems.map(problem => (
                <li key={`${problem.path}: ${problem.message}`}>
                  <strong>
                    {formProblemPath(problem.path, formContext?.formData)}
                  </strong>
                  : {problem.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {state.kind === 'estimate' ? (
          <>
            <EstimateWarningAlert
              estimate={state.estimate}
              threshold={threshold}
            />
            <EstimateTable estimate={state.estimate} />
          </>
        ) : null}
      </Box>
      {/* the form lists rawErrors under the field itself */}
    </FormControl>
  );
}
