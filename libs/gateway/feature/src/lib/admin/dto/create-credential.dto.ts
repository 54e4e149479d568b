import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { CREDENTIAL_KINDS, type CredentialKind } from '@hostgate/shared/persistence';

export class CreateCredentialDto {
  @ApiProperty({ enum: CREDENTIAL_KINDS, description: 'Which dialect credential to create' })
  @IsIn(CREDENTIAL_KINDS)
  kind: CredentialKind;

  @ApiPropertyOptional({ description: 'API user, admin user, access key id or key label; generated where the product generates it' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  identifier?: string;

  @ApiPropertyOptional({ description: 'The secret to store (hashed); generated when absent and shown once' })
  @IsOptional()
  @IsString()
  @Length(6, 256)
  secret?: string;

  @ApiPropertyOptional({ description: 'Billing API keys: the company whose data the key sees', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  companyId?: number;

  @ApiPropertyOptional({ description: 'Panel keys: the hosting account the key acts as' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  owner?: string;

  @ApiPropertyOptional({ type: [String], description: 'Panel access keys: permission profiles, e.g. ["billing"]; empty = full admin' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  permissions?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 255)
  comment?: string;
}

export class SetPanelPasswordDto {
  @ApiProperty({ minLength: 6 })
  @IsString()
  @Length(6, 256)
  password: string;
}

export class SetSettingDto {
  @ApiProperty({ description: 'The new value; each setting lists what it accepts', maxLength: 4096 })
  @IsString()
  @Length(0, 4096)
  value: string;
}
