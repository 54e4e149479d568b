import { parseBillingTimestamp } from './billing-time';

const iso = (v: string, zone = 'UTC'): string | undefined => parseBillingTimestamp(v, zone)?.toISOString();

describe('billing timestamps (the input forms the Blesta API documents)', () => {
  it('reads the zoned forms exactly', () => {
    expect(iso('2021-12-31 12:00:00 +00:00')).toBe('2021-12-31T12:00:00.000Z');
    expect(iso('2021-12-31 12:00:00 UTC')).toBe('2021-12-31T12:00:00.000Z');
    expect(iso('2021-12-31T12:00:00Z')).toBe('2021-12-31T12:00:00.000Z');
    expect(iso('2013-11-20T16:43:00-07:00')).toBe('2013-11-20T23:43:00.000Z');
    expect(iso('2013-11-20T16:43:00+0530')).toBe('2013-11-20T11:13:00.000Z');
  });

  it('reads a timestamp without a zone in the company zone, across DST', () => {
    expect(iso('2024-01-15 12:00:00', 'America/New_York')).toBe('2024-01-15T17:00:00.000Z');
    expect(iso('2024-07-15 12:00:00', 'America/New_York')).toBe('2024-07-15T16:00:00.000Z');
    expect(iso('2024-07-15', 'Europe/Berlin')).toBe('2024-07-14T22:00:00.000Z');
    expect(iso('2024-07-15 12:00', 'UTC')).toBe('2024-07-15T12:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['yesterday', '2024-02-30', '2024-13-01', '2024-01-01 25:00:00', '20240101', '', '2024-01-01 12:00:00 +25']) expect(parseBillingTimestamp(bad, 'UTC')).toBeNull();
    expect(parseBillingTimestamp(12, 'UTC')).toBeNull();
  });
});
