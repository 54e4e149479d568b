import { Injectable } from '@nestjs/common';
import { TransactionsService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { appliedRow, transactionRow } from '../billing-rows';
import { COUNT, NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const TRANSACTION_ID: BlestaParam = { name: 'transaction_id', required: true, type: 'integer', description: 'The ID of the transaction' };
const CLIENT_ID: BlestaParam = { name: 'client_id', required: false, default: null, type: 'integer', description: 'Only this client' };
const STATUS: BlestaParam = { name: 'status', required: false, default: 'approved', type: 'string', description: 'approved, declined, void, error, pending, refunded, returned or all' };
const optionalId = (v: unknown): number | null => (strArg(v) ? intArg(v) : null);

@Injectable()
export class TransactionsMethods implements BlestaMethodSet {
  constructor(private readonly transactions: TransactionsService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.notCallable('transactions', 'getRules');
    registry.register(
      {
        model: 'transactions',
        method: 'add',
        verb: 'POST',
        summary: 'Record a payment',
        returns: 'The new transaction ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: 'client_id, amount, currency, type (cc, ach, other), transaction_type_id, account_id, gateway_id, transaction_id, reference_id, message, status, date_added' }],
        invoke: async ({ args, principal }) => String(await this.transactions.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'transactions',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a transaction',
        returns: 'The transaction, or false',
        schema: oneOrFalse('BlestaTransaction'),
        params: [TRANSACTION_ID],
        invoke: async ({ args, principal }) => {
          const v = await this.transactions.get(companyOf(principal), intArg(args['transaction_id']));
          return v ? transactionRow(v) : false;
        },
      },
      {
        model: 'transactions',
        method: 'getList',
        verb: 'GET',
        summary: 'List transactions, 20 per page',
        returns: 'An array of transactions',
        schema: listOf('BlestaTransaction'),
        params: [
          CLIENT_ID,
          STATUS,
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { date_added: 'DESC' }, type: 'array', description: 'field => ASC|DESC' },
        ],
        invoke: async ({ args, principal }) =>
          (await this.transactions.list(companyOf(principal), optionalId(args['client_id']), strArg(args['status']) ?? 'approved', pageArgs(args['page'], args['order_by']))).map(transactionRow),
      },
      {
        model: 'transactions',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count the transactions getList pages through',
        returns: 'An integer',
        schema: COUNT,
        params: [CLIENT_ID, STATUS],
        invoke: async ({ args, principal }) => this.transactions.count(companyOf(principal), optionalId(args['client_id']), strArg(args['status']) ?? 'approved'),
      },
      {
        model: 'transactions',
        method: 'apply',
        verb: 'POST',
        summary: "Apply a transaction to the client's invoices; an invoice paid in full closes",
        returns: 'null',
        params: [TRANSACTION_ID, { name: 'vars', required: true, type: 'array', description: 'date, amounts[] {invoice_id, amount}' }],
        invoke: async ({ args, principal }) => {
          await this.transactions.apply(companyOf(principal), intArg(args['transaction_id']), recordArg(args['vars']));
          return null;
        },
      },
      {
        model: 'transactions',
        method: 'getApplied',
        verb: 'GET',
        summary: 'What a transaction pays, or what pays an invoice',
        returns: 'An array of applied amounts',
        schema: listOf('BlestaAppliedAmount'),
        params: [
          { name: 'transaction_id', required: false, default: null, type: 'integer', description: 'Only this transaction' },
          { name: 'invoice_id', required: false, default: null, type: 'integer', description: 'Only this invoice' },
        ],
        invoke: async ({ args, principal }) => (await this.transactions.getApplied(companyOf(principal), optionalId(args['transaction_id']), optionalId(args['invoice_id']))).map(appliedRow),
      },
    );
  }
}
