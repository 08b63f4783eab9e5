import { baseSpec } from '../spec/__testUtils__/stacks';
import { validateEnvironment } from '../spec/validate';
import { resolveEnvironment } from '../resolve/resolveEnvironment';
import {
  daysUntilExpiry,
  expiresAtFromTtl,
  expiryState,
  parseExpiresAt,
} from './expiry';

const TODAY = '2026-12-01';

/** Validates the base staging spec with `change` applied: problems and warnings as lines. */
function check(change: (s: any) => void) {
  const spec = baseSpec();
  change(spec);
  const result = validateEnvironment(spec, { today: TODAY });
  const lines = (list: Array<{ path: string; message: string }>) =>
    list.map(p => `${p.path}: ${p.message}`);
  return {
    result,
    problems: result.ok ? [] : lines(result.problems),
    warnings: lines(result.warnings),
  };
}

describe('spec.expiresAt and spec.destroyOnExpiry', () => {
  it('accepts a date or a UTC date-time on a staging or dev environment', () => {
    for (const expiresAt of [
      '2026-12-24',
      '2026-12-24T18:00:00Z',
      '2026-12-24T18:00Z',
    ]) {
      const { result, warnings } = check(s => {
        s.spec.expiresAt = expiresAt;
        s.spec.destroyOnExpiry = true;
      });
      expect(result.ok).toBe(true);
      expect(warnings).toEqual([]);
    }
    expect(
      check(s => {
        s.spec.tier = 'dev';
        s.spec.expiresAt = '2026-12-24';
      }).result.ok,
    ).toBe(true);
  });

  it('refuses expiry on a prod environment, naming spec.expiresAt and spec.destroyOnExpiry', () => {
    const { problems } = check(s => {
      s.spec.tier = 'prod';
      s.spec.expiresAt = '2026-12-24';
      s.spec.destroyOnExpiry = true;
    });
    expect(problems).toContain(
      'spec.expiresAt: is only allowed for the dev and staging tiers (preview environments), not prod',
    );
    expect(problems).toContain(
      'spec.destroyOnExpiry: is only allowed for the dev and staging tiers (preview environments), not prod',
    );
  });

  it('names a date that is not ISO 8601 UTC, or not a real day', () => {
    expect(check(s => (s.spec.expiresAt = '24/12/2026')).problems).toEqual([
      'spec.expiresAt: "24/12/2026" must be an ISO 8601 date such as "2026-12-24" or a UTC date-time such as "2026-12-24T18:00:00Z"',
    ]);
    expect(
      check(s => (s.spec.expiresAt = '2026-12-24T18:00:00+02:00')).problems,
    ).toHaveLength(1);
    expect(check(s => (s.spec.expiresAt = '2027-02-30')).problems).toEqual([
      'spec.expiresAt: is not a real date',
    ]);
    expect(check(s => (s.spec.destroyOnExpiry = 'yes')).problems).toEqual([
      'spec.destroyOnExpiry: must be true or false, not "yes"',
    ]);
  });

  it('warns about a past date and about destroyOnExpiry without a date', () => {
    expect(check(s => (s.spec.expiresAt = '2026-11-30')).warnings).toEqual([
      'spec.expiresAt: "2026-11-30" is in the past: the environment counts as expired',
    ]);
    expect(check(s => (s.spec.destroyOnExpiry = true)).warnings).toEqual([
      'spec.destroyOnExpiry: has no effect without spec.expiresAt: the environment never expires',
    ]);
  });

  it('resolves to a normalised UTC date-time and destroyOnExpiry only with a date', () => {
    const spec = baseSpec();
    spec.spec.expiresAt = '2026-12-24';
    spec.spec.destroyOnExpiry = true;
    const result = validateEnvironment(spec, { today: TODAY });
    if (!result.ok) throw new Error('invalid');
    const resolved = resolveEnvironment(result.environment);
    expect(resolved.expiresAt).toBe('2026-12-24T00:00:00.000Z');
    expect(resolved.destroyOnExpiry).toBe(true);
    const plain = validateEnvironment(baseSpec(), { today: TODAY });
    if (!plain.ok) throw new Error('invalid');
    expect(resolveEnvironment(plain.environment)).not.toHaveProperty(
      'expiresAt',
    );
  });
});

describe('expiry dates', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('parses dates as 00:00 UTC and refuses other forms', () => {
    expect(parseExpiresAt('2026-12-24')?.toISOString()).toBe(
      '2026-12-24T00:00:00.000Z',
    );
    expect(parseExpiresAt('2026-12-24T18:30:15.5Z')?.toISOString()).toBe(
      '2026-12-24T18:30:15.500Z',
    );
    expect(parseExpiresAt('2026-12-24T25:00:00Z')).toBeUndefined();
    expect(parseExpiresAt('tomorrow')).toBeUndefined();
    expect(parseExpiresAt(undefined)).toBeUndefined();
  });

  it('counts a TTL in days from now', () => {
    expect(expiresAtFromTtl(14, now)).toBe('2026-12-15T12:00:00Z');
  });

  it('is expiring within 3 days, expired from expiresAt on', () => {
    expect(expiryState('2026-12-10', now)).toBeUndefined();
    expect(expiryState('2026-12-04T12:00:01Z', now)).toBeUndefined();
    expect(expiryState('2026-12-04T12:00:00Z', now)).toBe('expiring');
    expect(expiryState('2026-12-01T12:00:01Z', now)).toBe('expiring');
    expect(expiryState('2026-12-01T12:00:00Z', now)).toBe('expired');
    expect(expiryState(undefined, now)).toBeUndefined();
    expect(daysUntilExpiry('2026-12-03T00:00:00Z', now)).toBe(2);
    expect(daysUntilExpiry('2026-11-30', now)).toBe(-1);
  });
});
