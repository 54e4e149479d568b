import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { compiledFindOne, UserEntity } from '@hostgate/shared/persistence';

/** Billing-side logins (Blesta's users model). */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async get(id: number): Promise<UserEntity | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    return compiledFindOne(this.users, { id });
  }

  async getByUsername(username: string): Promise<UserEntity | null> {
    return compiledFindOne(this.users, { username });
  }
}
