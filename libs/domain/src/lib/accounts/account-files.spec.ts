import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { accountHome, AccountFilesService, REMOVAL_DIR, webDomainDirectory } from './account-files';

describe('account files', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hostgate-home-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('puts a home under DATA_DIR/home and refuses names that are not one path segment', () => {
    expect(accountHome(dataDir, 'alice')).toBe(join(dataDir, 'home', 'alice'));
    for (const bad of ['', '.', '..', 'a/b', '../x', 'a\\\\b']) expect(() => accountHome(dataDir, bad)).toThrow('not an account name');
  });

  it('puts a web domain in its home and refuses domains that are not one path segment', () => {
    expect(webDomainDirectory(dataDir, 'alice', 'a.example')).toBe(join(dataDir, 'home', 'alice', 'web', 'a.example'));
    for (const bad of ['', '.', '..', 'a/b', '../x']) expect(() => webDomainDirectory(dataDir, 'alice', bad)).toThrow('not a domain name');
  });

  it("removes the account's home and its archives, and nobody else's files", async () => {
    const write = (...parts: string[]) => {
      mkdirSync(join(dataDir, ...parts.slice(0, -1)), { recursive: true });
      writeFileSync(join(dataDir, ...parts), 'x');
    };
    write('home', 'alice', 'web', 'a.example', 'public_html', 'index.php');
    write('home', 'bob', 'web', 'b.example', 'public_html', 'index.php');
    write('installer', 'backups', 'wp-1', 'index.php');
    write('installer', 'backups', 'wp-2', 'index.php');
    await new AccountFilesService({ dataDir }).remove('alice', ['installer/backups/wp-1']);
    expect(['home/alice', 'home/bob/web/b.example/public_html/index.php', 'installer/backups/wp-1', 'installer/backups/wp-2/index.php'].map((p) => existsSync(join(dataDir, p)))).toEqual([false, true, false, true]);
  });

  it('logs what it cannot remove instead of failing the delete that already happened', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    await expect(new AccountFilesService({ dataDir }).remove('carol', ['../outside'])).resolves.toBeUndefined();
    spy.mockRestore();
    expect(errors).toEqual([expect.stringContaining('files of deleted account carol left behind: path escapes')]);
  });

  it('moves a home aside before removing it: an account of the same name made meanwhile keeps its files', async () => {
    mkdirSync(join(dataDir, 'home', 'dave', 'web', 'old.example', 'public_html'), { recursive: true });
    writeFileSync(join(dataDir, 'home', 'dave', 'web', 'old.example', 'public_html', 'index.php'), 'old');
    // The module object the service calls into (a namespace import could not be spied on).
    const fsPromises = jest.requireActual<typeof FsPromises>('node:fs/promises');
    const realRm = fsPromises.rm;
    // The moment between the rows' commit and the removal of the files: a new dave writes his home.
    const rm = jest.spyOn(fsPromises, 'rm').mockImplementation(async (path, options) => {
      mkdirSync(join(dataDir, 'home', 'dave', 'web', 'new.example'), { recursive: true });
      writeFileSync(join(dataDir, 'home', 'dave', 'web', 'new.example', 'index.php'), 'new');
      return realRm(path, options);
    });
    try {
      await new AccountFilesService({ dataDir }).remove('dave', []);
    } finally {
      rm.mockRestore();
    }
    expect(readdirSync(join(dataDir, 'home', 'dave', 'web'))).toEqual(['new.example']);
    expect(readdirSync(join(dataDir, REMOVAL_DIR))).toEqual([]);
  });

  it('finishes at start what a stop left half removed, and nothing else', async () => {
    mkdirSync(join(dataDir, REMOVAL_DIR, 'erin-0123456789ab', 'web'), { recursive: true });
    writeFileSync(join(dataDir, REMOVAL_DIR, 'erin-0123456789ab', 'web', 'index.php'), 'x');
    mkdirSync(join(dataDir, 'home', 'frank'), { recursive: true });
    await new AccountFilesService({ dataDir }).onModuleInit();
    expect({ removing: readdirSync(join(dataDir, REMOVAL_DIR)), home: readdirSync(join(dataDir, 'home')) }).toEqual({ removing: [], home: ['frank'] });
    // A data directory that never removed anything is fine too.
    await expect(new AccountFilesService({ dataDir: join(dataDir, 'fresh') }).onModuleInit()).resolves.toBeUndefined();
  });
});
