import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ServiceCost } from '@terrace/plugin-environments-common';
import { formatMoney } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, 14em) 1fr 6em',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  track: {
    height: theme.spacing(1.5),
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
  },
  bar: {
    height: '100%',
    backgroundColor: theme.palette.primary.main,
    borderRadius: theme.shape.borderRadius,
  },
  amount: { textAlign: 'right' },
}));

/**
 * Month-to-date cost by service as horizontal bars, largest first. Each row also states its amount
 * in text, so the chart reads the same to a screen reader.
 */
export function CostByServiceChart(props: {
  byService: ServiceCost[];
  currency: string;
}) {
  const classes = useStyles();
  const rows = [...props.byService].sort((a, b) => b.amount - a.amount);
  const max = Math.max(...rows.map(r => r.amount), 0);
  return (
    <Box
      component="ul"
      p={0}
      m={0}
      aria-label="Cost by service"
      style={{ listStyle: 'none' }}
    >
      {rows.map(row => {
        const width = max > 0 ? Math.max((row.amount / max) * 100, 1) : 0;
        return (
          <li key={row.service} className={classes.row}>
            <Typography variant="body2" noWrap title={row.service}>
              {row.service}
            </Typography>
            <div className={classes.track} aria-hidden="true">
              <div className={classes.bar} style={{ width: `${width}%` }} />
            </div>
            <Typography variant="body2" className={classes.amount}>
              {formatMoney(row.amount, props.currency)}
            </Typography>
          </li>
        );
      })}
    </Box>
  );
}
