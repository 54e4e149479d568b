import { billingInvalid } from './billing-error';

const STAMP = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$/i;

/** Building an Intl formatter costs far more than using one: one per zone, kept (zones are few). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_ZONE_FORMATTERS = 1_000;

/** The zone's wall-clock formatter; throws a RangeError for a name that is not a time zone. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    if (zoneFormatters.size >= MAX_ZONE_FORMATTERS) zoneFormatters.clear();
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in minutes. */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(utcMs));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * Reads the timestamp forms Blesta accepts ("2021-12-31 12:00:00 +00:00", "… UTC", ISO with Z or an
 * offset, a bare date); one without a zone is local time of the company, as Blesta assumes.
 * Returns null for anything else.
 */
export function parseBillingTimestamp(value: unknown, companyTimeZone: string): Date | null {
  if (typeof value !== 'string') return null;
  const m = STAMP.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null;
  const zone = m[7]?.toUpperCase();
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return new Date(wall);
  if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return new Date(wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  // Two passes settle the offset across a DST change.
  let utc = wall - zoneOffsetMinutes(companyTimeZone, wall) * 60_000;
  utc = wall - zoneOffsetMinutes(companyTimeZone, utc) * 60_000;
  return new Date(utc);
}

export function requireTimestamp(value: unknown, companyTimeZone: string, field: string, message: string): Date {
  const d = parseBillingTimestamp(value, companyTimeZone);
  if (!d) throw billingInvalid(field, 'format', message);
  return d;
}
