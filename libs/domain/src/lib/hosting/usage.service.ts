import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accountTotals } from './hosting-rules';

/** Server-wide usage figures, for listings that print them beside one account's own. */
@Injectable()
export class HostingUsageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many accounts exist and how many are suspended (Hestia's U_USERS and SUSPENDED_USERS). */
  totals(): Promise<{ users: number; suspended: number }> {
    return accountTotals(this.dataSource.manager);
  }
}
