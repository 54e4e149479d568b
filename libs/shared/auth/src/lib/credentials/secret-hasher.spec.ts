import { randomString, safeEqual, SecretHasher } from './secret-hasher';

describe('SecretHasher', () => {
  const hasher = new SecretHasher();
  hasher.useKey(Buffer.from('k'.repeat(32)));

  it('hashes passwords with a fresh salt and verifies them', async () => {
    const a = await hasher.hashPassword('s3cret');
    const b = await hasher.hashPassword('s3cret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(await hasher.verifyPassword('s3cret', a)).toBe(true);
    expect(await hasher.verifyPassword('s3creT', a)).toBe(false);
    expect(await hasher.verifyPassword('s3cret', 'garbage')).toBe(false);
  });

  it('keys the hash of API keys so a stolen table cannot be matched offline without the key', () => {
    const other = new SecretHasher();
    other.useKey(Buffer.from('o'.repeat(32)));
    expect(hasher.keyed('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.keyed('abc')).not.toBe(other.keyed('abc'));
  });

  it('digests cache keys with the server key: stable, different per value and per key, never the value itself', () => {
    const other = new SecretHasher();
    other.useKey(Buffer.from('o'.repeat(32)));
    expect(hasher.cacheDigest('abc')).toBe(hasher.cacheDigest('abc'));
    expect(hasher.cacheDigest('abc')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(hasher.cacheDigest('abc')).not.toBe(hasher.cacheDigest('abd'));
    expect(hasher.cacheDigest('abc')).not.toBe(other.cacheDigest('abc'));
    expect(hasher.cacheDigest('abc')).not.toBe(hasher.keyed('abc'));
    expect(() => new SecretHasher().cacheDigest('abc')).toThrow(/before its key was loaded/);
  });

  it('compares in constant time, including different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('makes random strings over the given alphabet', () => {
    expect(randomString(40)).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(randomString(8, 'ab')).toMatch(/^[ab]{8}$/);
  });
});
