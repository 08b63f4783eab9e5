import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Estimate } from '@terrace/plugin-environments-common';
import { formatMoney } from '../../lib/format';

function unitPrice(amount: number, currency: string) {
  // Unit prices are often fractions of a cent per hour or GB; keep their precision.
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      maximumSignificantDigits: 4,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The itemised estimate: one row per priced line, and the monthly total. */
export function EstimateTable(props: { estimate: Estimate }) {
  const { estimate } = props;
  return (
    <>
      {estimate.warnings?.map(w => (
        <Alert severity="warning" key={`${w.path}/${w.message}`}>
          <code>{w.path}</code>: {w.message}
        </Alert>
      ))}
      <Table size="small" aria-label="Estimated monthly cost">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <TableCell>Resource</TableCell>
            <TableCell>Description</TableCell>
            <TableCell align="right">Quantity</TableCell>
            <TableCell align="right">Unit price</TableCell>
            <TableCell align="right">Monthly</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {estimate.lines.map(line => (
            <TableRow
              key={`${line.component}/${line.resource}/${line.description}`}
            >
              <TableCell>{line.component}</TableCell>
              <TableCell>
                <code>{line.resource}</code>
              </TableCell>
              <TableCell>{line.description}</TableCell>
              <TableCell align="right">
                {line.quantity.toLocaleString('en-US')} {line.unit}
              </TableCell>
              <TableCell align="right">
                {unitPrice(line.unitPrice, estimate.currency)}
              </TableCell>
              <TableCell align="right">
                {formatMoney(line.monthly, estimate.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableCell colSpan={5}>
              <Typography variant="subtitle2" component="span">
                Total per month
              </Typography>
            </TableCell>
            <TableCell align="right">
              <Typography variant="subtitle2" component="span">
                {formatMoney(estimate.monthly, estimate.currency)}
              </Typography>
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
      {estimate.prices?.source ? (
        <Typography variant="caption" display="block">
          Prices: {estimate.prices.source}
          {estimate.prices.retrieved
            ? `, retrieved ${estimate.prices.retrieved}`
            : ''}
          {estimate.hoursPerMonth
            ? `; ${estimate.hoursPerMonth} hours per month`
            : ''}
          .
        </Typography>
      ) : null}
    </>
  );
}
