import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

/** The passport strategies, one per scheme a dialect speaks. */
export type AuthScheme = 'admin-bearer' | 'blesta' | 'hestia' | 'wbteampro' | 'installatron';

export const AUTH_DECISION = 'hostgate:auth-decision';
export type AuthDecision = { readonly public: true } | { readonly public: false; readonly scheme: AuthScheme };

/** Every route states how it is authenticated; the global guard refuses routes that do not. */
export const Authenticated = (scheme: AuthScheme) => {
  const docs = scheme === 'admin-bearer' ? ApiBearerAuth() : ApiSecurity(scheme);
  return applyDecorators(SetMetadata(AUTH_DECISION, { public: false, scheme } satisfies AuthDecision), docs);
};

/** An explicit, reviewable exception to deny-by-default (health checks, documentation). */
export const Public = () => SetMetadata(AUTH_DECISION, { public: true } satisfies AuthDecision);

export { UseGuards };
