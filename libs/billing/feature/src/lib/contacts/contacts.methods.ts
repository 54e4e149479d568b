import { Injectable } from '@nestjs/common';
import { ContactsService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, orderArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { contactRow } from '../billing-rows';
import { COUNT, NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const CONTACT_ID: BlestaParam = { name: 'contact_id', required: true, type: 'integer', description: 'The ID of the contact' };
const CLIENT_ID: BlestaParam = { name: 'client_id', required: true, type: 'integer', description: 'The ID of the client' };
const ORDER: BlestaParam = { name: 'order_by', required: false, default: { last_name: 'ASC', first_name: 'ASC' }, type: 'array', description: 'field => ASC|DESC' };
const FIELDS = 'client_id, contact_type (primary, billing, other), first_name, last_name, title, company, email, address1, address2, city, state, zip, country';

@Injectable()
export class ContactsMethods implements BlestaMethodSet {
  constructor(private readonly contacts: ContactsService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.notCallable('contacts', 'getRules');
    registry.register(
      {
        model: 'contacts',
        method: 'add',
        verb: 'POST',
        summary: 'Add a contact to a client',
        returns: 'The new contact ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: FIELDS }],
        invoke: async ({ args, principal }) => String(await this.contacts.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'contacts',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a contact',
        returns: 'The contact, or false',
        schema: oneOrFalse('BlestaContact'),
        params: [CONTACT_ID],
        invoke: async ({ args, principal }) => {
          const c = await this.contacts.get(companyOf(principal), intArg(args['contact_id']));
          return c ? contactRow(c) : false;
        },
      },
      {
        model: 'contacts',
        method: 'getList',
        verb: 'GET',
        summary: "A client's contacts, 20 per page",
        returns: 'An array of contacts',
        schema: listOf('BlestaContact'),
        params: [CLIENT_ID, { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' }, ORDER],
        invoke: async ({ args, principal }) => (await this.contacts.list(companyOf(principal), intArg(args['client_id']), pageArgs(args['page'], args['order_by']))).map(contactRow),
      },
      {
        model: 'contacts',
        method: 'getListCount',
        verb: 'GET',
        summary: "Count a client's contacts",
        returns: 'An integer',
        schema: COUNT,
        params: [CLIENT_ID],
        invoke: async ({ args, principal }) => this.contacts.count(companyOf(principal), intArg(args['client_id'])),
      },
      {
        model: 'contacts',
        method: 'getAll',
        verb: 'GET',
        summary: "All of a client's contacts",
        returns: 'An array of contacts',
        schema: listOf('BlestaContact'),
        params: [CLIENT_ID, { name: 'contact_type', required: false, default: null, type: 'string', description: 'Only this type' }, ORDER],
        invoke: async ({ args, principal }) =>
          (await this.contacts.all(companyOf(principal), intArg(args['client_id']), strArg(args['contact_type']) || undefined, orderArg(args['order_by']))).map(contactRow),
      },
      {
        model: 'contacts',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update a contact',
        returns: 'null',
        params: [CONTACT_ID, { name: 'vars', required: true, type: 'array', description: FIELDS }],
        invoke: async ({ args, principal }) => {
          await this.contacts.edit(companyOf(principal), intArg(args['contact_id']), recordArg(args['vars']));
          return null;
        },
      },
      {
        model: 'contacts',
        method: 'delete',
        verb: 'DELETE',
        summary: 'Delete a contact other than the primary one',
        returns: 'null',
        params: [CONTACT_ID],
        invoke: async ({ args, principal }) => {
          await this.contacts.delete(companyOf(principal), intArg(args['contact_id']));
          return null;
        },
      },
    );
  }
}
