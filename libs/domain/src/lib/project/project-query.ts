import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';

export type FilterValue = string | number | boolean | Date | null;
export type FilterOp = 'eq' | 'gte' | 'lte' | 'like';
export type SortDirection = 'ASC' | 'DESC';

/** One condition of a list: a domain field, an operator and a typed value (null: the field is unset). */
export interface ListFilter {
  readonly field: string;
  readonly op: FilterOp;
  readonly value: FilterValue;
}

export interface ListQuery {
  readonly filters: readonly ListFilter[];
  readonly sort: ReadonlyArray<readonly [string, SortDirection]>;
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly rows: T[];
  readonly total: number;
}

/** A filter that is not a column of the listed table (e.g. a project's client, seen from its actions). */
export type VirtualFilter = (value: FilterValue, param: string) => { readonly sql: string; readonly params: Record<string, unknown> };

export interface ListSpec {
  readonly alias: string;
  /** Fields that filter and sort directly: entity property names. */
  readonly columns: readonly string[];
  readonly virtual?: Readonly<Record<string, VirtualFilter>>;
  readonly defaultSort: readonly [string, SortDirection];
}

export const EMPTY_QUERY: ListQuery = { filters: [], sort: [], limit: 50, offset: 0 };

/**
 * Applies filters, sort and paging to a query and returns the page with the total before paging.
 * Unknown fields are refused (never pasted into SQL); values are always bound parameters.
 */
export async function findPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, spec: ListSpec, query: ListQuery): Promise<Page<T>> {
  applyFilters(qb, spec, query.filters);
  const sort = query.sort.length > 0 ? query.sort : [spec.defaultSort];
  sort.forEach(([field, dir], i) => {
    if (!spec.columns.includes(field)) throw DomainError.invalid(field, field, `cannot sort by ${field}`);
    const expr = `${spec.alias}.${field}`;
    if (i === 0) qb.orderBy(expr, dir);
    else qb.addOrderBy(expr, dir);
  });
  if (!sort.some(([f]) => f === 'id')) qb.addOrderBy(`${spec.alias}.id`, 'ASC');
  const [rows, total] = await qb.offset(query.offset).limit(query.limit).getManyAndCount();
  return { rows, total };
}

export function applyFilters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, spec: ListSpec, filters: readonly ListFilter[]): void {
  filters.forEach((f, i) => {
    const param = `f${i}`;
    const virtual = spec.virtual?.[f.field];
    if (virtual) {
      const { sql, params } = virtual(f.value, param);
      qb.andWhere(sql, params);
      return;
    }
    if (!spec.columns.includes(f.field)) throw DomainError.invalid(f.field, String(f.value), `cannot filter by ${f.field}`);
    const column = `${spec.alias}.${f.field}`;
    if (f.value === null) {
      qb.andWhere(`${column} IS NULL`);
      return;
    }
    switch (f.op) {
      case 'eq':
        qb.andWhere(`${column} = :${param}`, { [param]: f.value });
        break;
      case 'gte':
        qb.andWhere(`${column} >= :${param}`, { [param]: f.value });
        break;
      case 'lte':
        qb.andWhere(`${column} <= :${param}`, { [param]: f.value });
        break;
      case 'like':
        qb.andWhere(`LOWER(${column}) LIKE :${param} ESCAPE '\\'`, { [param]: `%${String(f.value).toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
        break;
    }
  });
}

/** Enumerated values: the error names the field and the accepted values. */
export function checkEnum(entity: string, field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new DomainError(DomainErrorCode.InvalidField, `${field} must be one of ${allowed.join(', ')}`, { entity, field, value });
  }
}

export function checkText(entity: string, field: string, value: string | undefined, max: number, required = false): void {
  if (value === undefined) return;
  if (required && value.trim() === '') throw new DomainError(DomainErrorCode.MissingField, `${field} is required`, { entity, field });
  if (value.length > max) throw new DomainError(DomainErrorCode.InvalidField, `${field} is longer than ${max} characters`, { entity, field });
}

export function checkRange(entity: string, start: Date | null | undefined, finish: Date | null | undefined, field = 'dateFinish'): void {
  if (start && finish && finish.getTime() < start.getTime()) {
    throw new DomainError(DomainErrorCode.InvalidField, `${field} is before the start`, { entity, field });
  }
}

export function required<T>(entity: string, field: string, value: T | undefined | null): T {
  if (value === undefined || value === null || value === '') throw new DomainError(DomainErrorCode.MissingField, `${field} is required`, { entity, field });
  return value;
}

export function notFound(entity: string, id: number, field = 'id'): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `${entity} ${id} doesn't exist`, { entity, value: String(id), field });
}

/** Drops undefined members so a patch changes only what was given. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

