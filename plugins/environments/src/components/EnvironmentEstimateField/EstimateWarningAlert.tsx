import Alert from '@material-ui/lab/Alert';
import type { Estimate } from '@terrace/plugin-environments-common';
import { formatMoney } from '../../lib/format';
import { estimateWarning } from '../../lib/estimateWarnings';

/**
 * Above the estimate: a warning when the monthly total passes the threshold the platform team
 * configured (`terrace.estimate.warnAboveMonthly`), and a stronger one naming the line when a
 * single line is more than half of it. Nothing below the threshold.
 */
export function EstimateWarningAlert(props: {
  estimate: Estimate;
  threshold: number;
}) {
  const { estimate, threshold } = props;
  const warning = estimateWarning(estimate, threshold);
  if (!warning) return null;
  const money = (amount: number) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatMoney(amount, estimate.currency)}
    </span>
  );
  if (warning.kind === 'dominant' && warning.line) {
    const { line } = warning;
    return (
      <Alert severity="error" role="alert">
        This environment would cost {money(estimate.monthly)} a month, above the{' '}
        {money(threshold)} your platform team asks you to check, and{' '}
        {Math.round((warning.share ?? 0) * 100)}% of it is one line:{' '}
        <strong>
          {line.component} — {line.description}
        </strong>
        , {line.quantity.toLocaleString('en-US')} {line.unit} for{' '}
        {money(line.monthly)}. Check that quantity before you go on.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" role="alert">
      This environment would cost {money(estimate.monthly)} a month, above the{' '}
      {money(threshold)} your platform team asks you to check.
    </Alert>
  );
}
