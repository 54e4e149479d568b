import { Injectable } from '@nestjs/common';
import { type PackageFilters, PackagesService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { companyOf, intArg, orderArg, pageArgs, recordArg, strArg } from '../api/blesta-values';
import { packageRow } from '../billing-rows';
import { COUNT, NEW_ID, listOf, oneOrFalse } from '../api/blesta-schemas';

const PACKAGE_ID: BlestaParam = { name: 'package_id', required: true, type: 'integer', description: 'The ID of the package' };
const STATUS: BlestaParam = { name: 'status', required: false, default: null, type: 'string', description: 'active, inactive or restricted (all when null)' };
const VARS = 'names[] {lang, name} (or name), description, status, qty, taxable, module (none or hosting), meta[package] (hosting package), pricing[] {term, period, price, setup_fee, cancel_fee, currency}';

const FILTERS: BlestaParam = { name: 'filters', required: false, default: [], type: 'array', description: 'status (as the status argument, which wins when both are given), name (part of the name, any case)' };

/** The status argument and filters[], as Blesta 5.8 merges them; unknown filter keys are ignored. */
function filtersOf(status: unknown, raw: unknown): PackageFilters {
  const f = recordArg(raw);
  return { status: strArg(status) || strArg(f['status']) || undefined, name: strArg(f['name']) || undefined };
}

@Injectable()
export class PackagesMethods implements BlestaMethodSet {
  constructor(private readonly packages: PackagesService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.notCallable('packages', 'getRules');
    registry.register(
      {
        model: 'packages',
        method: 'add',
        verb: 'POST',
        summary: 'Add a package with its pricing',
        returns: 'The new package ID',
        schema: NEW_ID,
        params: [{ name: 'vars', required: true, type: 'array', description: VARS }],
        invoke: async ({ args, principal }) => String(await this.packages.add(companyOf(principal), recordArg(args['vars']))),
      },
      {
        model: 'packages',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a package with its pricing',
        returns: 'The package, or false',
        schema: oneOrFalse('BlestaPackage'),
        params: [PACKAGE_ID],
        invoke: async ({ args, principal }) => {
          const v = await this.packages.get(companyOf(principal), intArg(args['package_id']));
          return v ? packageRow(v) : false;
        },
      },
      {
        model: 'packages',
        method: 'getList',
        verb: 'GET',
        summary: 'List packages, 20 per page',
        returns: 'An array of packages',
        schema: listOf('BlestaPackage'),
        params: [
          { name: 'page', required: false, default: 1, type: 'integer', description: 'The page, from 1' },
          { name: 'order_by', required: false, default: { id_code: 'asc' }, type: 'array', description: 'field => ASC|DESC' },
          STATUS,
          FILTERS,
        ],
        invoke: async ({ args, principal }) => (await this.packages.list(companyOf(principal), filtersOf(args['status'], args['filters']), pageArgs(args['page'], args['order_by']))).map(packageRow),
      },
      {
        model: 'packages',
        method: 'getListCount',
        verb: 'GET',
        summary: 'Count packages',
        returns: 'An integer',
        schema: COUNT,
        params: [STATUS, FILTERS],
        invoke: async ({ args, principal }) => this.packages.count(companyOf(principal), filtersOf(args['status'], args['filters'])),
      },
      {
        model: 'packages',
        method: 'getAll',
        verb: 'GET',
        summary: "All of a company's packages",
        returns: 'An array of packages',
        schema: listOf('BlestaPackage'),
        params: [
          { name: 'company_id', required: true, type: 'integer', description: 'The company' },
          { name: 'order', required: false, default: { name: 'ASC' }, type: 'array', description: 'field => ASC|DESC' },
          STATUS,
        ],
        invoke: async ({ args, principal }) => (await this.packages.all(companyOf(principal), intArg(args['company_id']), strArg(args['status']) || undefined, orderArg(args['order']))).map(packageRow),
      },
      {
        model: 'packages',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update a package; pricing[] entries are added',
        returns: 'null',
        params: [PACKAGE_ID, { name: 'vars', required: true, type: 'array', description: VARS }],
        invoke: async ({ args, principal }) => {
          await this.packages.edit(companyOf(principal), intArg(args['package_id']), recordArg(args['vars']));
          return null;
        },
      },
      {
        model: 'packages',
        method: 'delete',
        verb: 'DELETE',
        summary: 'Delete a package no service uses',
        returns: 'null',
        params: [PACKAGE_ID],
        invoke: async ({ args, principal }) => {
          await this.packages.delete(companyOf(principal), intArg(args['package_id']));
          return null;
        },
      },
    );
  }
}
