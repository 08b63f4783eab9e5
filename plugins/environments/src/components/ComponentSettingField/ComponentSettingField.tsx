import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { componentTierDefault } from '@terrace/plugin-environments-common';

type Value = string | number | boolean | undefined;

/** `root_components_2_storageGb` → row 2, field `storageGb`. */
function rowOf(id: string | undefined): number | undefined {
  const match = /_components_(\d+)_[A-Za-z]+$/.exec(id ?? '');
  return match ? Number(match[1]) : undefined;
}

function showValue(value: Value): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === undefined ? '' : String(value);
}

/** The select's choice for a boolean value: `yes`, `no`, or `''` for the tier default. */
function booleanChoice(value: Value): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return '';
}

/** The boolean for a select choice; undefined (take the tier default) for `''`. */
function booleanValue(choice: string): boolean | undefined {
  if (choice === 'yes') return true;
  if (choice === 'no') return false;
  return undefined;
}

/**
 * The tier default this field takes when left empty, for its own row's component type and the
 * form's chosen cloud and tier, with the words the form shows for it.
 */
export function tierDefaultHint(
  formData: Record<string, unknown> | undefined,
  id: string | undefined,
  field: string,
): { value: Value; text?: string } {
  const row = rowOf(id);
  const components = Array.isArray(formData?.components)
    ? (formData!.components as Array<Record<string, unknown>>)
    : [];
  const type = row === undefined ? undefined : components[row]?.type;
  const cloud = formData?.cloud ?? 'aws';
  const tier = formData?.tier ?? 'dev';
  const value = componentTierDefault(type, field, cloud, tier);
  if (value === undefined) return { value };
  return {
    value,
    text: `Empty takes the ${String(tier)} default on ${String(
      cloud,
    )}: ${showValue(value)}`,
  };
}

/**
 * Scaffolder field `ComponentSetting`, used for every per-type field of a component row
 * (version, size, storageGb, highAvailability, ...). The template gives every type's fields this
 * one field, so the scaffolder's merged ui schema (one entry per field name across types) cannot
 * mix up types: the hint is worked out here, for this row's type and the chosen cloud and tier,
 * and shown as the empty field's placeholder at all times (the label stays above it), never
 * another type's hint. Booleans offer "Tier default (yes)", "Yes" and "No".
 */
export function ComponentSettingField(
  props: FieldExtensionComponentProps<Value>,
) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    disabled,
    idSchema,
    formContext,
    name,
  } = props;
  const hint = tierDefaultHint(
    (formContext as { formData?: Record<string, unknown> } | undefined)
      ?.formData,
    idSchema?.$id,
    name,
  );
  const error = (rawErrors?.length ?? 0) > 0;
  const helperText =
    [schema.description, hint.text].filter(Boolean).join('. ') || undefined;
  const common = {
    id: idSchema?.$id,
    label: schema.title ?? name,
    required,
    disabled,
    error,
    fullWidth: true,
    margin: 'dense' as const,
    helperText: error ? rawErrors!.join('; ') : helperText,
    InputLabelProps: { shrink: true },
  };

  if (schema.type === 'boolean') {
    const selected = booleanChoice(formData);
    return (
      <TextField
        {...common}
        select
        value={selected}
        SelectProps={{ displayEmpty: true }}
        onChange={e => onChange(booleanValue(String(e.target.value)))}
      >
        <MenuItem value="">
          {hint.value === undefined
            ? 'Not set'
            : `Tier default (${showValue(hint.value)})`}
        </MenuItem>
        <MenuItem value="yes">Yes</MenuItem>
        <MenuItem value="no">No</MenuItem>
      </TextField>
    );
  }

  if (Array.isArray(schema.enum)) {
    return (
      <TextField
        {...common}
        select
        value={formData === undefined ? '' : String(formData)}
        SelectProps={{ displayEmpty: true }}
        onChange={e =>
          onChange(e.target.value === '' ? undefined : e.target.value)
        }
      >
        <MenuItem value="">
          {hint.value === undefined
            ? 'Not set'
            : `Tier default (${showValue(hint.value)})`}
        </MenuItem>
        {schema.enum.map(option => (
          <MenuItem key={String(option)} value={String(option)}>
            {String(option)}
          </MenuItem>
        ))}
      </TextField>
    );
  }

  const numeric = schema.type === 'integer' || schema.type === 'number';
  return (
    <TextField
      {...common}
      type={numeric ? 'number' : 'text'}
      value={formData === undefined ? '' : String(formData)}
      placeholder={showValue(hint.value) || undefined}
      inputProps={{
        min: schema.minimum,
        max: schema.maximum,
        step: schema.type === 'integer' ? 1 : 'any',
      }}
      onChange={e => {
        const text = e.target.value;
        if (text === '') onChange(undefined);
        else if (numeric) {
          const n = Number(text);
          onChange(Number.isFinite(n) ? n : (text as unknown as number));
        } else onChange(text);
      }}
    />
  );
}

/** The name templates use: `ui:field: ComponentSetting`. */
export const COMPONENT_SETTING_FIELD = 'ComponentSetting';
