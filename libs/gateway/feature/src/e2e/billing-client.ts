import { basic, CREDS } from './test-gateway';

/** The bootstrap billing API user and key, as HTTP Basic. */
export const AUTH = basic(CREDS.billingUser, CREDS.billingKey);

/** Blesta's 400 message. */
export const BAD_SYNTAX = 'The request cannot be fulfilled due to bad syntax.';

/** The seed's curl form: every -d becomes one urlencoded pair, in order. */
export const dForm = (pairs: readonly string[], method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH },
  body: pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&'),
});
