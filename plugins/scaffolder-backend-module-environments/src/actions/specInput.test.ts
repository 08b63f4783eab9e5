import { ENVIRONMENT_FORM_FIELDS } from '@terrace/plugin-environments-common';
import { createEstimateEnvironmentAction } from './estimateEnvironment';
import { createGenerateEnvironmentAction } from './generateEnvironment';

const FIELD_TYPES = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  strings: { type: 'array', items: { type: 'string' } },
  record: { type: 'object' },
  records: {
    type: 'array',
    items: expect.objectContaining({ type: 'object' }),
  },
};

describe('the form fields the generate and estimate actions take', () => {
  const actions = [
    createGenerateEnvironmentAction({ generate: () => ({}) }),
    createEstimateEnvironmentAction(),
  ];

  it.each(actions.map(a => [a.id, a] as const))(
    '%s takes every field of the form, typed and described as common defines it',
    (_id, action) => {
      const properties = (action.schema?.input as any).properties;
      for (const [field, f] of Object.entries(ENVIRONMENT_FORM_FIELDS)) {
        expect([field, properties[field]]).toEqual([
          field,
          expect.objectContaining({
            ...FIELD_TYPES[f.kind],
            description: f.description,
          }),
        ]);
      }
      expect(properties.cloud.description).toBe(
        'spec.cloud: aws, azure or gcp',
      );
      expect(properties.tier.description).toBe(
        'spec.tier: dev, staging or prod',
      );
      expect((action.schema?.input as any).required ?? []).toEqual([]);
    },
  );
});
