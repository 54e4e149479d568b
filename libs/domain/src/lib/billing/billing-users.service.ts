import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { ClientEntity, compiledFindOne, ContactEntity, UserEntity } from '@hostgate/shared/persistence';
import { type DomainError } from '@hostgate/shared/errors';
import { BillingChecks, billingInvalid } from './billing-error';
import { PasswordHasher } from '../password-hasher';
import { holdRow, insertUnique } from '../references';

export interface UserInput {
  readonly username?: unknown;
  readonly new_password?: unknown;
  readonly confirm_password?: unknown;
  readonly current_password?: unknown;
  readonly two_factor_mode?: unknown;
}

export type AuthType = 'any' | 'staff' | 'client' | 'contact';

const MIN_PASSWORD = 6;
const MAX_USERNAME = 64;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * Blesta's users: the logins behind clients, contacts and staff. Users are not company-scoped in
 * Blesta (one login may serve several companies), so neither are they here.
 */
@Injectable()
export class BillingUsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async get(id: number): Promise<UserEntity | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    return compiledFindOne(this.users, { id });
  }

  async getByUsername(username: string): Promise<UserEntity | null> {
    return username === '' ? null : compiledFindOne(this.users, { username });
  }

  /**
   * Checks a new user's fields (all of them, so one answer names every failure, a taken username
   * included) and hashes its password: slow, so done before any transaction opens. `checks` lets
   * clients/create report these together with its own fields.
   */
  async prepare(vars: UserInput, checks = new BillingChecks()): Promise<{ username: string; password: string; twoFactorMode: string }> {
    const username = (str(vars.username) ?? '').trim();
    if (username === '') checks.fail('username', 'empty', 'Please enter a username.');
    else if (username.length > MAX_USERNAME) checks.fail('username', 'length', 'The username may be no longer than 64 characters.');
    else if (await this.users.existsBy({ username })) checks.fail('username', 'unique', 'That username has already been taken.');
    const password = checks.check(() => this.checkNewPassword(vars), '');
    const twoFactorMode = str(vars.two_factor_mode) ?? 'none';
    if (!['none', 'motp', 'totp'].includes(twoFactorMode)) checks.fail('two_factor_mode', 'format', 'Invalid two factor mode.');
    checks.done();
    return { username, password: await this.hasher.hash(password), twoFactorMode };
  }

  /** Inserts a prepared user inside the caller's transaction (clients/create uses one for all three rows). */
  async insert(tx: EntityManager, prepared: { username: string; password: string; twoFactorMode: string }): Promise<UserEntity> {
    const repo = tx.getRepository(UserEntity);
    const taken = (): DomainError => billingInvalid('username', 'unique', 'That username has already been taken.');
    if (await repo.existsBy({ username: prepared.username })) throw taken();
    // Another request may insert the same name after the check: the unique index refuses the second.
    return insertUnique(() => repo.save(repo.create({ username: prepared.username, password: prepared.password, twoFactorMode: prepared.twoFactorMode, twoFactorKey: null, twoFactorPin: null })), taken);
  }

  async add(vars: UserInput): Promise<UserEntity> {
    const prepared = await this.prepare(vars);
    return this.users.manager.transaction((tx) => this.insert(tx, prepared));
  }

  /**
   * Blesta checks current_password only when $validate_pass is set (a user changing their own
   * password). The checks and the password hashing run first, outside any transaction; then only
   * the given fields are written, to the user as it is now (held), so a concurrent edit of another
   * field is kept and a user deleted meanwhile is not brought back.
   */
  async edit(id: number, vars: UserInput, validatePass: boolean): Promise<void> {
    const user = await this.get(id);
    if (!user) throw billingInvalid('user_id', 'exists', 'Invalid user ID.');
    // Every given field is checked before answering, so one 400 names every failure.
    const checks = new BillingChecks();
    const changes: Partial<Pick<UserEntity, 'username' | 'password' | 'twoFactorMode'>> = {};
    const username = str(vars.username)?.trim();
    if (username !== undefined) {
      const clash = username === '' || username.length > MAX_USERNAME ? null : await compiledFindOne(this.users, { username });
      if (username === '') checks.fail('username', 'empty', 'Please enter a username.');
      else if (username.length > MAX_USERNAME) checks.fail('username', 'length', 'The username may be no longer than 64 characters.');
      else if (clash && clash.id !== id) checks.fail('username', 'unique', 'That username has already been taken.');
      changes.username = username;
    }
    let password: string | undefined;
    if (vars.new_password !== undefined) {
      if (validatePass && !(await this.hasher.verify(str(vars.current_password) ?? '', user.password))) {
        checks.fail('current_password', 'matches', 'The current password is incorrect.');
      }
      password = checks.check(() => this.checkNewPassword(vars), undefined);
    }
    const mode = str(vars.two_factor_mode);
    if (mode !== undefined) {
      if (!['none', 'motp', 'totp'].includes(mode)) checks.fail('two_factor_mode', 'format', 'Invalid two factor mode.');
      changes.twoFactorMode = mode;
    }
    checks.done();
    if (password !== undefined) changes.password = await this.hasher.hash(password);
    if (Object.keys(changes).length === 0) return;
    const taken = (): DomainError => billingInvalid('username', 'unique', 'That username has already been taken.');
    await this.users.manager.transaction(async (tx) => {
      const now = await holdRow(tx, UserEntity, { id }, 'update');
      if (!now) throw billingInvalid('user_id', 'exists', 'Invalid user ID.');
      // The current password was checked against the hash read first: if it changed since, the
      // check is made again against the one this write replaces.
      if (validatePass && password !== undefined && now.password !== user.password && !(await this.hasher.verify(str(vars.current_password) ?? '', now.password))) {
        throw billingInvalid('current_password', 'matches', 'The current password is incorrect.');
      }
      await insertUnique(() => tx.getRepository(UserEntity).update({ id }, changes), taken);
    });
  }

  /** A user still behind a client must go with the client (clients/delete), not on its own. */
  async delete(id: number): Promise<void> {
    if (!Number.isSafeInteger(id)) throw billingInvalid('user_id', 'exists', 'Invalid user ID.');
    await this.users.manager.transaction(async (tx) => {
      // Held, as clients/add holds it: a client added for this user meanwhile is found here, or
      // finds the user gone (not a foreign-key error either way).
      if (!(await holdRow(tx, UserEntity, { id }, 'update'))) throw billingInvalid('user_id', 'exists', 'Invalid user ID.');
      if (await tx.getRepository(ClientEntity).existsBy({ userId: id })) throw billingInvalid('user_id', 'deleteable', 'The user could not be deleted because it belongs to a client.');
      await tx.getRepository(UserEntity).delete({ id });
    });
  }

  /**
   * Users::auth: true when the password matches and the user is of the asked type. There are no
   * staff logins in this gateway, so type "staff" never authenticates.
   */
  async auth(username: string, password: string, type: AuthType): Promise<boolean> {
    const user = await this.getByUsername(username);
    if (!user || password === '' || type === 'staff') return false;
    if (type === 'client' && !(await this.clients.existsBy({ userId: user.id }))) return false;
    if (type === 'contact' && !(await this.users.manager.getRepository(ContactEntity).existsBy({ userId: user.id }))) return false;
    return this.hasher.verify(password, user.password);
  }

  private checkNewPassword(vars: UserInput): string {
    const checks = new BillingChecks();
    const password = str(vars.new_password) ?? '';
    if (password.length < MIN_PASSWORD) checks.fail('new_password', 'format', 'Please enter a password at least 6 characters in length.');
    if (vars.confirm_password !== undefined && str(vars.confirm_password) !== password) checks.fail('confirm_password', 'matches', 'The passwords do not match.');
    checks.done();
    return password;
  }
}
