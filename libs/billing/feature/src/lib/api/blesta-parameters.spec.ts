import { matchParameters, MISSING_DEFAULT } from './blesta-parameters';
import { blestaModelKey, BlestaRegistry, type BlestaMethod } from './blesta-registry';

const method = (over: Partial<BlestaMethod> = {}): BlestaMethod => ({
  model: 'invoices',
  method: 'getList',
  verb: 'GET',
  summary: '',
  returns: '',
  params: [
    { name: 'client_id', required: false, default: null, type: 'integer', description: '' },
    { name: 'status', required: false, default: 'open', type: 'string', description: '' },
    { name: 'order_by', required: false, default: { date_due: 'ASC' }, type: 'array', description: '' },
  ],
  invoke: async () => null,
  ...over,
});

describe('Api::matchParameters', () => {
  it('takes sent values by name, else defaults; extra keys are ignored', () => {
    expect(matchParameters(method(), { status: 'all', extra: 'x' })).toEqual({ ok: true, args: { client_id: null, status: 'all', order_by: { date_due: 'ASC' } } });
  });

  it('an empty string is set; null is not', () => {
    expect(matchParameters(method(), { status: '', client_id: null })).toEqual({ ok: true, args: { client_id: null, status: '', order_by: { date_due: 'ASC' } } });
  });

  it('a required parameter that is missing is the "Failed to retrieve the default value" error', () => {
    const m = method({ params: [{ name: 'invoice_id', required: true, type: 'integer', description: '' }] });
    expect(matchParameters(m, {})).toEqual({ ok: false, error: MISSING_DEFAULT });
  });

  it('a scalar for an array parameter is PHP 8’s TypeError text', () => {
    expect(matchParameters(method(), { order_by: 'date_due' })).toEqual({ ok: false, error: 'Invoices::getList(): Argument #3 ($order_by) must be of type array, string given' });
    expect(matchParameters(method({ model: 'client_groups' }), { order_by: 3 })).toEqual({ ok: false, error: 'ClientGroups::getList(): Argument #3 ($order_by) must be of type array, int given' });
  });
});

describe('BlestaRegistry', () => {
  const registry = new BlestaRegistry();
  registry.register(method());
  registry.notCallable('invoices', 'getRules');

  it('CamelCases model segments as Loader::toCamelCase does; all-caps does not match', () => {
    expect(blestaModelKey('client_groups')).toBe('ClientGroups');
    expect(blestaModelKey('support_manager.support_manager_tickets')).toBe('SupportManager.SupportManagerTickets');
    expect(registry.lookup('Invoices', 'GETLIST').kind).toBe('method');
    expect(registry.lookup('INVOICES', 'getList').kind).toBe('not_found');
  });

  it('tells a private or magic method (403) from a missing one (404)', () => {
    expect(registry.lookup('invoices', 'getRules').kind).toBe('not_callable');
    expect(registry.lookup('invoices', '__construct').kind).toBe('not_callable');
    expect(registry.lookup('invoices', 'nothing').kind).toBe('not_found');
    expect(registry.lookup('nothing', '__construct').kind).toBe('not_found');
  });
});
