import { BillingChecks } from './billing-error';

export interface ContactFields {
  firstName: string;
  lastName: string;
  title: string | null;
  company: string | null;
  email: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const optional = (v: unknown): string | null => {
  const t = text(v);
  return t === undefined || t === '' ? null : t;
};

/** Contacts' field rules, shared by clients/create and contacts/add; `partial` for edits. */
export function contactFields(vars: Readonly<Record<string, unknown>>, partial: false): ContactFields;
export function contactFields(vars: Readonly<Record<string, unknown>>, partial: true): Partial<ContactFields>;
export function contactFields(vars: Readonly<Record<string, unknown>>, partial: boolean): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  const checks = new BillingChecks();
  const has = (k: string): boolean => vars[k] !== undefined && vars[k] !== null;
  if (!partial || has('first_name')) {
    const v = (text(vars['first_name']) ?? '').trim();
    if (v === '') checks.fail('first_name', 'empty', 'Please enter a first name.');
    out.firstName = v;
  }
  if (!partial || has('last_name')) {
    const v = (text(vars['last_name']) ?? '').trim();
    if (v === '') checks.fail('last_name', 'empty', 'Please enter a last name.');
    out.lastName = v;
  }
  if (!partial || has('email')) {
    const v = (text(vars['email']) ?? '').trim();
    if (!EMAIL.test(v)) checks.fail('email', 'format', 'Please enter a valid email address.');
    out.email = v;
  }
  if (has('country')) {
    const v = optional(vars['country']);
    if (v !== null && !/^[A-Za-z]{2,3}$/.test(v)) checks.fail('country', 'valid', 'Please select a valid country.');
    out.country = v === null ? null : v.toUpperCase();
  } else if (!partial) out.country = null;
  for (const [key, prop] of [['title', 'title'], ['company', 'company'], ['address1', 'address1'], ['address2', 'address2'], ['city', 'city'], ['state', 'state'], ['zip', 'zip']] as const) {
    if (has(key)) out[prop] = optional(vars[key]);
    else if (!partial) out[prop] = null;
  }
  checks.done();
  return out;
}
