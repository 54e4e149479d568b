/** Hestia's exit codes (func/main.sh) — clients branch on these numbers. */
export enum HestiaExit {
  OK = 0,
  E_ARGS = 1,
  E_INVALID = 2,
  E_NOTEXIST = 3,
  E_EXISTS = 4,
  E_SUSPENDED = 5,
  E_UNSUSPENDED = 6,
  E_INUSE = 7,
  E_LIMIT = 8,
  E_PASSWORD = 9,
  E_FORBIDDEN = 10,
  E_DISABLED = 11,
  E_PARSING = 12,
  E_DISK = 13,
  E_LA = 14,
  E_CONNECT = 15,
  E_FTP = 16,
  E_DB = 17,
  E_RRD = 18,
  E_UPDATE = 19,
  E_RESTART = 20,
  E_API_DISABLED = 21,
}

/** helpers.php exit_code_to_http_code; codes >= 100 are already HTTP statuses. */
export function hestiaHttpStatus(code: number): number {
  if (code >= 100) return code;
  switch (code) {
    case 0:
      return 200;
    case 1:
      return 400;
    case 2:
      return 422;
    case 5:
    case 6:
    case 9:
    case 10:
    case 21:
      return 401;
    default:
      return 400;
  }
}
