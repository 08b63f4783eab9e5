import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';
import {
  EXPIRY_FILTERS,
  NO_FILTER,
  ownerName,
  type OverviewFilters,
} from './overviewRows';

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  options: string[];
  format?: (value: string) => string;
  onChange: (value: string) => void;
}

function FilterSelect(props: FilterSelectProps) {
  const { id, label, value, options, format = v => v, onChange } = props;
  const labelId = `${id}-label`;
  return (
    <FormControl variant="outlined" size="small" fullWidth>
      {/* primary text colour: the default grey label over the page background is below 4.5:1 */}
      <InputLabel id={labelId} shrink style={{ color: 'inherit' }}>
        {label}
      </InputLabel>
      <Select
        labelId={labelId}
        id={id}
        label={label}
        value={value}
        displayEmpty
        input={<OutlinedInput notched label={label} />}
        onChange={event => onChange(String(event.target.value))}
      >
        <MenuItem value={NO_FILTER}>All</MenuItem>
        {options.map(option => (
          <MenuItem key={option} value={option}>
            {format(option)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Owner, cloud, tier and expiry selects and a firing-only switch above the overview table. */
export function OverviewFilterBar(props: {
  filters: OverviewFilters;
  owners: string[];
  clouds: string[];
  tiers: string[];
  onChange: (filters: OverviewFilters) => void;
}) {
  const { filters, owners, clouds, tiers, onChange } = props;
  return (
    <Grid
      container
      spacing={2}
      alignItems="center"
      role="group"
      aria-label="Filters"
    >
      <Grid item xs={12} sm={6} md={3}>
        <FilterSelect
          id="environments-filter-owner"
          label="Owner"
          value={filters.owner}
          options={owners}
          format={ownerName}
          onChange={owner => onChange({ ...filters, owner })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="environments-filter-cloud"
          label="Cloud"
          value={filters.cloud}
          options={clouds}
          onChange={cloud => onChange({ ...filters, cloud })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="environments-filter-tier"
          label="Tier"
          value={filters.tier}
          options={tiers}
          onChange={tier => onChange({ ...filters, tier })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="environments-filter-expiry"
          label="Expiry"
          value={filters.expiry}
          options={Object.keys(EXPIRY_FILTERS)}
          format={value => EXPIRY_FILTERS[value] ?? value}
          onChange={expiry => onChange({ ...filters, expiry })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <FormControlLabel
          control={
            <Checkbox
              checked={filters.firingOnly}
              onChange={event =>
                onChange({ ...filters, firingOnly: event.target.checked })
              }
            />
          }
          label="Alarms firing only"
        />
      </Grid>
    </Grid>
  );
}
