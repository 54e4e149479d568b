import { join } from 'node:path';
import { Inject, Injectable, Logger, type Provider } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { DiskFileStorage, type FileStorage, newStorageKey, PROJECT_FILE_MAX_BYTES, PROJECT_FILE_STORAGE } from './file-storage';

/** The default provider: a directory under DATA_DIR; replace PROJECT_FILE_STORAGE for object storage. */
export const FILE_STORAGE_PROVIDERS: Provider[] = [
  { provide: PROJECT_FILE_STORAGE, inject: [HOSTGATE_CONFIG], useFactory: (config: HostgateConfig): FileStorage => new DiskFileStorage(join(config.dataDir, 'project-files')) },
  { provide: PROJECT_FILE_MAX_BYTES, inject: [HOSTGATE_CONFIG], useFactory: (config: HostgateConfig): number => config.projectFileMaxBytes },
];

/** Size limit and bookkeeping around the storage provider. */
@Injectable()
export class FileStorageService {
  private readonly logger = new Logger(FileStorageService.name);

  constructor(
    @Inject(PROJECT_FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(PROJECT_FILE_MAX_BYTES) readonly maxBytes: number,
  ) {}

  checkSize(size: number): void {
    if (size > this.maxBytes) {
      throw new DomainError(DomainErrorCode.LimitReached, `The file is larger than the ${this.maxBytes} byte limit`, { entity: 'file', field: 'file', reason: 'too_large' });
    }
  }

  async store(bytes: Buffer): Promise<string> {
    this.checkSize(bytes.length);
    const key = newStorageKey();
    await this.storage.put(key, bytes);
    return key;
  }

  async read(key: string): Promise<Buffer | undefined> {
    return this.storage.get(key);
  }

  /** Best effort after the rows are gone: a leftover file is harmless, a lost row is not. */
  async discard(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.storage.delete(key);
      } catch (e) {
        this.logger.warn(`could not remove stored file ${key}: ${(e as Error).message}`);
      }
    }
  }
}
