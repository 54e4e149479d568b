import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HostgateConfig } from '@hostgate/shared/config';
import { ApplicationCatalog, compareVersions, parseApplication } from './application-catalog';

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('6.10', '6.9')).toBeGreaterThan(0);
    expect(compareVersions('6.7.1', '6.7.1')).toBe(0);
    expect(compareVersions('6.7', '6.7.0')).toBe(0);
    expect(compareVersions('3.10.12', '4.4.9')).toBeLessThan(0);
  });
});

describe('parseApplication', () => {
  const minimal = { id: 'acme', versions: [{ version: '1.0' }, { version: '1.10', branch: 'current' }] };

  it('fills defaults and sorts versions newest first', () => {
    const app = parseApplication(minimal, 'test');
    expect(app).toMatchObject({ id: 'acme', name: 'acme', database: true, sso: false, config_file: 'config.php', languages: ['en'] });
    expect(app.versions.map((v) => v.version)).toEqual(['1.10', '1.0']);
  });

  it('names the problem of a bad entry', () => {
    expect(() => parseApplication({ ...minimal, id: 'Bad Id' }, 'f.json')).toThrow(/f.json: id/);
    expect(() => parseApplication({ ...minimal, versions: [] }, 'f.json')).toThrow(/versions must not be empty/);
    expect(() => parseApplication({ ...minimal, versions: [{ version: 'one' }] }, 'f.json')).toThrow(/dotted digits/);
    expect(() => parseApplication({ ...minimal, config_file: '../../etc/passwd' }, 'f.json')).toThrow(/config_file/);
    expect(() => parseApplication({ ...minimal, fields: [{ id: 'x', type: 'color' }] }, 'f.json')).toThrow(/field type/);
  });
});

describe('ApplicationCatalog', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'catalog-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds operator files from DATA_DIR/installer/catalog, later ones replacing built-ins, broken ones skipped', () => {
    const catalogDir = join(dir, 'installer', 'catalog');
    mkdirSync(catalogDir, { recursive: true });
    writeFileSync(join(catalogDir, 'a.json'), JSON.stringify({ id: 'wordpress', name: 'WordPress (pinned)', versions: [{ version: '6.0' }] }));
    writeFileSync(join(catalogDir, 'b.json'), JSON.stringify([{ id: 'extra', versions: [{ version: '2' }] }]));
    writeFileSync(join(catalogDir, 'c.json'), '{');
    const catalog = new ApplicationCatalog({ dataDir: dir } as HostgateConfig);
    expect(catalog.get('wordpress')).toMatchObject({ name: 'WordPress (pinned)', versions: [expect.objectContaining({ version: '6.0' })] });
    expect(catalog.find('extra')).toBeDefined();
    expect(catalog.find('joomla')).toBeDefined();
    expect(() => catalog.get('missing')).toThrow(expect.objectContaining({ code: 'not_found', details: expect.objectContaining({ entity: 'application' }) }));
  });
});
