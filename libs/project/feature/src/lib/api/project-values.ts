import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type FilterValue, type ListFilter, type ListQuery, type SortDirection } from '@hostgate/domain';
import { type PhpRecord, type PhpValue } from '@hostgate/shared/formats';
import { type FieldDef, type RecordDef } from './project-fields';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const invalid = (wire: string, value: unknown) => new DomainError(DomainErrorCode.InvalidField, `invalid ${wire}`, { field: wire, value: typeof value === 'string' ? value : JSON.stringify(value) });

/** Y-m-d H:i:s in UTC, as WHMCS writes dates. */
export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Y-m-d, Y-m-d H:i[:s] (UTC) or an ISO 8601 time with a zone; impossible dates are refused. */
export function parseDate(text: string, endOfDay = false): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? (endOfDay ? 23 : 0), mi ?? (endOfDay ? 59 : 0), s ?? (endOfDay && h === undefined ? 59 : 0)));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== (mo ?? 1) - 1 || date.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return undefined;
    return date;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) {
    const t = Date.parse(text.trim());
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  return undefined;
}

/** One parameter as the field's type; '' or null clear a nullable field. */
export function convert(f: FieldDef, raw: unknown, endOfDay = false): FilterValue {
  if (raw === null || (raw === '' && f.type !== 'string' && f.type !== 'text')) {
    if (f.nullable) return null;
    throw invalid(f.wire, raw);
  }
  let value: FilterValue;
  switch (f.type) {
    case 'int': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
      if (text === undefined || !/^-?\d{1,15}$/.test(text)) throw invalid(f.wire, raw);
      value = Number(text);
      if (f.prop.endsWith('Id') || f.prop === 'id' || f.prop.endsWith('AdminId')) {
        if (value < 1) throw invalid(f.wire, raw);
      } else if (value < 0) {
        throw invalid(f.wire, raw);
      }
      break;
    }
    case 'string':
    case 'text':
      if (typeof raw !== 'string' && typeof raw !== 'number') throw invalid(f.wire, raw);
      value = String(raw);
      if (f.maxLength !== undefined && value.length > f.maxLength) throw invalid(f.wire, raw);
      break;
    case 'date': {
      const d = typeof raw === 'string' ? parseDate(raw, endOfDay) : undefined;
      if (!d) throw invalid(f.wire, raw);
      value = d;
      break;
    }
    case 'bool': {
      const text = typeof raw === 'boolean' ? String(raw) : typeof raw === 'number' || typeof raw === 'string' ? String(raw).toLowerCase() : '';
      if (['1', 'true', 'yes', 'on'].includes(text)) value = true;
      else if (['0', 'false', 'no', 'off'].includes(text)) value = false;
      else throw invalid(f.wire, raw);
      break;
    }
  }
  if (f.enum && !f.enum.includes(value as string | number)) throw invalid(f.wire, raw);
  return value;
}

/** Create/update input: the writable fields present in the parameters, by domain property. */
export function readInput(def: RecordDef, params: Readonly<Record<string, unknown>>): Record<string, FilterValue> {
  const input: Record<string, FilterValue> = {};
  for (const f of def.fields) {
    if (!f.writable || !(f.wire in params)) continue;
    input[f.prop] = convert(f, params[f.wire]);
  }
  return input;
}

export interface ParsedQuery {
  readonly query: ListQuery;
  /** The filters applied, by Remote API name, for the data block. */
  readonly echo: PhpRecord;
}

const intParam = (params: Readonly<Record<string, unknown>>, name: string, min: number, max: number): number | undefined => {
  const raw = params[name];
  if (raw === undefined || raw === '') return undefined;
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw invalid(name, raw);
  return Number(text);
};

export function echoValue(v: FilterValue): PhpValue {
  if (v instanceof Date) return formatDate(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * Filters (`<field>=value`, dates also `<field>_from` / `<field>_to`), sorting (`sort=<field>` or
 * `sort=-<field>`, `order=asc|desc`) and paging (`limit`, then `offset` or `page`). `fixed` are the
 * chain's own filters (projects/100/actions: project_id=100); they win over parameters.
 */
export function readQuery(def: RecordDef, params: Readonly<Record<string, unknown>>, fixed: Readonly<Record<string, number>> = {}): ParsedQuery {
  const filters: ListFilter[] = [];
  const echo: PhpRecord = {};
  for (const f of def.fields) {
    if (!f.filter) continue;
    if (f.wire in fixed) {
      filters.push({ field: f.prop, op: 'eq', value: fixed[f.wire] });
      echo[f.wire] = fixed[f.wire];
      continue;
    }
    const raw = params[f.wire];
    if (raw !== undefined && raw !== '') {
      const value = convert({ ...f, nullable: false }, raw);
      filters.push({ field: f.prop, op: 'eq', value });
      echo[f.wire] = echoValue(value);
    }
    if (f.type === 'date') {
      for (const [suffix, op] of [['_from', 'gte'], ['_to', 'lte']] as const) {
        const r = params[f.wire + suffix];
        if (r === undefined || r === '') continue;
        const value = convert({ ...f, wire: f.wire + suffix, nullable: false }, r, op === 'lte');
        filters.push({ field: f.prop, op, value });
        echo[f.wire + suffix] = echoValue(value);
      }
    }
  }
  const sort: Array<[string, SortDirection]> = [];
  const sortRaw = params['sort'];
  if (sortRaw !== undefined && sortRaw !== '') {
    if (typeof sortRaw !== 'string') throw invalid('sort', sortRaw);
    const desc = sortRaw.startsWith('-');
    const f = def.fields.find((x) => x.wire === sortRaw.replace(/^-/, '') && x.sort);
    if (!f) throw invalid('sort', sortRaw);
    const orderRaw = params['order'];
    const order = typeof orderRaw === 'string' && orderRaw !== '' ? orderRaw.toUpperCase() : desc ? 'DESC' : 'ASC';
    if (order !== 'ASC' && order !== 'DESC') throw invalid('order', orderRaw);
    sort.push([f.prop, order]);
    echo['sort'] = f.wire;
    echo['order'] = order.toLowerCase();
  }
  const limit = intParam(params, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const page = intParam(params, 'page', 1, 1_000_000_000);
  const offset = intParam(params, 'offset', 0, 1_000_000_000) ?? ((page ?? 1) - 1) * limit;
  return { query: { filters, sort, limit, offset }, echo };
}

/** A record in the Remote API's names; dates as Y-m-d H:i:s (UTC), booleans as 1/0. */
export function renderRecord(def: RecordDef, row: object, extra: readonly FieldDef[] = []): PhpRecord {
  const source = row as Record<string, unknown>;
  const out: PhpRecord = {};
  for (const f of [...def.fields, ...extra]) {
    if (f.filterOnly) continue;
    const v = source[f.prop];
    if (v === null || v === undefined) out[f.wire] = null;
    else if (v instanceof Date) out[f.wire] = formatDate(v);
    else if (typeof v === 'boolean') out[f.wire] = v ? 1 : 0;
    else if (typeof v === 'number' || typeof v === 'string') out[f.wire] = v;
    else out[f.wire] = String(v as string);
  }
  return out;
}

/** A chain id: digits only, at least 1. */
export function chainId(def: RecordDef, key: string): number {
  if (!/^\d{1,15}$/.test(key) || Number(key) < 1) throw invalid(def.idWire, key);
  return Number(key);
}
