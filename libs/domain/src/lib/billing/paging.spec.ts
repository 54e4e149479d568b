import { applyOrder, pageOffset, PAGE_SIZE, resolveOrder } from './paging';

describe('billing paging', () => {
  it('pages are 1-based, 20 each; anything below 1 is page 1', () => {
    expect(PAGE_SIZE).toBe(20);
    expect(pageOffset(1)).toBe(0);
    expect(pageOffset(3)).toBe(40);
    expect(pageOffset(0)).toBe(0);
    expect(pageOffset(-5)).toBe(0);
  });

  it('keeps the offset of a page number past 64 bits a safe integer the database takes', () => {
    expect(pageOffset(1e20)).toBe(Number.MAX_SAFE_INTEGER);
    expect(pageOffset(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(pageOffset(Infinity)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('maps known order_by fields to columns, in order, and falls back when none is known', () => {
    const cols = { id_code: 'c.id_value', first_name: 'ct.first_name' };
    expect(resolveOrder([['first_name', 'DESC'], ['id_code', 'ASC']], cols, [['id_code', 'ASC']])).toEqual([['ct.first_name', 'DESC'], ['c.id_value', 'ASC']]);
    expect(resolveOrder([['nope; DROP TABLE clients', 'ASC']], cols, [['id_code', 'ASC']])).toEqual([['c.id_value', 'ASC']]);
    expect(resolveOrder([['__proto__', 'ASC']], cols, [['id_code', 'DESC']])).toEqual([['c.id_value', 'DESC']]);
  });
});

describe('applyOrder', () => {
  const recorder = () => {
    const calls: string[] = [];
    return { calls, qb: { orderBy: (s: string, o: string) => calls.push(`orderBy ${s} ${o}`), addOrderBy: (s: string, o: string) => calls.push(`add ${s} ${o}`) } };
  };

  it('adds the tie-break after the requested order', () => {
    const { calls, qb } = recorder();
    applyOrder(qb, [['c.status', 'DESC']], ['c.id', 'ASC']);
    expect(calls).toEqual(['orderBy c.status DESC', 'add c.id ASC']);
  });

  it('does not let the tie-break overwrite a requested order on the same column', () => {
    const { calls, qb } = recorder();
    applyOrder(qb, [['c.id', 'DESC']], ['c.id', 'ASC']);
    expect(calls).toEqual(['orderBy c.id DESC']);
  });
});
