import { Injectable } from '@nestjs/common';
import { CompaniesService } from '@hostgate/domain';
import { type Principal } from '@hostgate/shared/auth';
import { asDomainError, DialectResponse, DomainError, DomainErrorCode, type ErrorContext, type RenderedError } from '@hostgate/shared/errors';
import { billingErrorRenderer } from '../billing-error.renderer';
import { blestaError, blestaResponse } from './blesta-envelope';
import { matchParameters } from './blesta-parameters';
import { parseBlestaPath } from './blesta-path';
import { BlestaRegistry } from './blesta-registry';

/**
 * Api::index after authentication: resource, maintenance, model/method lookup, callability,
 * parameter matching, the call and its 200 envelope. Every answer other than 200 is thrown, as a
 * DialectResponse or a DomainError, for the dialect's error renderer. The HTTP controller and the
 * `billing-api` command both go through here, so they answer the same bodies.
 */
@Injectable()
export class BlestaDispatcher {
  constructor(
    private readonly registry: BlestaRegistry,
    private readonly companies: CompaniesService,
  ) {}

  /** `params` is read only once the resource is known to exist (a bad path never parses a body). */
  async dispatch(url: string, params: () => Record<string, unknown>, principal: Principal): Promise<RenderedError> {
    const path = parseBlestaPath(url);
    if (!path.ok) throw new DialectResponse(blestaError(path.status, 'json', path.model));
    if (await this.companies.inMaintenance()) throw new DialectResponse(blestaError(503, path.format, path.model));
    const found = this.registry.lookup(path.model, path.method);
    if (found.kind === 'not_found') throw new DialectResponse(blestaError(404, path.format, path.model));
    if (found.kind === 'not_callable') throw new DialectResponse(blestaError(403, path.format, path.model));
    const matched = matchParameters(found.method, params());
    if (!matched.ok) throw new DialectResponse(blestaError(500, path.format, path.model, undefined, matched.error));
    const result = await found.method.invoke({ args: matched.args, principal });
    return blestaResponse(200, path.format, path.model, { response: result });
  }

  /**
   * The whole answer, errors rendered as the gateway's exception filter renders them for billing
   * (no principal is Blesta's 401, which a bad path still outranks; an unexpected error is the 500
   * envelope, reported to `onUnexpected`). For callers outside HTTP.
   */
  async answer(ctx: ErrorContext, params: () => Record<string, unknown>, principal: Principal | undefined, onUnexpected: (e: unknown) => void): Promise<RenderedError> {
    try {
      if (!principal) throw new DomainError(DomainErrorCode.Unauthenticated, 'The API user or key appears to be invalid.', { field: 'user', reason: 'invalid' });
      return await this.dispatch(ctx.url, params, principal);
    } catch (e) {
      if (e instanceof DialectResponse) return e.rendered;
      const domain = asDomainError(e);
      if (domain) return billingErrorRenderer.renderDomainError(domain, ctx);
      onUnexpected(e);
      return billingErrorRenderer.renderFailure('internal', ctx);
    }
  }
}
