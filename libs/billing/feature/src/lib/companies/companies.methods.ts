import { Injectable } from '@nestjs/common';
import { CompaniesService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, strArg } from '../api/blesta-values';
import { companyRow, companySettingRow, currencyRow } from '../billing-rows';
import { COUNT, listOf, oneOrFalse } from '../api/blesta-schemas';

const COMPANY_ID: BlestaParam = { name: 'company_id', required: true, type: 'integer', description: 'The ID of the company' };

/** companies and currencies: read-only, and only the caller's own company exists for it. */
@Injectable()
export class CompaniesMethods implements BlestaMethodSet {
  constructor(private readonly companies: CompaniesService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.register(
      {
        model: 'companies',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a company',
        returns: 'The company, or false',
        schema: oneOrFalse('BlestaCompany'),
        params: [COMPANY_ID],
        invoke: async ({ args, principal }) => {
          const c = await this.companies.get(companyOf(principal), intArg(args['company_id']));
          return c ? companyRow(c) : false;
        },
      },
      {
        model: 'companies',
        method: 'getList',
        verb: 'GET',
        summary: 'List companies, 20 per page',
        returns: 'An array of companies',
        schema: listOf('BlestaCompany'),
        params: [
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { id: 'ASC' }, type: 'array', description: 'field => ASC|DESC' },
        ],
        invoke: async ({ args, principal }) => (await this.companies.list(companyOf(principal), Math.max(1, intArg(args['page'])))).map(companyRow),
      },
      {
        model: 'companies',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count companies',
        returns: 'An integer',
        schema: COUNT,
        params: [],
        invoke: async ({ principal }) => this.companies.count(companyOf(principal)),
      },
      {
        model: 'companies',
        method: 'getAll',
        verb: 'GET',
        summary: 'All companies',
        returns: 'An array of companies',
        schema: listOf('BlestaCompany'),
        params: [],
        invoke: async ({ principal }) => (await this.companies.all(companyOf(principal))).map(companyRow),
      },
      {
        model: 'companies',
        method: 'getSettings',
        verb: 'GET',
        summary: "A company's settings",
        returns: 'An array of settings (key, value, encrypted, company_id, inherit)',
        schema: listOf('BlestaCompanySetting'),
        params: [COMPANY_ID],
        invoke: async ({ args, principal }) => (await this.companies.settingsOf(companyOf(principal), intArg(args['company_id']))).map(companySettingRow),
      },
      {
        model: 'currencies',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a currency of a company',
        returns: 'The currency, or false',
        schema: oneOrFalse('BlestaCurrency'),
        params: [{ name: 'currency_code', required: true, type: 'string', description: 'ISO 4217 code' }, COMPANY_ID],
        invoke: async ({ args, principal }) => {
          const c = await this.companies.currency(companyOf(principal), (strArg(args['currency_code']) ?? '').toUpperCase(), intArg(args['company_id']));
          return c ? currencyRow(c) : false;
        },
      },
      {
        model: 'currencies',
        method: 'getAll',
        verb: 'GET',
        summary: "A company's currencies",
        returns: 'An array of currencies',
        schema: listOf('BlestaCurrency'),
        params: [COMPANY_ID],
        invoke: async ({ args, principal }) => (await this.companies.allCurrencies(companyOf(principal), intArg(args['company_id']))).map(currencyRow),
      },
    );
  }
}
