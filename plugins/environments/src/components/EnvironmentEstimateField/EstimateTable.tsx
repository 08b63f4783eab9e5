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

/** Headings on one line; amounts never wrap and their digits line up; words never break inside. */
const HEADER = { whiteSpace: 'nowrap', overflowWrap: 'normal' } as const;
const CELL = { overflowWrap: 'normal', wordBreak: 'normal' } as const;
const NUMBER = {
  whiteSpace: 'nowrap',
  fontVariantNumeric: 'tabular-nums',
} as const;

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
            <TableCell style={HEADER}>Component</TableCell>
            <TableCell style={HEADER}>Resource</TableCell>
            <TableCell style={HEADER}>Description</TableCell>
            <TableCell align="right" style={HEADER}>
              Quantity
            </TableCell>
            <TableCell align="right" style={HEADER}>
              Unit price
            </TableCell>
            <TableCell align="right" style={HEADER}>
              Monthly
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {estimate.lines.map(line => (
            <TableRow
              key={`${line.component}/${line.resource}/${line.description}`}
            >
              <TableCell style={CELL}>{line.component}</TableCell>
              <TableCell style={CELL}>
                <code>{line.resource}</code>
              </TableCell>
              <TableCell style={CELL}>{line.description}</TableCell>
              <TableCell align="right" style={NUMBER}>
                {line.quantity.toLocaleString('en-US')} {line.unit}
              </TableCell>
              <TableCell align="right" style={NUMBER}>
                {unitPrice(line.unitPrice, estimate.currency)}
              </TableCell>
              <TableCell align="right" style={NUMBER}>
                {formatMoney(line.monthly, estimate.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableCell colSpan={5} style={CELL}>
              <Typography variant="subtitle2" component="span">
                Total per month ({estimate.currency})
              </Typography>
            </TableCell>
            <TableCell align="right" style={NUMBER}>
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
