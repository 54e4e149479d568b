import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFind, compiledFindOne, CredentialEntity, type CredentialKind, holdName, SettingEntity } from '@hostgate/shared/persistence';
import { md5Hex, randomHex, randomString, safeEqual, SecretHasher } from './secret-hasher';
import { PasswordCheckCache } from './password-check.cache';

export interface Principal {
  /** Null when a hosting account signed in with its own password rather than a stored credential. */
  readonly credentialId: number | null;
  readonly kind: CredentialKind | 'account_password';
  readonly identifier: string;
  readonly companyId: number | null;
  readonly owner: string | null;
  readonly permissions: readonly string[];
}

export interface NewCredential {
  readonly kind: CredentialKind;
  readonly identifier?: string;
  /** Given by the operator; generated when absent. */
  readonly secret?: string;
  readonly companyId?: number;
  readonly owner?: string;
  readonly permissions?: readonly string[];
  readonly comment?: string;
}

/** A new credential checked and its secret hashed (`prepare`), ready to be stored (`createIn`). */
export interface PreparedCredential {
  readonly input: NewCredential;
  readonly identifier: string;
  readonly secret: string;
  readonly secretHash: string;
  readonly lookupHash: string | null;
}

export interface CreatedCredential {
  readonly credential: CredentialView;
  /** Shown once, at creation; only its hash is kept. */
  readonly secret: string;
}

