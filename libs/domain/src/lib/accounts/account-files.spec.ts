import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { accountHome, AccountFilesService, webDomainDirectory } from './account-files';

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
});
