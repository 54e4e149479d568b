import { ConfigValidationError, loadConfig } from './hostgate-config';

describe('loadConfig', () => {
  it('starts with no configuration at all', () => {
    const c = loadConfig({}, '/srv/hostgate');
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('/srv/hostgate/data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.upstreams).toEqual({});
    expect(c.panelListenPort).toBeUndefined();
    expect(c.sqliteSynchronous).toBe('full');
  });

  it('lets the operator trade SQLite commit durability for speed, and refuses other values', () => {
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'NORMAL' }, '/').sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' }, '/')).toThrow('SQLITE_SYNCHRONOUS must be one of full, normal');
  });

  it('reads forward-mode upstreams per dialect', () => {
    const c = loadConfig({ UPSTREAM_PANEL_URL: 'http://panel:3000', PORT: '8080' }, '/');
    expect(c.upstreams.panel?.host).toBe('panel:3000');
    expect(c.upstreams.billing).toBeUndefined();
    expect(c.port).toBe(8080);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', UPSTREAM_BILLING_URL: 'not a url', TLS_CERT_FILE: 'c.pem' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect([...(error as ConfigValidationError).problems].sort()).toEqual([
      'DATABASE_URL must use postgres: or postgresql:, got "mysql:"',
      'PORT must be a TCP port (0-65535), got "eighty"',
      'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
      'UPSTREAM_BILLING_URL is not a valid URL',
    ]);
  });
});
