import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { DomainModule } from '@hostgate/domain';
import { CredentialsModule } from './credentials.module';
import { HostgateAuthGuard } from './hostgate-auth.guard';
import { AdminBearerStrategy } from './strategies/admin-bearer.strategy';
import { BlestaStrategy } from './strategies/blesta.strategy';
import { HestiaStrategy } from './strategies/hestia.strategy';
import { InstallatronStrategy } from './strategies/installatron.strategy';
import { WbTeamProStrategy } from './strategies/wbteampro.strategy';

/**
 * One passport strategy per scheme and the deny-by-default guard, which runs this app's own
 * strategies (passport's registry is process-wide: two apps in one process, as tests of replicas
 * on one database start them, would otherwise authenticate with whichever registered last).
 */
@Module({
  imports: [CredentialsModule, DomainModule, PassportModule],
  providers: [
    AdminBearerStrategy,
    BlestaStrategy,
    HestiaStrategy,
    InstallatronStrategy,
    WbTeamProStrategy,
    { provide: APP_GUARD, useClass: HostgateAuthGuard },
  ],
})
export class AuthModule {}
