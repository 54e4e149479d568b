import { Injectable } from '@nestjs/common';
import { InvoicesService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { blestaAmount, companyOf, intArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { invoiceListRow, invoiceRow } from '../billing-rows';
import { AMOUNT_OR_FALSE, COUNT, NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const INVOICE_ID: BlestaParam = { name: 'invoice_id', required: true, type: 'integer', description: 'The ID of the invoice' };
const CLIENT_ID: BlestaParam = { name: 'client_id', required: false, default: null, type: 'integer', description: 'Only this client' };
const STATUS: BlestaParam = { name: 'status', required: false, default: 'open', type: 'string', description: 'open, closed, past_due, draft, void, active, proforma or all' };
const VARS = 'client_id, date_billed, date_due, date_closed, date_autodebit, status (active, draft, proforma, void), currency, note_public, note_private, lines[] {id, service_id, description, qty, amount, tax}, delivery[]';

const clientArg = (v: unknown): number | null => (strArg(v) ? intArg(v) : null);

@Injectable()
export class InvoicesMethods implements BlestaMethodSet {
  constructor(private readonly invoices: InvoicesService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.notCallable('invoices', 'getRules', 'setClosed');
    registry.register(
      {
        model: 'invoices',
        method: 'add',
        verb: 'POST',
        summary: 'Create an invoice with its line items and delivery methods',
        returns: 'The new invoice ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: VARS }],
        invoke: async ({ args, principal }) => String(await this.invoices.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'invoices',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch an invoice with line items, totals and amount due',
        returns: 'The invoice, or false',
        schema: oneOrFalse('BlestaInvoice'),
        params: [INVOICE_ID],
        invoke: async ({ args, principal }) => {
          const v = await this.invoices.get(companyOf(principal), intArg(args['invoice_id']));
          return v ? invoiceRow(v) : false;
        },
      },
      {
        model: 'invoices',
        method: 'getList',
        verb: 'GET',
        summary: 'List invoices, 20 per page',
        returns: 'An array of invoices',
        schema: listOf('BlestaInvoiceListItem'),
        params: [
          CLIENT_ID,
          STATUS,
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { date_due: 'ASC' }, type: 'array', description: 'field => ASC|DESC' },
        ],
        invoke: async ({ args, principal }) =>
          (await this.invoices.list(companyOf(principal), clientArg(args['client_id']), strArg(args['status']) ?? 'open', pageArgs(args['page'], args['order_by']))).map(invoiceListRow),
      },
      {
        model: 'invoices',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count the invoices getList pages through',
        returns: 'An integer',
        schema: COUNT,
        params: [CLIENT_ID, STATUS],
        invoke: async ({ args, principal }) => this.invoices.count(companyOf(principal), clientArg(args['client_id']), strArg(args['status']) ?? 'open'),
      },
      {
        model: 'invoices',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update an invoice; lines with an id are updated, or deleted when they carry only the id',
        returns: 'The invoice ID',
        schema: NEW_ID,
        params: [INVOICE_ID, { name: 'vars', required: true, type: 'array', description: VARS }],
        invoke: async ({ args, principal }) => String(await this.invoices.edit(companyOf(principal), intArg(args['invoice_id']), recordArg(args['vars']))),
      },
      {
        model: 'invoices',
        method: 'void',
        verb: 'POST',
        summary: 'Void an invoice',
        returns: 'null',
        params: [INVOICE_ID],
        invoke: async ({ args, principal }) => {
          await this.invoices.void(companyOf(principal), intArg(args['invoice_id']));
          return null;
        },
      },
      {
        model: 'invoices',
        method: 'amountDue',
        verb: 'GET',
        summary: 'The amount still due on an invoice',
        returns: 'The amount as a 4-decimal string, or false when there is no such invoice',
        schema: AMOUNT_OR_FALSE,
        params: [INVOICE_ID],
        invoke: async ({ args, principal }) => {
          const due = await this.invoices.amountDue(companyOf(principal), intArg(args['invoice_id']));
          return due === null ? false : blestaAmount(due);
        },
      },
    );
  }
}
