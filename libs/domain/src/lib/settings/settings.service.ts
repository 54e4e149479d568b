import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFind, compiledFindOne, SettingEntity } from '@hostgate/shared/persistence';
import { checkOperatorSetting, findOperatorSetting, OPERATOR_SETTINGS } from './operator-settings';

export interface SettingValue {
  readonly key: string;
  readonly value: string;
  readonly isDefault: boolean;
  readonly description: string;
}

/**
 * Operator settings, read from the database on every use (one primary-key lookup) so a change made
 * through any replica applies everywhere at once.
 */
@Injectable()
export class SettingsService {
  constructor(@InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>) {}

  async get(key: string): Promise<string> {
    const setting = findOperatorSetting(key);
    if (!setting) throw new Error(`unknown operator setting ${key}`);
    const row = await compiledFindOne(this.settings, { key }, { select: ['key', 'value'] });
    return row?.value ?? setting.defaultValue;
  }

  async list(): Promise<SettingValue[]> {
    const rows = new Map((await compiledFind(this.settings, {}, { select: ['key', 'value'] })).map((r) => [r.key, r.value]));
    return OPERATOR_SETTINGS.map((s) => ({ key: s.key, value: rows.get(s.key) ?? s.defaultValue, isDefault: !rows.has(s.key), description: s.description }));
  }

  async set(key: string, value: string): Promise<SettingValue> {
    const setting = findOperatorSetting(key);
    if (!setting) throw new DomainError(DomainErrorCode.NotFound, `no setting named ${key}`, { field: 'key' });
    const problem = checkOperatorSetting(setting, value);
    if (problem) throw new DomainError(DomainErrorCode.InvalidField, `${key} ${problem}`, { field: 'value', reason: 'invalid' });
    const stored = setting.normalize ? setting.normalize(value) : value;
    await this.settings.upsert({ key, value: stored }, ['key']);
    return { key, value: stored, isDefault: false, description: setting.description };
  }

  /** Back to the default value. */
  async reset(key: string): Promise<SettingValue> {
    const setting = findOperatorSetting(key);
    if (!setting) throw new DomainError(DomainErrorCode.NotFound, `no setting named ${key}`, { field: 'key' });
    await this.settings.delete({ key });
    return { key, value: setting.defaultValue, isDefault: true, description: setting.description };
  }
}
