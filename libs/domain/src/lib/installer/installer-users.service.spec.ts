import { desiredDomains } from './installer-users.service';

describe('desiredDomains', () => {
  it('takes the label as the domain and other vhost hosts as aliases', () => {
    const d = desiredDomains([{ label: 'website.com', vhosts: { 'http://website.com': '', 'https://www.website.com': '' } }, { vhosts: ['http://shop.website.com/'] }]);
    expect([...d]).toEqual([
      ['website.com', ['www.website.com']],
      ['shop.website.com', []],
    ]);
  });

  it('leaves aliases to the panel’s default when no vhosts are given', () => {
    expect([...desiredDomains([{ label: 'WWW.Example.com' }])]).toEqual([['example.com', undefined]]);
  });

  it('refuses a website without a usable domain', () => {
    expect(() => desiredDomains([{}])).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'websites' }) }));
    expect(() => desiredDomains([{ label: 'not a domain' }])).toThrow();
  });
});
