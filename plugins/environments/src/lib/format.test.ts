import { formatMoney, timeSince } from './format';

describe('formatMoney', () => {
  it('formats dollars with cents and unknown currencies by code', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(3, 'EUR')).toBe('€3.00');
    expect(formatMoney(3, 'not a currency')).toBe('3.00 not a currency');
  });
});

describe('timeSince', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(timeSince('2026-11-25T11:59:30.000Z', now)).toBe('30 seconds ago');
    expect(timeSince('2026-11-25T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(timeSince('2026-11-23T12:00:00.000Z', now)).toBe('2 days ago');
    expect(timeSince('2026-11-24T12:00:00.000Z', now)).toBe('yesterday');
  });
  it('returns undefined for a missing or unreadable time', () => {
    expect(timeSince(undefined, now)).toBeUndefined();
    expect(timeSince('not a date', now)).toBeUndefined();
  });
});
