import { formProblemPath } from './problemPath';

describe('formProblemPath', () => {
  const form = {
    name: 'shop-dev',
    components: [
      { name: 'web', type: 'service' },
      { name: 'cache', type: 'redis' },
      { type: 'bucket' },
      { name: 'db', type: 'postgres' },
    ],
  };

  it('names a component by its name and type instead of a zero-based index', () => {
    expect(formProblemPath('spec.components[3].storageGb', form)).toBe(
      'components › db (postgres) › storageGb',
    );
  });

  it('counts a row without a name from 1', () => {
    expect(formProblemPath('spec.components[2].expireDays', form)).toBe(
      'components › #3 (bucket) › expireDays',
    );
    expect(formProblemPath('spec.components[7]', form)).toBe('components › #8');
  });

  it('drops the document section and counts list items from 1', () => {
    expect(formProblemPath('metadata.name', form)).toBe('name');
    expect(formProblemPath('spec.network.cidr', form)).toBe('network › cidr');
    expect(formProblemPath('spec.components[0].names[0]', form)).toBe(
      'components › web (service) › names › #1',
    );
  });
});
