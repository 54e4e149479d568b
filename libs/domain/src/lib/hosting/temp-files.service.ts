import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { compiledFindOne, PanelTempFileEntity } from '@hostgate/shared/persistence';

/** Files older than this are purged on the next write, as a server's /tmp is cleaned. */
export const TEMP_FILE_TTL_MS = 24 * 3_600_000;

/**
 * Hestia's v-make-tmp-file and the `<TMP>/name` arguments that read it back: a caller may pass a
 * secret by "file" rather than as an argument. Kept in the shared database, so the follow-up call
 * may be served by another replica.
 */
@Injectable()
export class TempFilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async write(name: string, content: string): Promise<void> {
    const repo = this.dataSource.getRepository(PanelTempFileEntity);
    await repo.delete({ createdAt: LessThan(new Date(Date.now() - TEMP_FILE_TTL_MS)) });
    // Written over, as the file is: two writes of one name at once end with one of the contents
    // (a delete then an insert let both inserts through to a duplicate key).
    await repo.upsert({ name, content, createdAt: new Date() }, { conflictPaths: ['name'] });
  }

  /** The whole file, or undefined when there is no such file. */
  async content(name: string): Promise<string | undefined> {
    return (await compiledFindOne(this.dataSource.getRepository(PanelTempFileEntity), { name }))?.content;
  }

  /** The file's first line, as `head -n1` reads it; undefined when there is no such file. */
  async firstLine(name: string): Promise<string | undefined> {
    const row = await compiledFindOne(this.dataSource.getRepository(PanelTempFileEntity), { name });
    return row?.content.split('\n')[0];
  }
}
