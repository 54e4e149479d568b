/**
 * Hestia's API permission profiles (data/api/*): which commands an access key may run, and whether
 * the profile is for the admin only. A ROOT_USER key with no profile may run every command.
 */
export interface ApiProfile {
  readonly role: 'admin' | 'user';
  readonly commands: readonly string[];
}

export const API_PROFILES: Readonly<Record<string, ApiProfile>> = {
  // install/common/api/billing, as shipped: what WHMCS/Blesta provisioning modules call.
  billing: {
    role: 'admin',
    commands: [
      'v-add-user',
      'v-delete-user',
      'v-suspend-user',
      'v-unsuspend-user',
      'v-change-user-shell',
      'v-list-user',
      'v-list-users',
      'v-make-tmp-file',
      'v-add-domain',
      'v-change-user-package',
      'v-change-user-password',
    ],
  },
  // A user's own mailboxes (the Roundcube password plugin uses this).
  'mail-accounts': {
    role: 'user',
    commands: ['v-list-mail-domains', 'v-list-mail-accounts', 'v-add-mail-account', 'v-delete-mail-account', 'v-change-mail-account-password'],
  },
  // A user's own zone records (dynamic-DNS style clients).
  'update-dns-records': {
    role: 'user',
    commands: ['v-list-dns-domains', 'v-list-dns-records', 'v-add-dns-record', 'v-delete-dns-record'],
  },
};

/** Whether a key with these profiles may run `cmd`; no profile means everything, for an admin key only. */
export function keyMayRun(permissions: readonly string[], isAdmin: boolean, cmd: string): boolean {
  if (permissions.length === 0) return isAdmin;
  return permissions.some((p) => API_PROFILES[p]?.commands.includes(cmd) ?? false);
}

/** Position of USER in a script's options line (Hestia compares that argument with the key's owner). */
export function userArgIndex(options: string): number {
  return options.split(' ').indexOf('USER');
}
