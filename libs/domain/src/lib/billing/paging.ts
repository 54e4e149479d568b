/** Blesta.results_per_page: fixed, no per-request page size. */
export const PAGE_SIZE = 20;

export interface PageRequest {
  /** 1-based; anything below 1 reads as 1, as Blesta's max(1, $page). */
  readonly page: number;
  /** order_by[field]=ASC|DESC, in the order given. */
  readonly orderBy: ReadonlyArray<readonly [string, 'ASC' | 'DESC']>;
}

/** Rows before the page; a page past any list (however large its number) reads as an empty page. */
export function pageOffset(page: number): number {
  return Math.min((Math.max(1, Math.trunc(page) || 1) - 1) * PAGE_SIZE, Number.MAX_SAFE_INTEGER);
}

/**
 * Maps requested sort fields onto SQL expressions. Blesta pastes order_by into SQL, so an unknown
 * field there is a database error; here unknown fields are skipped instead and the default order
 * applies, which keeps a typo from becoming a 500.
 */
export function resolveOrder(
  orderBy: PageRequest['orderBy'],
  columns: Readonly<Record<string, string>>,
  fallback: ReadonlyArray<readonly [string, 'ASC' | 'DESC']>,
): Array<[string, 'ASC' | 'DESC']> {
  const known = orderBy.filter(([f]) => Object.prototype.hasOwnProperty.call(columns, f)).map(([f, dir]): [string, 'ASC' | 'DESC'] => [columns[f], dir]);
  return known.length > 0 ? known : fallback.map(([f, dir]): [string, 'ASC' | 'DESC'] => [columns[f] ?? f, dir]);
}

/**
 * Applies the order to a query, then the tie-break column unless the order already names it (a
 * query builder keys ORDER BY by expression, so adding it again would overwrite the caller's dir).
 */
export function applyOrder(qb: { orderBy(sort: string, order: 'ASC' | 'DESC'): unknown; addOrderBy(sort: string, order: 'ASC' | 'DESC'): unknown }, order: ReadonlyArray<readonly [string, 'ASC' | 'DESC']>, tieBreak: readonly [string, 'ASC' | 'DESC']): void {
  order.forEach(([expr, dir], i) => (i === 0 ? qb.orderBy(expr, dir) : qb.addOrderBy(expr, dir)));
  if (!order.some(([expr]) => expr === tieBreak[0])) {
    if (order.length === 0) qb.orderBy(tieBreak[0], tieBreak[1]);
    else qb.addOrderBy(tieBreak[0], tieBreak[1]);
  }
}
