import { Module } from '@nestjs/common';
import { AccountsService } from './accounts/accounts.service';
import { UsersService } from './users/users.service';

/** The shared business rules every dialect calls; persistence and a PasswordHasher come from the app. */
@Module({
  providers: [AccountsService, UsersService],
  exports: [AccountsService, UsersService],
})
export class DomainModule {}
