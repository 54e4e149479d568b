import { type DnsDomainWithRecords, type MailDomainWithAccounts } from '@hostgate/domain';
import { type DnsRecordEntity, type HostedDatabaseEntity, type MailAccountEntity, type WebDomainEntity } from '@hostgate/shared/persistence';
import { keys, type ListRecord, type ListSpec } from './list-format';
import { hestiaDate, hestiaTime } from './users.format';

const stamp = (d: Date): { TIME: string; DATE: string } => ({ TIME: hestiaTime(new Date(d)), DATE: hestiaDate(new Date(d)) });
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** Extensions Hestia's nginx proxy serves itself by default (PROXY_EXT). */
const PROXY_EXT = 'css,htm,html,js,json,xml,apng,avif,bmp,cur,gif,ico,jfif,jpg,jpeg,pjp,pjpeg,png,svg,tif,tiff,webp,aac,caf,flac,m4a,midi,mp3,ogg,opus,wav,3gp,av1,avi,m4v,mkv,mov,mpg,mpeg,mp4,mp4v,webm,otf,ttf,woff,woff2,doc,docx,odf,odp,ods,odt,pdf,ppt,pptx,rtf,txt,xls,xlsx,7z,bz2,gz,rar,tar,tgz,zip,apk,appx,bin,dmg,exe,img,iso,jar,msi';

export function webDomainRecord(username: string, d: WebDomainEntity): ListRecord {
  return {
    DOMAIN: d.domain,
    IP: d.ip,
    IP6: '',
    DOCUMENT_ROOT: `/home/${username}/web/${d.domain}/public_html/`,
    U_DISK: '0',
    U_BANDWIDTH: '0',
    TPL: 'default',
    ALIAS: d.aliases,
    STATS: '',
    STATS_USER: '',
    SSL: yesNo(d.ssl),
    SSL_FORCE: 'no',
    SSL_HSTS: 'no',
    SSL_HOME: 'same',
    LETSENCRYPT: yesNo(d.letsencrypt),
    FTP_USER: '',
    FTP_PATH: '',
    AUTH_USER: '',
    BACKEND: 'default',
    PROXY: 'default',
    PROXY_EXT,
    FASTCGI_CACHE: '',
    FASTCGI_DURATION: '',
    REDIRECT: '',
    REDIRECT_CODE: '',
    CUSTOM_DOCROOT: '',
    SUSPENDED: yesNo(d.suspended),
    ...stamp(d.createdAt),
  };
}

const WEB_LIST_KEYS = keys('IP IP6 DOCUMENT_ROOT U_DISK U_BANDWIDTH TPL ALIAS STATS STATS_USER SSL SSL_HOME LETSENCRYPT FTP_USER FTP_PATH AUTH_USER BACKEND PROXY PROXY_EXT SUSPENDED TIME DATE');

export const WEB_DOMAINS_SPEC: ListSpec = {
  json: WEB_LIST_KEYS,
  plain: keys('DOMAIN IP IP6 U_DISK U_BANDWIDTH TPL ALIAS STATS STATS_USER SSL SSL_HOME LETSENCRYPT FTP_USER FTP_PATH AUTH_USER BACKEND PROXY PROXY_EXT SUSPENDED TIME DATE'),
  csv: keys('DOMAIN IP IP6 U_DISK U_BANDWIDTH TPL ALIAS STATS STATS_USER SSL SSL_HOME LETSENCRYPT FTP_USER FTP_PATH AUTH_USER BACKEND PROXY PROXY_EXT SUSPENDED TIME DATE'),
  csvQuoted: new Set(['ALIAS', 'STATS_USER', 'FTP_USER', 'FTP_PATH', 'AUTH_USER', 'PROXY_EXT']),
  shell: {
    header: keys('DOMAIN IP TPL SSL DISK BW SPND DATE'),
    dashes: keys('------ -- --- --- ---- -- ---- -----'),
    row: (r) => keys('DOMAIN IP TPL SSL U_DISK U_BANDWIDTH SUSPENDED DATE').map((k) => r[k] ?? ''),
  },
};

/**
 * v-list-web-domain adds the SSL/cache/redirect settings; SSL_FORCE really is printed twice (a
 * duplicate JSON key, which decoders resolve to the last value). Where the newer fields sit among
 * the older ones is inferred from the current field list.
 */
