import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A file written by Hestia's v-make-tmp-file, so a later command can take a secret as `<TMP>/name`
 * instead of an argument. Kept in the database so the next call may land on another replica.
 */
@Entity('panel_temp_files')
export class PanelTempFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text' })
  content: string;

  @CreateDateColumn()
  createdAt: Date;
}
