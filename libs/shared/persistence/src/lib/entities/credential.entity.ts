import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CREDENTIAL_KINDS = [
  'admin_token',
  'billing_api_key',
  'panel_api_key',
  'panel_access_key',
  'project_password',
  'installer_key',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * One secret a client may present. The secret itself is never stored: `secretHash` is a keyed
 * SHA-256 for high-entropy keys or scrypt for human passwords, and `lookupHash` (keyed SHA-256)
 * lets a key be found without knowing who presents it.
 */
@Entity('credentials')
@Index(['kind', 'identifier'])
export class CredentialEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  kind: CredentialKind;

  /** Who presents it: API user, panel user, access key id, admin user name, or a key label. */
  @Column({ type: 'varchar', length: 128 })
  identifier: string;

  @Column({ type: 'varchar', length: 255 })
  secretHash: string;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  lookupHash: string | null;

  /** Billing API keys belong to a company and see only its data. */
  @Column({ type: 'integer', nullable: true })
  companyId: number | null;

  /** Panel keys act as this hosting account (the admin account for full-admin keys). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  owner: string | null;

  /** JSON array of permission profiles, e.g. ["billing"]; empty for full access. */
  @Column({ type: 'text', default: '[]' })
  permissions: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  comment: string;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}
