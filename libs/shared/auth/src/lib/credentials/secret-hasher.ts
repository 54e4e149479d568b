import { createHash, createHmac, hash, randomBytes, scrypt as scryptCb, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { Injectable } from '@nestjs/common';

const scrypt = (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

/** Equal-length, constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Compare against itself on length mismatch so the time taken does not depend on where they differ.
  return x.length === y.length ? timingSafeEqual(x, y) : (timingSafeEqual(x, x), false);
}

export function md5Hex(value: string): string {
  return createHash('md5').update(value, 'utf8').digest('hex');
}

/**
 * Secrets at rest: API keys are high-entropy, so a keyed SHA-256 is enough (and is fast on every
 * request); human passwords get scrypt.
 */
@Injectable()
export class SecretHasher {
  private key: Buffer | undefined;

  private cachePrefix: string | undefined;

  /** The server-wide key, loaded once at start from the shared database. */
  useKey(key: Buffer): void {
    this.key = key;
    this.cachePrefix = `${key.toString('base64')}\0`;
  }

  /**
   * A keyed digest for in-memory cache keys only (never stored): one-shot SHA-256 over the
   * server key and the value. A new Hmac object per request cost ~18 µs in a busy server against
   * ~2 µs for the one-shot digest, and this runs on every authenticated call.
   */
  cacheDigest(value: string): string {
    if (this.cachePrefix === undefined) throw new Error('SecretHasher used before its key was loaded');
    return hash('sha256', this.cachePrefix + value, 'base64');
  }

  keyed(value: string): string {
    if (!this.key) throw new Error('SecretHasher used before its key was loaded');
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex');
  }

  async hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
    return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
  }

  async verifyPassword(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [, n, r, p, salt, hash] = parts;
    const expected = Buffer.from(hash, 'base64');
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
    return timingSafeEqual(actual, expected);
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Unbiased random string over an alphabet (rejection sampling). */
export function randomString(length: number, alphabet = ALNUM): string {
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]);
    }
  }
  return out.join('');
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
