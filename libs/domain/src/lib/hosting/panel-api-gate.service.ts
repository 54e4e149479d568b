import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { SettingsService } from '../settings/settings.service';

/** The two ways Hestia's api/index.php is called: api_legacy (user/password, hash) and api_connection (access keys). */
export type PanelApiMode = 'legacy' | 'access_key';

/** Details.reason values the panel dialect renders specially. */
export const PANEL_GATE_REASONS = {
  /** api_legacy echoes its own line before api_error, so the body carries two messages. */
  legacyDisabled: 'panel_api_disabled_legacy',
  accessKeysDisabled: 'panel_api_system_disabled',
  ipNotAllowed: 'panel_api_ip_not_allowed',
} as const;

/**
 * get_real_user_ip: an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is compared as its IPv4 part.
 * Hestia's test is literal: it starts with ":" and has a "." somewhere, then keeps what follows
 * the last ":".
 */
export function panelCallerIp(ip: string): string {
  return ip.startsWith(':') && ip.indexOf('.') > 0 ? ip.slice(ip.lastIndexOf(':') + 1) : ip;
}

/**
 * API_ALLOWED_IP as Hestia reads it: `explode(",")` with no trimming and an empty entry appended,
 * then an exact in_array. Access-key mode also lets a literal 0.0.0.0 entry admit everyone.
 */
export function panelIpAllowed(setting: string, callerIp: string, mode: PanelApiMode): boolean {
  if (setting === 'allow-all') return true;
  const list = [...setting.split(','), ''];
  return list.includes(panelCallerIp(callerIp)) || (mode === 'access_key' && list.includes('0.0.0.0'));
}

/** API_SYSTEM as api_connection reads it: a non-numeric or empty value counts as 0 (disabled). */
export function apiSystemLevel(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : 0;
}

/**
 * The server settings that gate the Hestia API (hestia.conf API, API_SYSTEM, API_ALLOWED_IP), checked
 * in api/index.php's order before any credential is looked at, so a refused caller costs no login
 * attempt. The operator changes them through the gateway's settings (panel.api, panel.api_system,
 * panel.api_allowed_ip).
 */
@Injectable()
export class PanelApiGateService {
  constructor(private readonly settings: SettingsService) {}

  async admit(mode: PanelApiMode, callerIp: string): Promise<void> {
    // One read of the settings table for all three, as api/index.php reads hestia.conf once.
    const values = new Map((await this.settings.list()).map((s) => [s.key, s.value]));
    const setting = (key: string): string => values.get(key) ?? '';
    if (mode === 'legacy') {
      if (setting('panel.api') !== 'yes') {
        throw new DomainError(DomainErrorCode.Disabled, 'API has been disabled', { reason: PANEL_GATE_REASONS.legacyDisabled });
      }
    } else if (apiSystemLevel(setting('panel.api_system')) === 0) {
      throw new DomainError(DomainErrorCode.Disabled, 'API has been disabled', { reason: PANEL_GATE_REASONS.accessKeysDisabled });
    }
    if (!panelIpAllowed(setting('panel.api_allowed_ip'), callerIp, mode)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'IP is not allowed to connect with API', { reason: PANEL_GATE_REASONS.ipNotAllowed, value: panelCallerIp(callerIp) });
    }
  }

  /** API_SYSTEM: 0 no access keys, 1 the admin's only, 2 every user's. */
  async accessKeyLevel(): Promise<number> {
    return apiSystemLevel(await this.settings.get('panel.api_system'));
  }
}
