import { Injectable } from '@nestjs/common';
import { TaxesService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, recordArg } from '../api/blesta-values';
import { taxRow } from '../billing-rows';
import { NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const TAX_ID: BlestaParam = { name: 'tax_id', required: true, type: 'integer', description: 'The ID of the tax rule' };
const VARS = 'level (1 or 2), name, amount (percent), type (exclusive or inclusive), country, state, status (active or inactive)';

/** Tax rules: invoices tax their `tax` lines with the client's rules (see invoices/add). */
@Injectable()
export class TaxesMethods implements BlestaMethodSet {
  constructor(private readonly taxes: TaxesService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.register(
      {
        model: 'taxes',
        method: 'add',
        verb: 'POST',
        summary: "Create a tax rule for the key's company",
        returns: 'The new tax rule ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: VARS }],
        invoke: async ({ args, principal }) => String(await this.taxes.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'taxes',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a tax rule',
        returns: 'The tax rule, or false',
        schema: oneOrFalse('BlestaTax'),
        params: [TAX_ID],
        invoke: async ({ args, principal }) => {
          const tax = await this.taxes.get(companyOf(principal), intArg(args['tax_id']));
          return tax ? taxRow(tax) : false;
        },
      },
      {
        model: 'taxes',
        method: 'getAll',
        verb: 'GET',
        summary: "Every tax rule of the key's company, by level",
        returns: 'An array of tax rules',
        schema: listOf('BlestaTax'),
        params: [],
        invoke: async ({ principal }) => (await this.taxes.all(companyOf(principal))).map(taxRow),
      },
      {
        model: 'taxes',
        method: 'delete',
        verb: 'DELETE',
        summary: 'Delete a tax rule; one already used on invoices is made inactive instead',
        returns: 'null',
        params: [TAX_ID],
        invoke: async ({ args, principal }) => {
          await this.taxes.delete(companyOf(principal), intArg(args['tax_id']));
          return null;
        },
      },
    );
  }
}
