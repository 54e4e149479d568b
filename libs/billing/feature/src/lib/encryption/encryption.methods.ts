import { Injectable } from '@nestjs/common';
import { SystemCryptoService } from '@hostgate/domain';
import { type BlestaMethodSet, type BlestaParam, type BlestaRegistry } from '../api/blesta-registry';
import { strArg } from '../api/blesta-values';
import { TEXT, TEXT_OR_FALSE } from '../api/blesta-schemas';

const KEY: BlestaParam = { name: 'key', required: false, default: null, type: 'string', description: 'Key; the system key when null' };
const IV: BlestaParam = { name: 'iv', required: false, default: null, type: 'string', description: 'Initialisation vector; the system key when null' };
const VALUE: BlestaParam = { name: 'value', required: true, type: 'string', description: 'The value' };

/** AppModel's crypto helpers, reached through the encryption model as the seed shows. */
@Injectable()
export class EncryptionMethods implements BlestaMethodSet {
  constructor(private readonly crypto: SystemCryptoService) {}

  registerIn(registry: BlestaRegistry): void {
    registry.register(
      {
        model: 'encryption',
        method: 'systemEncrypt',
        verb: 'POST',
        summary: 'Encrypt with AES-256-CBC under an HMAC-SHA256 key derived from the system key',
        returns: 'The base64 ciphertext',
        schema: TEXT,
        params: [VALUE, KEY, IV],
        invoke: ({ args }) => this.crypto.encrypt(strArg(args['value']) ?? '', strArg(args['key']), strArg(args['iv'])),
      },
      {
        model: 'encryption',
        method: 'systemDecrypt',
        verb: 'POST',
        summary: 'Decrypt a value made by systemEncrypt',
        returns: 'The plain text, or false when it does not decrypt',
        schema: TEXT_OR_FALSE,
        params: [VALUE, KEY, IV],
        invoke: ({ args }) => this.crypto.decrypt(strArg(args['value']) ?? '', strArg(args['key']), strArg(args['iv'])),
      },
      {
        model: 'encryption',
        method: 'systemHash',
        verb: 'POST',
        summary: 'HMAC of a value under the system key',
        returns: 'The hex digest, or false for an algorithm PHP does not know',
        schema: TEXT_OR_FALSE,
        params: [VALUE, KEY, { name: 'hash', required: false, default: 'sha256', type: 'string', description: 'Hash algorithm' }],
        invoke: ({ args }) => this.crypto.hash(strArg(args['value']) ?? '', strArg(args['key']), strArg(args['hash']) ?? 'sha256'),
      },
    );
  }
}
