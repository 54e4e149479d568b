import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('client_settings')
export class ClientSettingEntity {
  @PrimaryColumn({ type: 'integer' })
  clientId: number;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
