import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { CostSection } from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { formatMoney } from '../../lib/format';
import { SectionState } from '../SectionState';
import { CostByServiceChart } from './CostByServiceChart';

/** Within this share of the estimate, spend counts as on estimate. */
const TOLERANCE = 0.1;

export type EstimateComparison =
  | { kind: 'none' }
  | {
      kind: 'over' | 'under' | 'on';
      basis: 'forecast' | 'month to date';
      percent: number;
    };

/**
 * Compares the month's forecast (or, without one, month-to-date) with the estimate. Month to date
 * can only show being over; being under is judged on a forecast alone.
 */
export function compareWithEstimate(section: CostSection): EstimateComparison {
  const estimate = section.estimate?.monthly;
  if (estimate === undefined || estimate <= 0) {
    return { kind: 'none' };
  }
  let basis: 'forecast' | 'month to date' | undefined;
  if (section.forecast !== undefined) {
    basis = 'forecast';
  } else if (section.monthToDate !== undefined) {
    basis = 'month to date';
  }
  if (!basis) {
    return { kind: 'none' };
  }
  const actual =
    basis === 'forecast' ? section.forecast! : section.monthToDate!;
  const ratio = (actual - estimate) / estimate;
  const percent = Math.round(Math.abs(ratio) * 100);
  if (ratio > TOLERANCE) {
    return { kind: 'over', basis, percent };
  }
  if (basis === 'forecast' && ratio < -TOLERANCE) {
    return { kind: 'under', basis, percent };
  }
  return { kind: 'on', basis, percent };
}

function EstimateIndicator(props: { comparison: EstimateComparison }) {
  const { comparison } = props;
  if (comparison.kind === 'none') {
    return (
      <Typography variant="body2">
        No estimate to compare with: the environment has no cost.json.
      </Typography>
    );
  }
  if (comparison.kind === 'over') {
    const text = `Over estimate: ${comparison.basis} is ${comparison.percent}% above the estimate`;
    return comparison.percent >= 50 ? (
      <StatusError>{text}</StatusError>
    ) : (
      <StatusWarning>{text}</StatusWarning>
    );
  }
  if (comparison.kind === 'under') {
    return (
      <StatusOK>
        Under estimate: forecast is {comparison.percent}% below the estimate
      </StatusOK>
    );
  }
  if (comparison.basis === 'month to date') {
    return (
      <StatusOK>
        Within estimate so far: month to date has not passed the estimate (no
        forecast yet)
      </StatusOK>
    );
  }
  return (
    <StatusOK>
      On estimate: forecast is within {Math.round(TOLERANCE * 100)}% of the
      estimate
    </StatusOK>
  );
}

const FORECAST_BASIS: Record<
  NonNullable<CostSection['forecastBasis']>,
  string
> = {
  cloud: "the cloud's billing forecast",
  linear: 'month to date extrapolated',
};

function Figure(props: {
  label: string;
  amount?: number;
  currency: string;
  note?: string;
}) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="overline" component="p">
        {props.label}
      </Typography>
      <Typography variant="h6" component="p">
        {props.amount === undefined
          ? '—'
          : formatMoney(props.amount, props.currency)}
      </Typography>
      {props.note ? (
        <Typography variant="caption" color="textSecondary">
          {props.note}
        </Typography>
      ) : null}
    </Grid>
  );
}

/** Month to date, forecast, last month and the estimate; spend by service; over/under the estimate. */
export function EntityEnvironmentCostCard() {
  const { loading, error, value, retry } = useEnvironmentSection(
    (api, entity) => api.getCost(entity),
  );
  return (
    <InfoCard titleTypographyProps={{ component: 'h2' }} title="Cost">
      <SectionState<CostSection>
        label="Costs"
        loading={loading}
        error={error}
        value={value}
        retry={retry}
      >
        {section => (
          <>
            {section.tagActive === false ? (
              <Box mb={2}>
                <Alert severity="info">
                  The cost allocation tag terrace:environment is not active, so
                  the bill cannot be split by environment yet. Activate it under
                  Billing, Cost allocation tags; costs appear within 24 hours.
                </Alert>
              </Box>
            ) : null}
            <Grid container spacing={2}>
              <Figure
                label="Month to date"
                amount={section.monthToDate}
                currency={section.currency}
              />
              <Figure
                label="Forecast"
                amount={section.forecast}
                currency={section.currency}
                note={
                  section.forecastBasis
                    ? FORECAST_BASIS[section.forecastBasis]
                    : undefined
                }
              />
              <Figure
                label="Last month"
                amount={section.lastMonth}
                currency={section.currency}
              />
              <Figure
                label="Estimate"
                amount={section.estimate?.monthly}
                currency={section.estimate?.currency ?? section.currency}
              />
            </Grid>
            <Box my={2}>
              <EstimateIndicator comparison={compareWithEstimate(section)} />
            </Box>
            {section.byService.length > 0 ? (
              <>
                <Typography variant="subtitle2" component="h3" gutterBottom>
                  Month to date by service
                </Typography>
                <CostByServiceChart
                  byService={section.byService}
                  currency={section.currency}
                />
              </>
            ) : (
              <Typography variant="body2">
                No cost has been recorded for this environment this month.
              </Typography>
            )}
          </>
        )}
      </SectionState>
    </InfoCard>
  );
}
