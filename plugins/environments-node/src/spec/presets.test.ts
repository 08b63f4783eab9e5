import { tierPresets } from '@terrace/plugin-environments-common';
import { awsSizeCatalog } from '../estimate/aws/sizeCatalog';

describe('tier presets against the price catalog', () => {
  const regions = awsSizeCatalog.knownRegions!('aws') ?? [];

  it('covers several regions', () => {
    expect(regions.length).toBeGreaterThan(0);
  });

  it.each(['dev', 'staging', 'prod'] as const)(
    'prices every default AWS size of %s in every catalog region',
    tier => {
      const preset = tierPresets[tier];
      const unknown: string[] = [];
      for (const region of regions) {
        const sizes = [
          ['postgres', preset.postgres.size.aws],
          ['redis', preset.redis.size.aws],
          ['vm-group', preset.vmGroup.instanceType.aws],
        ] as const;
        for (const [type, size] of sizes) {
          if (!awsSizeCatalog.isKnownSize('aws', type, size, region)) {
            unknown.push(`${region} ${type} ${size}`);
          }
        }
      }
      expect(unknown).toEqual([]);
    },
  );
});
