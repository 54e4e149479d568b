import { Injectable } from '@nestjs/common';
import { type ClientFilters, ClientsService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { clientRow } from '../billing-rows';
import { COUNT, NEW_ID, listOf, one, oneOrFalse } from '../api/blesta-schemas';

const CLIENT_ID: BlestaParam = { name: 'client_id', required: true, type: 'integer', description: 'The ID of the client' };
const STATUS: BlestaParam = { name: 'status', required: false, default: null, type: 'string', description: 'active, inactive or fraud (all when null)' };

function filtersOf(status: unknown, raw: unknown): ClientFilters {
  const f = recordArg(raw);
  const group = strArg(f['client_group_id']);
  return {
    status: strArg(status) || undefined,
    clientGroupId: group ? intArg(group) : undefined,
    contactName: strArg(f['contact_name']) || undefined,
    contactEmail: strArg(f['contact_email']) || undefined,
    contactCompany: strArg(f['contact_company']) || undefined,
    contactCountry: strArg(f['contact_country']) || undefined,
  };
}

@Injectable()
export class ClientsMethods implements BlestaMethodSet {
  constructor(private readonly clients: ClientsService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.notCallable('clients', 'getRules', 'validateClientGroup');
    registry.register(
      {
        model: 'clients',
        method: 'create',
        verb: 'POST',
        summary: 'Create a user, client and primary contact in one step',
        returns: 'The client',
        schema: one('BlestaClient'),
        params: [{ name: 'vars', required: true, type: 'array', description: 'username, new_password, confirm_password, client_group_id, status, first_name, last_name, title, company, email, address1, address2, city, state, zip, country, settings[]' }],
        invoke: async ({ args, principal }) => clientRow(await this.clients.create(companyOf(principal), recordArg(args['vars'])), true),
      },
      {
        model: 'clients',
        method: 'add',
        verb: 'POST',
        summary: 'Add a client record for an existing user',
        returns: 'The new client ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: 'id_code, user_id, client_group_id, status' }],
        invoke: async ({ args, principal }) => String(await this.clients.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'clients',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a client',
        returns: 'The client, or false',
        schema: oneOrFalse('BlestaClient'),
        params: [CLIENT_ID, { name: 'get_settings', required: false, default: true, type: 'boolean', description: 'Include the settings' }],
        invoke: async ({ args, principal }) => {
          const view = await this.clients.get(companyOf(principal), intArg(args['client_id']));
          const settings = args['get_settings'] === true || !['false', '0', ''].includes(strArg(args['get_settings']) ?? '');
          return view ? clientRow(view, settings) : false;
        },
      },
      {
        model: 'clients',
        method: 'getList',
        verb: 'GET',
        summary: 'List clients, 20 per page',
        returns: 'An array of clients',
        schema: listOf('BlestaClient'),
        params: [
          STATUS,
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { id_code: 'ASC' }, type: 'array', description: 'field => ASC|DESC' },
          { name: 'filters', required: false, default: [], type: 'array', description: 'contact_name, contact_email, contact_company, contact_country, client_group_id' },
        ],
        invoke: async ({ args, principal }) =>
          (await this.clients.list(companyOf(principal), filtersOf(args['status'], args['filters']), pageArgs(args['page'], args['order_by']))).map((v) => clientRow(v, false)),
      },
      {
        model: 'clients',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count the clients getList pages through',
        returns: 'An integer',
        schema: COUNT,
        params: [STATUS, { name: 'filters', required: false, default: [], type: 'array', description: 'As getList' }],
        invoke: async ({ args, principal }) => this.clients.count(companyOf(principal), filtersOf(args['status'], args['filters'])),
      },
      {
        model: 'clients',
        method: 'getAll',
        verb: 'GET',
        summary: 'All clients, unpaginated',
        returns: 'An array of clients',
        schema: listOf('BlestaClient'),
        params: [STATUS, { name: 'client_group_id', required: false, default: null, type: 'integer', description: 'Only this group' }],
        invoke: async ({ args, principal }) => {
          const group = strArg(args['client_group_id']);
          return (await this.clients.all(companyOf(principal), { ...filtersOf(args['status'], []), clientGroupId: group ? intArg(group) : undefined })).map((v) => clientRow(v, false));
        },
      },
      {
        model: 'clients',
        method: 'search',
        verb: 'GET',
        summary: 'Search clients by id code, name, company, email or address',
        returns: 'An array of clients',
        schema: listOf('BlestaClient'),
        params: [
          { name: 'query', required: true, type: 'string', description: 'The text to look for' },
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { id_code: 'ASC' }, type: 'array', description: 'field => ASC|DESC' },
        ],
        invoke: async ({ args, principal }) =>
          (await this.clients.list(companyOf(principal), { search: strArg(args['query']) ?? '' }, pageArgs(args['page'], args['order_by']))).map((v) => clientRow(v, false)),
      },
      {
        model: 'clients',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update a client',
        returns: 'null',
        params: [CLIENT_ID, { name: 'vars', required: true, type: 'array', description: 'user_id, client_group_id, status, settings[]' }],
        invoke: async ({ args, principal }) => {
          await this.clients.edit(companyOf(principal), intArg(args['client_id']), recordArg(args['vars']));
          return null;
        },
      },
      {
        model: 'clients',
        method: 'delete',
        verb: 'DELETE',
        summary: 'Delete a client with no open invoices or active services',
        returns: 'null',
        params: [CLIENT_ID],
        invoke: async ({ args, principal }) => {
          await this.clients.delete(companyOf(principal), intArg(args['client_id']));
          return null;
        },
      },
    );
  }
}
