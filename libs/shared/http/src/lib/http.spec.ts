import Fastify from 'fastify';
import { formBodyText, parsePhpForm, registerBodyParsers } from './body-parsers';
import { redactUrl } from './log-redaction';
import { requestIdFor } from './request-id';

describe('parsePhpForm', () => {
  it('nests brackets the way PHP builds $_POST', () => {
    expect(parsePhpForm('vars%5Blines%5D%5B0%5D%5Bamount%5D=5.99&vars[first_name]=Ann&order_by[date_added]=desc')).toEqual({
      vars: { lines: [{ amount: '5.99' }], first_name: 'Ann' },
      order_by: { date_added: 'desc' },
    });
  });

  it('keeps the last of repeated keys and never pollutes prototypes', () => {
    const parsed = parsePhpForm('a=1&a=2&__proto__[x]=1');
    expect(parsed['a']).toBe('2');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('registerBodyParsers', () => {
  it('parses a urlencoded body, or keeps only its text for the URLs formAsText names', async () => {
    const app = Fastify();
    registerBodyParsers(app, { formAsText: (url) => url.startsWith('/text') });
    const answer = (body: unknown) => ({ keys: Object.keys(body as object), text: formBodyText(body) ?? null });
    app.post('/parsed', async (req) => answer(req.body));
    app.post('/text', async (req) => answer(req.body));
    const form = 'vars%5Blines%5D%5B0%5D%5Bamount%5D=5.99&x=1';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    try {
      const parsed = await app.inject({ method: 'POST', url: '/parsed', headers, payload: form });
      expect(parsed.json()).toEqual({ keys: ['vars', 'x'], text: form });
      const text = await app.inject({ method: 'POST', url: '/text', headers, payload: form });
      expect(text.json()).toEqual({ keys: [], text: form });
    } finally {
      await app.close();
    }
  });
});

describe('requestIdFor', () => {
  it('keeps a sane caller id and replaces anything else', () => {
    expect(requestIdFor({ headers: { 'x-request-id': 'abc-123' } })).toBe('abc-123');
    expect(requestIdFor({ headers: { 'x-request-id': 'bad id\n' } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor({ headers: {} })).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('redactUrl', () => {
  it('masks secret-bearing query values but keeps the rest', () => {
    expect(redactUrl('/project/api.php?action=v1.api.resources.json&username=admin&password=0cc175b9')).toBe(
      '/project/api.php?action=v1.api.resources.json&username=admin&password=%5BREDACTED%5D',
    );
    expect(redactUrl('/billing/api/users/get.json')).toBe('/billing/api/users/get.json');
  });
});
