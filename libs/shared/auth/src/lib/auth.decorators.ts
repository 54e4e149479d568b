import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiSecurity, type SecuritySchemeObject } from '@nestjs/swagger';

/** The passport strategies, one per scheme a dialect speaks. */
export type AuthScheme = 'admin-bearer' | 'blesta' | 'hestia' | 'wbteampro' | 'installatron';

export const AUTH_DECISION = 'hostgate:auth-decision';
export type AuthDecision = { readonly public: true } | { readonly public: false; readonly scheme: AuthScheme };

/**
 * How OpenAPI describes each scheme. Hestia's and wbTeamPro's credentials travel as body or query
 * fields, which those dialects document as parameters of their endpoints instead.
 */
export const SECURITY_SCHEMES: Readonly<Partial<Record<AuthScheme, SecuritySchemeObject>>> = {
  'admin-bearer': { type: 'http', scheme: 'bearer', description: 'An admin token (HOSTGATE_ADMIN_TOKEN or one created with the admin API)' },
  blesta: { type: 'http', scheme: 'basic', description: 'API user and key; the BLESTA-API-USER / BLESTA-API-KEY headers work too' },
  installatron: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The key= or key2= value' },
};

/** Every route states how it is authenticated; the global guard refuses routes that do not. */
export const Authenticated = (scheme: AuthScheme) => {
  const decision = SetMetadata(AUTH_DECISION, { public: false, scheme } satisfies AuthDecision);
  return SECURITY_SCHEMES[scheme] ? applyDecorators(decision, ApiSecurity(scheme)) : decision;
};

/** An explicit, reviewable exception to deny-by-default (health checks, documentation). */
export const Public = () => SetMetadata(AUTH_DECISION, { public: true } satisfies AuthDecision);

export { UseGuards };
