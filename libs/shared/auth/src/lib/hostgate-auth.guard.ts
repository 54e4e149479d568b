import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, DomainErrorCode, isDomainError } from '@hostgate/shared/errors';
import { AUTH_DECISION, type AuthDecision, type AuthScheme } from './auth.decorators';
import { banScopeOf, LoginBanService } from './bans/login-ban.service';
import { runStrategy } from './run-strategy';
import { AdminBearerStrategy } from './strategies/admin-bearer.strategy';
import { BlestaStrategy } from './strategies/blesta.strategy';
import { HestiaStrategy } from './strategies/hestia.strategy';
import { InstallatronStrategy } from './strategies/installatron.strategy';
import { WbTeamProStrategy } from './strategies/wbteampro.strategy';

/**
 * Deny by default: a route passes only if it is marked @Public() or names the scheme that
 * authenticates it; strategy failures surface as DomainErrors, which each dialect renders.
 */
@Injectable()
export class HostgateAuthGuard implements CanActivate {
  private readonly logger = new Logger(HostgateAuthGuard.name);
  /** This app's strategy per scheme (not passport's process-wide registry: see runStrategy). */
  private readonly strategies: Readonly<Record<AuthScheme, object>>;

  constructor(
    private readonly reflector: Reflector,
    private readonly bans: LoginBanService,
    adminBearer: AdminBearerStrategy,
    blesta: BlestaStrategy,
    hestia: HestiaStrategy,
    installatron: InstallatronStrategy,
    wbteampro: WbTeamProStrategy,
  ) {
    this.strategies = { 'admin-bearer': adminBearer, blesta, hestia, installatron, wbteampro };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const decision = this.reflector.getAllAndOverride<AuthDecision | undefined>(AUTH_DECISION, [context.getHandler(), context.getClass()]);
    if (!decision) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} has no auth decision; refused`);
      throw new DomainError(DomainErrorCode.Forbidden, 'route has no authentication decision', { reason: 'no_auth_decision' });
    }
    if (decision.public) return true;
    const scope = banScopeOf(decision.scheme);
    const req = context.switchToHttp().getRequest<{ ip: string; user?: unknown }>();
    if (!scope) {
      await this.authenticate(decision.scheme, req);
      return true;
    }
    // A banned IP is refused before its credentials are looked at, even correct ones.
    const ip = req.ip;
    const until = await this.bans.bannedUntil(scope, ip);
    if (until) throw new DomainError(DomainErrorCode.Banned, `IP address ${ip} is banned after repeated failed logins`, { reason: 'banned', value: until.toISOString() });
    try {
      await this.authenticate(decision.scheme, req);
      await this.bans.succeeded(scope, ip);
      return true;
    } catch (e) {
      if (isDomainError(e) && e.code === DomainErrorCode.Unauthenticated) await this.bans.failed(scope, ip);
      throw e;
    }
  }

  /** The scheme's passport strategy authenticates the request; its user becomes `req.user`. */
  private async authenticate(scheme: AuthScheme, req: { user?: unknown }): Promise<void> {
    const user = await runStrategy(this.strategies[scheme], req);
    if (!user) throw new DomainError(DomainErrorCode.Unauthenticated, 'authentication failed', { reason: 'invalid' });
    req.user = user;
  }
}
