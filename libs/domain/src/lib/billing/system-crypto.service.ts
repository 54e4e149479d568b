import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SettingEntity } from '@hostgate/shared/persistence';

/** Where Blesta.system_key lives: the shared settings table, so every replica encrypts alike. */
export const BILLING_SYSTEM_KEY_SETTING = 'billing.system_key';

/** phpseclib's setIV: the IV is cut or NUL-padded to the 16-byte AES block. */
function blockIv(iv: string): Buffer {
  const b = Buffer.alloc(16);
  Buffer.from(iv, 'utf8').copy(b, 0, 0, 16);
  return b;
}

/**
 * AppModel::systemEncrypt / systemDecrypt / systemHash as Blesta implements them: AES-256-CBC
 * (PKCS#7) under HMAC-SHA256("systemEncrypt", key), the IV taken from the raw iv string, key and iv
 * both defaulting to the system key; output base64. systemHash is an HMAC of the value, hex.
 */
@Injectable()
export class SystemCryptoService {
  private systemKey: string | undefined;

  constructor(@InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>) {}

  async encrypt(value: string, key?: string, iv?: string): Promise<string> {
    const sys = await this.key();
    const cipher = createCipheriv('aes-256-cbc', this.aesKey(key ?? sys), blockIv(iv ?? sys));
    return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]).toString('base64');
  }

  /** false when the value does not decrypt (phpseclib's answer to bad padding); "" stays "". */
  async decrypt(value: string, key?: string, iv?: string): Promise<string | false> {
    if (value === '') return '';
    const sys = await this.key();
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.aesKey(key ?? sys), blockIv(iv ?? sys));
      return Buffer.concat([decipher.update(Buffer.from(value, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return false;
    }
  }

  async hash(value: string, key?: string, algorithm = 'sha256'): Promise<string | false> {
    const sys = await this.key();
    try {
      return createHmac(algorithm, key ?? sys).update(value, 'utf8').digest('hex');
    } catch {
      return false;
    }
  }

  private aesKey(key: string): Buffer {
    return createHmac('sha256', 'systemEncrypt').update(key, 'utf8').digest();
  }

  /** Created once on first use (first writer wins), then kept in memory: it never changes. */
  private async key(): Promise<string> {
    if (this.systemKey !== undefined) return this.systemKey;
    await this.settings.createQueryBuilder().insert().values({ key: BILLING_SYSTEM_KEY_SETTING, value: randomBytes(32).toString('hex') }).orIgnore().execute();
    const row = await this.settings.findOneByOrFail({ key: BILLING_SYSTEM_KEY_SETTING });
    this.systemKey = row.value;
    return row.value;
  }
}
