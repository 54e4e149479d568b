import { Injectable } from '@nestjs/common';
import { ServicesService } from '@hostgate/domain';
import { type BlestaMethod, type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { serviceRow } from '../billing-rows';
import { COUNT, NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const SERVICE_ID: BlestaParam = { name: 'service_id', required: true, type: 'integer', description: 'The ID of the service' };
const STATUS: BlestaParam = { name: 'status', required: false, default: 'active', type: 'string', description: 'active, canceled, pending, suspended, in_review, scheduled_cancellation or all' };
const optionalId = (v: unknown): number | null => (strArg(v) ? intArg(v) : null);

@Injectable()
export class ServicesMethods implements BlestaMethodSet {
  constructor(private readonly services: ServicesService) {}

  registerIn(registry: BlestaRegistry): void {
    // suspend, unsuspend and cancel share a shape: (service_id, vars); only cancel's vars has no default.
    const action = (method: 'suspend' | 'unsuspend' | 'cancel', summary: string): BlestaMethod => ({
      model: 'services',
      method,
      verb: 'POST',
      summary,
      returns: 'null',
      params: [
        SERVICE_ID,
        method === 'cancel'
          ? { name: 'vars', required: true, type: 'array', description: 'date_canceled (end_of_term or a date), use_module, cancellation_reason' }
          : { name: 'vars', required: false, default: [], type: 'array', description: 'use_module, suspension_reason' },
      ],
      invoke: async ({ args, principal }) => {
        await this.services[method](companyOf(principal), intArg(args['service_id']), recordArg(args['vars']));
        return null;
      },
    });
    registry.notCallable('services', 'getRules');
    registry.register(
      {
        model: 'services',
        method: 'add',
        verb: 'POST',
        summary: 'Add a service; with use_module a hosting package creates its hosting account',
        returns: 'The new service ID',
        schema: NEW_ID,
        params: [
          { name: 'vars', required: true, type: 'array', description: 'pricing_id, client_id, qty, override_price, override_currency, status (default pending), use_module, and for hosting: username, password, domain' },
          { name: 'packages', required: false, default: null, type: 'array', description: 'Ignored' },
          { name: 'notify', required: false, default: false, type: 'boolean', description: 'Ignored: no mail is sent' },
        ],
        invoke: async ({ args, principal }) => String(await this.services.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'services',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a service',
        returns: 'The service, or false',
        schema: oneOrFalse('BlestaService'),
        params: [SERVICE_ID],
        invoke: async ({ args, principal }) => {
          const v = await this.services.get(companyOf(principal), intArg(args['service_id']));
          return v ? serviceRow(v) : false;
        },
      },
      {
        model: 'services',
        method: 'getList',
        verb: 'GET',
        summary: 'List services, 20 per page',
        returns: 'An array of services',
        schema: listOf('BlestaService'),
        params: [
          { name: 'client_id', required: false, default: null, type: 'integer', description: 'Only this client' },
          STATUS,
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { date_added: 'DESC' }, type: 'array', description: 'field => ASC|DESC' },
        ],
        invoke: async ({ args, principal }) => (await this.services.list(companyOf(principal), optionalId(args['client_id']), strArg(args['status']) ?? 'active', pageArgs(args['page'], args['order_by']))).map(serviceRow),
      },
      {
        model: 'services',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count services (client_id has no default, as in Blesta)',
        returns: 'An integer',
        schema: COUNT,
        params: [{ name: 'client_id', required: true, type: 'integer', description: 'The client' }, STATUS],
        invoke: async ({ args, principal }) => this.services.count(companyOf(principal), optionalId(args['client_id']), strArg(args['status']) ?? 'active'),
      },
      {
        model: 'services',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update a service',
        returns: 'null',
        params: [SERVICE_ID, { name: 'vars', required: true, type: 'array', description: 'qty, override_price, date_renews, status' }],
        invoke: async ({ args, principal }) => {
          await this.services.edit(companyOf(principal), intArg(args['service_id']), recordArg(args['vars']));
          return null;
        },
      },
      action('suspend', 'Suspend a service (and with use_module its hosting account)'),
      action('unsuspend', 'Unsuspend a service (and with use_module its hosting account)'),
      action('cancel', 'Cancel a service now or at the end of its term (with use_module the hosting account is removed)'),
    );
  }
}