export const WEB_DOMAIN_JSON = keys(
  'IP IP6 DOCUMENT_ROOT U_DISK U_BANDWIDTH TPL ALIAS STATS STATS_USER SSL SSL_FORCE SSL_FORCE SSL_HSTS SSL_HOME LETSENCRYPT FTP_USER FTP_PATH AUTH_USER BACKEND PROXY PROXY_EXT FASTCGI_CACHE FASTCGI_DURATION REDIRECT REDIRECT_CODE CUSTOM_DOCROOT SUSPENDED TIME DATE',
);

/** v-list-web-domain's shell format: `LABEL:` lines, optional ones (SSL, LETSENCRYPT) only when set. */
export function webDomainShell(r: ListRecord): string {
  const ssl = r['SSL'] === 'yes';
  const lines = [
    ['DOMAIN:         ', r['DOMAIN']],
    ['ALIAS:          ', (r['ALIAS'] ?? '').replace(/,/g, ' ')],
    ['IP:             ', r['IP']],
    ...(ssl ? [['SSL:            ', `${r['SSL'] ?? ''} / ${r['SSL_HOME'] ?? ''}`]] : []),
    ...(ssl && r['LETSENCRYPT'] === 'yes' ? [['LETSENCRYPT:    ', r['LETSENCRYPT']]] : []),
    ['TEMPLATE:       ', r['TPL']],
    ['BACKEND:        ', r['BACKEND']],
    ['PROXY:          ', r['PROXY']],
    ['PROXY EXT:      ', (r['PROXY_EXT'] ?? '').replace(/,/g, ' ')],
    ['DISK:           ', r['U_DISK']],
    ['BW:             ', r['U_BANDWIDTH']],
    ['SUSPENDED:      ', r['SUSPENDED']],
    ['TIME:           ', r['TIME']],
    ['DATE:           ', r['DATE']],
  ];
  return lines.map(([label, value]) => `${label}${value ?? ''}`).join('\n');
}

export function dnsDomainRecord(z: DnsDomainWithRecords): ListRecord {
  const d = z.zone;
  const created = new Date(d.createdAt);
  return {
    DOMAIN: d.domain,
    IP: d.ip,
    TPL: d.template,
    TTL: String(d.ttl),
    // A zone is registered for a year; the serial is the creation date plus a sequence, as bind wants.
    EXP: hestiaDate(new Date(created.getTime() + 365 * 86_400_000)),
    SOA: d.ns.split(',')[0] ?? '',
    SERIAL: `${hestiaDate(created).replace(/-/g, '')}01`,
    DNSSEC: yesNo(d.dnssec),
    SRC: '',
    RECORDS: String(z.records),
    SUSPENDED: yesNo(d.suspended),
    ...stamp(d.createdAt),
  };
}

export const DNS_DOMAINS_SPEC: ListSpec = {
  json: keys('IP TPL TTL EXP SOA SERIAL DNSSEC SRC RECORDS SUSPENDED TIME DATE'),
  plain: keys('DOMAIN IP TPL TTL EXP SOA SERIAL DNSSEC SRC RECORDS SUSPENDED TIME DATE'),
  csv: keys('DOMAIN IP TPL TTL EXP SOA SERIAL DNSSEC SRC RECORDS SUSPENDED TIME DATE'),
  shell: {
    header: keys('DOMAIN IP TPL TTL REC SPND DATE'),
    dashes: keys('------ -- --- --- --- ---- ----'),
    row: (r) => keys('DOMAIN IP TPL TTL RECORDS SUSPENDED DATE').map((k) => r[k] ?? ''),
  },
};

export function dnsRecordRecord(r: DnsRecordEntity): ListRecord {
  return {
    ID: String(r.recordId),
    RECORD: r.record,
    TYPE: r.type,
    PRIORITY: r.priority,
    VALUE: r.value,
    SUSPENDED: yesNo(r.suspended),
    ...stamp(r.createdAt),
    TTL: String(r.ttl),
  };
}

export const DNS_RECORDS_SPEC: ListSpec = {
  json: keys('RECORD TYPE PRIORITY VALUE ID SUSPENDED TIME DATE TTL'),
  plain: keys('ID RECORD TYPE PRIORITY VALUE SUSPENDED TIME DATE TTL'),
  csv: keys('ID RECORD TYPE PRIORITY VALUE SUSPENDED TIME DATE TTL'),
  csvQuoted: new Set(['VALUE']),
  shell: {
    header: keys('ID RECORD TYPE VALUE DATE'),
    dashes: keys('-- ------ ---- ----- ----'),
    caretSeparated: true,
    // Long values (DKIM, SPF) are cut to 30 characters so the table stays readable.
    row: (r) => [r['ID'] ?? '', r['RECORD'] ?? '', r['TYPE'] ?? '', (r['VALUE'] ?? '').slice(0, 30), r['DATE'] ?? ''],
  },
};

