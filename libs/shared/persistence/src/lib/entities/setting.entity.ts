import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Operator settings and server-generated secrets, shared by every process on the database. */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @UpdateDateColumn()
  updatedAt: Date;
}
