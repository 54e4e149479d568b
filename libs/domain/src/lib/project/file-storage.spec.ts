import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskFileStorage, newStorageKey, safeFileName } from './file-storage';

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\doc.txt', 'doc.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['.env', 'env'],
    ['a\u0000b\nc"<>|?*.txt', 'a_b_c______.txt'],
    ['résumé ✓.txt', 'résumé ✓.txt'],
  ])('%j is stored as %j', (given, stored) => expect(safeFileName(given)).toBe(stored));

  it('caps the length at 255 characters', () => expect(safeFileName('x'.repeat(400))).toHaveLength(255));
});

describe('DiskFileStorage', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'hostgate-files-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads and deletes bytes under generated keys only', async () => {
    const storage = new DiskFileStorage(root);
    const key = newStorageKey();
    const bytes = Buffer.from([0, 255, 10, 13]);
    await storage.put(key, bytes);
    expect(await storage.get(key)).toEqual(bytes);
    expect(readdirSync(join(root, key.slice(0, 2)))).toEqual([key]);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
  });

  it('never turns something other than a key into a path', async () => {
    const storage = new DiskFileStorage(root);
    await expect(storage.put('../../escape', Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(storage.get('ab/../../etc/passwd')).rejects.toThrow('invalid storage key');
  });
});
