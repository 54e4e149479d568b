/** One operator setting: its key in the settings table, the value used while unset, and what it accepts. */
export interface OperatorSetting {
  readonly key: string;
  readonly description: string;
  readonly defaultValue: string;
  /** The accepted values, or a check returning the problem with a value (undefined when valid). */
  readonly values: readonly string[] | ((value: string) => string | undefined);
  /** The stored form of an accepted value, where the product reads it more strictly than people write it. */
  readonly normalize?: (value: string) => string;
}

const yesNo = ['yes', 'no'] as const;

const ipList = (value: string): string | undefined => {
  if (value === 'allow-all') return undefined;
  const bad = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .filter((ip) => !/^[0-9a-fA-F:.]+$/.test(ip));
  return bad.length > 0 ? `not IP addresses: ${bad.join(', ')}` : undefined;
};

/**
 * Every setting an operator may change through the admin API or the CLI. Settings live in the
 * database, so a change takes effect in every process and replica that shares it.
 */
export const OPERATOR_SETTINGS: readonly OperatorSetting[] = [
  { key: 'billing.maintenance', description: 'Billing API maintenance mode: every call answers 503.', defaultValue: 'no', values: yesNo },
  { key: 'panel.api', description: "Hestia's API setting: legacy (user/password and hash) calls are refused when not yes.", defaultValue: 'yes', values: yesNo },
  {
    key: 'panel.api_system',
    description: "Hestia's API_SYSTEM: 0 access keys disabled, 1 enabled for the admin, 2 enabled for every user.",
    defaultValue: '1',
    values: ['0', '1', '2'],
  },
  {
    key: 'panel.api_allowed_ip',
    description: "Hestia's API_ALLOWED_IP: allow-all, or a comma-separated list of caller IP addresses.",
    defaultValue: 'allow-all',
    values: ipList,
    // Hestia splits the list on commas without trimming, so "a, b" would never admit b.
    normalize: (value) => (value === 'allow-all' ? value : value.split(/[\s,]+/).filter(Boolean).join(',')),
  },
  { key: 'project.api_active', description: 'wbTeamPro "API Active": calls are refused when no.', defaultValue: 'yes', values: yesNo },
];

const BY_KEY: ReadonlyMap<string, OperatorSetting> = new Map(OPERATOR_SETTINGS.map((s) => [s.key, s]));

export function findOperatorSetting(key: string): OperatorSetting | undefined {
  return BY_KEY.get(key);
}

/** The problem with a value for a setting, or undefined when it is accepted. */
export function checkOperatorSetting(setting: OperatorSetting, value: string): string | undefined {
  if (typeof setting.values === 'function') return setting.values(value);
  return setting.values.includes(value) ? undefined : `must be one of ${setting.values.join(', ')}`;
}
