import { locationKey, parseInstallUrl, safeJoin } from './install-location';

describe('parseInstallUrl', () => {
  it('normalises scheme, host case and slashes', () => {
    expect(parseInstallUrl('https://Website.COM/blog/')).toEqual({ url: 'https://website.com/blog', scheme: 'https', host: 'website.com', path: 'blog' });
    expect(parseInstallUrl('http://website.com')).toMatchObject({ url: 'http://website.com', path: '' });
    expect(parseInstallUrl('http://website.com//a//b/')).toMatchObject({ path: 'a/b' });
  });

  it('refuses anything that could leave the document root or is not a plain site URL', () => {
    for (const bad of ['https://website.com/../etc', 'https://website.com/a/%2e%2e/b', 'https://website.com/./a', 'ftp://website.com/', 'https://user:pw@website.com/', 'https://website.com:8080/', 'https://website.com/?a=1', 'https://website.com/#x', 'https://localhost/', 'https://1.2.3.4/', 'website.com/blog', '']) {
      expect(() => parseInstallUrl(bad)).toThrow(expect.objectContaining({ code: 'invalid_field', details: expect.objectContaining({ field: 'url' }) }));
    }
  });

  it('keys a location by domain and path only', () => {
    expect(locationKey('website.com', 'blog')).toBe('website.com/blog');
  });
});

describe('safeJoin', () => {
  it('joins below the root and refuses escapes', () => {
    expect(safeJoin('/data/home', 'u', 'web')).toBe('/data/home/u/web');
    expect(() => safeJoin('/data/home', '..', 'etc')).toThrow(/escapes/);
    expect(() => safeJoin('/data/home', '/etc/passwd')).toThrow(/escapes/);
    expect(() => safeJoin('/data/home', 'u/../../home2')).toThrow(/escapes/);
  });
});
