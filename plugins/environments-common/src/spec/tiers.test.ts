import { componentTierDefault } from './tiers';

describe('componentTierDefault', () => {
  it("gives a type's own default for the chosen cloud and tier", () => {
    expect(componentTierDefault('postgres', 'size', 'aws', 'staging')).toBe(
      'db.t3.small',
    );
    expect(componentTierDefault('postgres', 'size', 'gcp', 'dev')).toBe(
      'db-f1-micro',
    );
    expect(componentTierDefault('postgres', 'version', 'aws', 'dev')).toBe(
      '16',
    );
    expect(componentTierDefault('redis', 'version', 'aws', 'dev')).toBe('7.1');
    expect(
      componentTierDefault('postgres', 'highAvailability', 'aws', 'prod'),
    ).toBe(true);
  });

  it("gives a cdn's price class from the cloud, whatever the tier", () => {
    for (const tier of ['dev', 'staging', 'prod']) {
      expect(componentTierDefault('cdn', 'priceClass', 'aws', tier)).toBe(
        'PriceClass_100',
      );
      expect(
        componentTierDefault('cdn', 'priceClass', 'azure', tier),
      ).toBeUndefined();
    }
    expect(
      componentTierDefault('cdn', 'priceClass', 'aws', 'qa'),
    ).toBeUndefined();
  });

  it('has no default for a field the type does not default, or an unknown cloud or tier', () => {
    expect(
      componentTierDefault('service', 'image', 'aws', 'dev'),
    ).toBeUndefined();
    expect(
      componentTierDefault('postgres', 'storageGb', 'aws', 'qa'),
    ).toBeUndefined();
    expect(
      componentTierDefault('postgres', 'size', 'oracle', 'dev'),
    ).toBeUndefined();
    expect(
      componentTierDefault('secrets', 'names', 'aws', 'dev'),
    ).toBeUndefined();
    expect(
      componentTierDefault('postgres', 'toString', 'aws', 'dev'),
    ).toBeUndefined();
  });
});
