import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { compiledFindOne, CONTACT_TYPES, ContactEntity, type ContactType } from '@hostgate/shared/persistence';
import { updateExisting, writeReferencing } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { ClientsService, holdClient } from './clients.service';
import { contactFields, text } from './contact-fields';
import { type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';

const ORDER_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  company: 'company',
  contact_type: 'contact_type',
  date_added: 'date_added',
};

/** Contacts of a client; a client's company decides who may see them. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>,
    private readonly clients: ClientsService,
  ) {}

  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    // Every field is checked before answering, so one 400 names every failure.
    const checks = new BillingChecks();
    const client = await checks.checkAsync(() => this.clients.owned(companyId, Number(text(vars['client_id']) ?? NaN)), null);
    const type = checks.check(() => this.type(vars['contact_type'] ?? 'billing'), 'billing');
    // A client has exactly one primary contact, made by clients/create.
    if (client && type === 'primary' && (await this.contacts.existsBy({ clientId: client.id, contactType: 'primary' }))) {
      checks.fail('contact_type', 'valid', 'The client already has a primary contact.');
    }
    const fields = checks.check(() => contactFields(vars, false), null);
    checks.done();
    if (!client || !fields) throw new Error('contact checks passed without their values');
    const row = this.contacts.create({ ...fields, clientId: client.id, userId: null, contactType: type, contactTypeId: null });
    if (type === 'primary') {
      // Two primary contacts added at once to a client without one (made by clients/add) take
      // turns on the client: the second finds the first and is refused as above.
      return this.contacts.manager.transaction(async (tx) => {
        await holdClient(tx, client.id, 'update');
        if (await tx.getRepository(ContactEntity).existsBy({ clientId: client.id, contactType: 'primary' })) throw billingInvalid('contact_type', 'valid', 'The client already has a primary contact.');
        return (await tx.getRepository(ContactEntity).save(row)).id;
      });
    }
    // A client deleted since the check above: its foreign key refuses the row.
    const saved = await writeReferencing(() => this.contacts.save(row), () => billingInvalid('client_id', 'exists', 'Invalid client ID.'));
    return saved.id;
  }

  async get(companyId: number, contactId: number): Promise<ContactEntity | null> {
    if (!Number.isSafeInteger(contactId) || contactId < 1) return null;
    const contact = await compiledFindOne(this.contacts, { id: contactId });
    if (!contact) return null;
    return (await this.clients.exists(companyId, contact.clientId)) ? contact : null;
  }

  async list(companyId: number, clientId: number, page: PageRequest): Promise<ContactEntity[]> {
    if (!(await this.visible(companyId, clientId))) return [];
    const order = resolveOrder(page.orderBy, ORDER_COLUMNS, [['last_name', 'ASC'], ['first_name', 'ASC']]);
    return this.contacts.find({ where: { clientId }, order: { ...Object.fromEntries(order.map(([c, d]) => [camel(c), d])), id: 'ASC' }, skip: pageOffset(page.page), take: PAGE_SIZE });
  }

  async count(companyId: number, clientId: number): Promise<number> {
    return (await this.visible(companyId, clientId)) ? this.contacts.countBy({ clientId }) : 0;
  }

  async all(companyId: number, clientId: number, contactType: string | undefined, orderBy: PageRequest['orderBy']): Promise<ContactEntity[]> {
    if (!(await this.visible(companyId, clientId))) return [];
    const order = resolveOrder(orderBy, ORDER_COLUMNS, [['last_name', 'ASC'], ['first_name', 'ASC']]);
    return this.contacts.find({
      where: { clientId, ...(contactType ? { contactType: contactType as ContactType } : {}) },
      order: { ...Object.fromEntries(order.map(([c, d]) => [camel(c), d])), id: 'ASC' },
    });
  }

  async edit(companyId: number, contactId: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const contact = await this.get(companyId, contactId);
    if (!contact) throw billingInvalid('contact_id', 'exists', 'Invalid contact ID.');
    // Every given field is checked before answering, so one 400 names every failure.
    const checks = new BillingChecks();
    let contactType: ContactEntity['contactType'] | undefined;
    if (vars['contact_type'] !== undefined) {
      const type = checks.check(() => this.type(vars['contact_type']), null);
      // The primary contact stays primary; another contact cannot take its place through edit.
      if (type !== null && (type === 'primary') !== (contact.contactType === 'primary')) checks.fail('contact_type', 'valid', 'The primary contact type cannot be changed.');
      else if (type !== null) contactType = type;
    }
    const fields = checks.check(() => contactFields(vars, true), {});
    checks.done();
    // A contact deleted meanwhile (with its client) is not inserted again.
    await updateExisting(this.contacts.manager.connection, ContactEntity, contact.id, { ...fields, contactType }, () => billingInvalid('contact_id', 'exists', 'Invalid contact ID.'));
  }

  async delete(companyId: number, contactId: number): Promise<void> {
    const contact = await this.get(companyId, contactId);
    if (!contact) throw billingInvalid('contact_id', 'exists', 'Invalid contact ID.');
    if (contact.contactType === 'primary') throw billingInvalid('contact_id', 'primary', 'The primary contact may not be deleted.');
    await this.contacts.delete({ id: contact.id });
  }

  private async visible(companyId: number, clientId: number): Promise<boolean> {
    return this.clients.exists(companyId, clientId);
  }

  private type(raw: unknown): ContactType {
    const t = text(raw) ?? '';
    if (!(CONTACT_TYPES as readonly string[]).includes(t)) throw billingInvalid('contact_type', 'format', 'Invalid contact type.');
    return t as ContactType;
  }
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