export interface CredentialView {
  readonly id: number;
  readonly kind: CredentialKind;
  readonly identifier: string;
  readonly companyId: number | null;
  readonly owner: string | null;
  readonly permissions: string[];
  readonly comment: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** How each kind's secret looks when the server makes one, matching what the product issues. */
const GENERATE: Record<CredentialKind, () => string> = {
  admin_token: () => randomString(40),
  billing_api_key: () => randomHex(16),
  panel_api_key: () => randomString(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'),
  panel_access_key: () => randomString(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+/^~=%-'),
  project_password: () => randomString(20),
  installer_key: () => randomHex(20),
};

/** Kinds whose secret is a human password: stored under scrypt rather than a keyed hash. */
const PASSWORD_KINDS: ReadonlySet<CredentialKind> = new Set(['project_password']);

const SERVER_KEY = 'server_secret_key';

/**
 * Clients send their credentials on every request; a successful check is remembered this long so
 * a busy client costs no database round trip per call. Revoking clears it at once in the revoking
 * process; other processes (replicas, the CLI) see a revocation within this time.
 */
export const VERIFIED_TTL_MS = 1_000;
const VERIFIED_MAX = 10_000;

/** Advisory-lock namespace of credential names (any constant no other lock of this schema uses). */
const CREDENTIAL_NAME_LOCK = 0x43726564;

@Injectable()
export class CredentialService {
  constructor(
    @InjectRepository(CredentialEntity) private readonly credentials: Repository<CredentialEntity>,
    @InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: SecretHasher,
    private readonly passwordChecks: PasswordCheckCache,
  ) {}

  private readonly verified = new Map<string, { readonly principal: Principal; readonly expires: number }>();

  private remembered(key: string): Principal | undefined {
    const hit = this.verified.get(key);
    if (!hit) return undefined;
    if (hit.expires > Date.now()) return hit.principal;
    this.verified.delete(key);
    return undefined;
  }

  private remember(key: string, principal: Principal): Principal {
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, { principal, expires: Date.now() + VERIFIED_TTL_MS });
    return principal;
  }

  /**
   * Loads (or, on the very first start, creates) the key behind every keyed hash. It lives in the
   * shared database so every replica and every dialect process hashes alike.
   */
  async loadServerKey(): Promise<void> {
    await this.settings
      .createQueryBuilder()
      .insert()
      .values({ key: SERVER_KEY, value: randomBytes(32).toString('base64') })
      .orIgnore()
      .execute();
    const row = await this.settings.findOneByOrFail({ key: SERVER_KEY });
    this.hasher.useKey(Buffer.from(row.value, 'base64'));
  }

  async create(input: NewCredential): Promise<CreatedCredential> {
    const prepared = await this.prepare(input);
    return this.dataSource.transaction((tx) => this.createIn(tx, prepared));
  }

  /**
   * Checks a new credential and hashes its secret (generated when not given), before any
   * transaction opens: a password's scrypt takes tens of milliseconds off the event loop, and on
   * SQLite every request shares the one connection, so a transaction left open across it would
   * take in other requests' writes (and roll them back with its own).
   */
  async prepare(input: NewCredential): Promise<PreparedCredential> {
    const secret = input.secret ?? GENERATE[input.kind]();
    const identifier = input.identifier ?? (input.kind === 'panel_access_key' ? randomString(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') : input.kind);
    this.validate(input.kind, identifier, secret);
    const secretHash = await this.hashSecret(input.kind, secret);
    return { input, identifier, secret, secretHash, lookupHash: PASSWORD_KINDS.has(input.kind) ? null : this.hasher.keyed(secret) };
  }

  /** Stores a prepared credential inside the caller's transaction. */
  async createIn(tx: EntityManager, prepared: PreparedCredential): Promise<CreatedCredential> {
    const { input, identifier } = prepared;
    const repo = tx.getRepository(CredentialEntity);
    if (input.kind === 'billing_api_key' || PASSWORD_KINDS.has(input.kind) || input.kind === 'panel_access_key') {
      // Two creations of one name at once take turns (PostgreSQL; SQLite runs one transaction at
      // a time): otherwise each finds no clash and both insert, and the name has two secrets.
      await holdName(tx, CREDENTIAL_NAME_LOCK, `${input.kind}:${identifier}`);
      const clash = await repo.findOneBy({ kind: input.kind, identifier, companyId: input.companyId ?? IsNull(), revokedAt: IsNull() });
      if (clash) throw DomainError.exists('credential', identifier, 'identifier');
    }
    const row = await repo.save(
      repo.create({
        kind: input.kind,
        identifier,
        secretHash: prepared.secretHash,
        lookupHash: prepared.lookupHash,
        companyId: input.companyId ?? null,
        owner: input.owner ?? null,
        permissions: JSON.stringify(input.permissions ?? []),
        comment: input.comment ?? '',
        revokedAt: null,
      }),
    );
    return { credential: view(row), secret: prepared.secret };
  }

  async list(kind?: CredentialKind): Promise<CredentialView[]> {
    const rows = await this.credentials.find({ where: kind ? { kind } : {}, order: { id: 'ASC' } });
    return rows.map(view);
  }

  async exists(kind: CredentialKind, identifier: string): Promise<boolean> {
    return (await compiledFindOne(this.credentials, { kind, identifier, revokedAt: null }, { select: ['id'] })) !== null;
  }

  async count(): Promise<number> {
    return this.credentials.count();
  }

  async revoke(id: number): Promise<CredentialView> {
    const row = await this.credentials.findOneBy({ id });
    if (!row) throw DomainError.notFound('credential', String(id), 'id');
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.credentials.save(row);
    }
    for (const [key, hit] of this.verified) if (hit.principal.credentialId === id) this.verified.delete(key);
    return view(row);
  }

  /** A bearer-style key that identifies itself (admin token, installer key, panel API key). */
  async verifyKey(kinds: readonly CredentialKind[], secret: string): Promise<Principal | undefined> {
    if (!secret) return undefined;
    const cacheKey = `${kinds.join(',')}\0${this.hasher.cacheDigest(secret)}`;
    const cached = this.remembered(cacheKey);
    if (cached) return cached;
    const digest = this.hasher.keyed(secret);
    const rows = await compiledFind(this.credentials, { kind: [...kinds], lookupHash: digest, revokedAt: null });
    const row = rows.find((r) => safeEqual(r.secretHash, digest));
    return row ? this.remember(cacheKey, principal(row)) : undefined;
  }

  /** A user name plus a secret (Blesta API user + key, project admin + MD5 password, access key id + secret). */
  async verifyPair(kind: CredentialKind, identifier: string, secret: string): Promise<Principal | undefined> {
    // A name no credential can have is a failed login without a query (PostgreSQL would refuse a NUL in it).
    if (!secret || !possibleIdentifier(identifier)) return undefined;
    // Keyed by a digest of the secret, never the secret itself.
    const cacheKey = `${kind}\0${identifier}\0${this.hasher.cacheDigest(secret)}`;
    const cached = this.remembered(cacheKey);
    if (cached) return cached;
    const rows = await compiledFind(this.credentials, { kind, identifier, revokedAt: null });
    for (const row of rows) {
      if (await this.matches(kind, secret, row.secretHash)) return this.remember(cacheKey, principal(row));
    }
    return undefined;
  }

  private async matches(kind: CredentialKind, secret: string, stored: string): Promise<boolean> {
    if (!PASSWORD_KINDS.has(kind)) return safeEqual(stored, this.hasher.keyed(secret));
    return this.passwordChecks.verify(secret, stored, (s, h) => this.hasher.verifyPassword(s, h));
  }

  private async hashSecret(kind: CredentialKind, secret: string): Promise<string> {
    if (!PASSWORD_KINDS.has(kind)) return this.hasher.keyed(secret);
    // The project dialect's clients send MD5(password); keep scrypt(MD5(password)) so the check needs no plain text.
    return this.hasher.hashPassword(kind === 'project_password' ? md5Hex(secret) : secret);
  }

  private validate(kind: CredentialKind, identifier: string, secret: string): void {
    const fail = (field: string, message: string): never => {
      throw new DomainError(DomainErrorCode.InvalidField, message, { field, value: field === 'secret' ? undefined : identifier });
    };
    if (!possibleIdentifier(identifier)) fail('identifier', 'identifier must be 1-128 characters, without control characters');
    switch (kind) {
      case 'billing_api_key':
        if (identifier.length < 3 || identifier.length > 64) fail('identifier', 'API user names are 3-64 characters');
        if (secret.length < 16) fail('secret', 'API keys are at least 16 characters');
        break;
      case 'panel_api_key':
        if (!/^[A-Za-z0-9_-]{16,}$/.test(secret)) fail('secret', 'panel API keys are at least 16 characters of [A-Za-z0-9_-]');
        break;
      case 'panel_access_key':
        if (!/^[A-Za-z0-9]{20}$/.test(identifier)) fail('identifier', 'access key ids are 20 letters or digits');
        if (!/^[A-Za-z0-9_.+/^~=%-]{40}$/.test(secret)) fail('secret', 'secret keys are 40 characters of [A-Za-z0-9_.+/^~=%-]');
        break;
      case 'admin_token':
      case 'installer_key':
        if (secret.length < 16) fail('secret', 'keys and tokens are at least 16 characters');
        break;
      case 'project_password':
        if (secret.length < 6) fail('secret', 'passwords are at least 6 characters');
        break;
    }
  }
}

/** 1-128 characters, none of them a control character: what create() stores, so what a login can name. */
function possibleIdentifier(identifier: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  return identifier.length >= 1 && identifier.length <= 128 && !/[\u0000-\u001f\u007f]/.test(identifier);
}

function principal(row: CredentialEntity): Principal {
  return {
    credentialId: row.id,
    kind: row.kind,
    identifier: row.identifier,
    companyId: row.companyId,
    owner: row.owner,
    permissions: parsePermissions(row.permissions),
  };
}

function view(row: CredentialEntity): CredentialView {
  return {
    id: row.id,
    kind: row.kind,
    identifier: row.identifier,
    companyId: row.companyId,
    owner: row.owner,
    permissions: parsePermissions(row.permissions),
    comment: row.comment,
    createdAt: new Date(row.createdAt).toISOString(),
    revokedAt: row.revokedAt ? new Date(row.revokedAt).toISOString() : null,
  };
}

function parsePermissions(raw: string): string[] {
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
}