export function mailDomainRecord(m: MailDomainWithAccounts): ListRecord {
  const d = m.mailDomain;
  return {
    DOMAIN: d.domain,
    ANTIVIRUS: yesNo(d.antivirus),
    ANTISPAM: yesNo(d.antispam),
    REJECT: yesNo(d.rejectSpam),
    RATE_LIMIT: '',
    DKIM: yesNo(d.dkim),
    CATCHALL: '',
    ACCOUNTS: String(m.accounts),
    U_DISK: '0',
    SSL: yesNo(d.ssl),
    SUSPENDED: yesNo(d.suspended),
    ...stamp(d.createdAt),
    WEBMAIL_ALIAS: `webmail.${d.domain}`,
    WEBMAIL: 'roundcube',
  };
}

export const MAIL_DOMAINS_SPEC: ListSpec = {
  json: keys('ANTIVIRUS ANTISPAM REJECT RATE_LIMIT DKIM CATCHALL ACCOUNTS U_DISK SSL SUSPENDED TIME DATE WEBMAIL_ALIAS WEBMAIL'),
  plain: keys('DOMAIN ANTIVIRUS ANTISPAM REJECT RATE_LIMIT DKIM CATCHALL ACCOUNTS U_DISK SSL SUSPENDED TIME DATE'),
  csv: keys('DOMAIN ANTIVIRUS ANTISPAM REJECT RATE_LIMIT DKIM CATCHALL ACCOUNTS U_DISK SSL SUSPENDED TIME DATE'),
  shell: {
    header: keys('DOMAIN ANTIVIRUS ANTISPAM DKIM SSL SPND DATE'),
    dashes: keys('------ --------- -------- ---- --- ---- ----'),
    row: (r) => keys('DOMAIN ANTIVIRUS ANTISPAM DKIM SSL SUSPENDED DATE').map((k) => r[k] ?? ''),
  },
};

export function mailAccountRecord(a: MailAccountEntity): ListRecord {
  return { ACCOUNT: a.account, ALIAS: '', FWD: '', FWD_ONLY: '', AUTOREPLY: 'no', QUOTA: a.quota, U_DISK: '0', SUSPENDED: yesNo(a.suspended), ...stamp(a.createdAt) };
}

export const MAIL_ACCOUNTS_SPEC: ListSpec = {
  json: keys('ALIAS FWD FWD_ONLY AUTOREPLY QUOTA U_DISK SUSPENDED TIME DATE'),
  plain: keys('ACCOUNT ALIAS FWD FWD_ONLY AUTOREPLY QUOTA U_DISK SUSPENDED TIME DATE'),
  csv: keys('ACCOUNT ALIAS FWD FWD_ONLY AUTOREPLY QUOTA U_DISK SUSPENDED TIME DATE'),
  csvQuoted: new Set(['ALIAS', 'FWD']),
  shell: {
    header: keys('ACCOUNT ALIAS FWD DISK SPND DATE'),
    dashes: keys('------- ----- --- ---- ---- ----'),
    row: (r) => keys('ACCOUNT ALIAS FWD U_DISK SUSPENDED DATE').map((k) => r[k] ?? ''),
  },
};

export function databaseRecord(d: HostedDatabaseEntity): ListRecord {
  return { DATABASE: d.name, DBUSER: d.dbUser, HOST: d.host, TYPE: d.type, CHARSET: d.charset, U_DISK: '0', SUSPENDED: yesNo(d.suspended), ...stamp(d.createdAt) };
}

export const DATABASES_SPEC: ListSpec = {
  json: keys('DATABASE DBUSER HOST TYPE CHARSET U_DISK SUSPENDED TIME DATE'),
  plain: keys('DATABASE DBUSER HOST TYPE CHARSET U_DISK SUSPENDED TIME DATE'),
  csv: keys('DATABASE DBUSER HOST TYPE CHARSET U_DISK SUSPENDED TIME DATE'),
  shell: {
    header: keys('DATABASE USER HOST TYPE DISK SPND DATE'),
    dashes: keys('-------- ---- ---- ---- ---- ---- ----'),
    row: (r) => keys('DATABASE DBUSER HOST TYPE U_DISK SUSPENDED DATE').map((k) => r[k] ?? ''),
  },
};
