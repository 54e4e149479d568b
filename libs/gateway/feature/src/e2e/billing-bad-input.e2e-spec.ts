import { request } from 'node:http';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

const AUTH = basic(CREDS.billingUser, CREDS.billingKey);
const NOT_FOUND = { message: 'The requested resource does not exist.', response: null };

/** Sends the path byte for byte (fetch would resolve "../" before sending it). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers: { authorization: AUTH } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('billing (Blesta): more bad input, each answered in the dialect envelope', () => {
  let gw: TestGateway;
  const json = (path: string, body: unknown) =>
    call(`${gw.url}/billing/api/${path}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    gw = await startTestGateway({ BODY_LIMIT_BYTES: '65536' });
  });
  afterAll(() => gw.close());

  it('a literal ../ is not resolved: Blesta’s router reads ".." as the model, and "api" (no format) as the method: 415', async () => {
    const r = await rawGet(gw.url, '/billing/api/../api/users/get.json?user_id=1');
    expect(r.status).toBe(415);
    expect(JSON.parse(r.body)).toEqual({ message: 'The format requested is not supported by the server.', response: null });
  });

  it.each([
    '/billing/api/../../etc/passwd/get.json',
    '/billing/api/..%2f..%2fusers/get.json?user_id=1',
    '/billing/api/%2e%2e/get.json',
    '/billing/api/%2e%2e%2fusers/get.json?user_id=1',
    '/billing/api/users%2fget.json?user_id=1',
    '/billing/api/..%5cusers/get.json?user_id=1',
    '/billing/api/users%00/get.json?user_id=1',
    `/billing/api/${'a'.repeat(2000)}/get.json`,
  ])('path trick %s never reaches a model: a Blesta 404', async (path) => {
    const r = await rawGet(gw.url, path);
    expect({ status: r.status, body: JSON.parse(r.body) as unknown }).toEqual({ status: 404, body: NOT_FOUND });
  });

  it('a path trick asked for as xml or php is still a 404 (unknown model, known format)', async () => {
    const xml = await rawGet(gw.url, '/billing/api/%2e%2e%2fusers/get.xml?user_id=1');
    expect(xml.status).toBe(404);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8" \?>\n<[^>]*>\n\t<message>The requested resource does not exist.<\/message>/);
    const php = await rawGet(gw.url, '/billing/api/..%2fusers/get.php?user_id=1');
    expect(php.status).toBe(404);
    expect(php.body).toBe('a:2:{s:7:"message";s:38:"The requested resource does not exist.";s:8:"response";N;}');
  });

  it('wrong types in a JSON body: a string for an array parameter is PHP’s TypeError (500), an object for an id is (int) 0', async () => {
    const typeError = await json('clients/create.json', { vars: 'not an array' });
    expect(typeError.status).toBe(500);
    expect(JSON.parse(typeError.body)).toEqual({ message: 'An unexpected error occured.', response: 'Clients::create(): Argument #1 ($vars) must be of type array, string given' });
    const objectId = await json('users/get.xml', { user_id: { nested: 1 } });
    expect(objectId.status).toBe(200);
    expect(objectId.body).toBe('<?xml version="1.0" encoding="UTF-8" ?>\n<users>\n\t<response />\n</users>');
    const numbers = await json('invoices/add.php', { vars: { client_id: 99, date_billed: 20250101, date_due: true, currency: 840, lines: 'x' } });
    expect(numbers.status).toBe(400);
    expect(numbers.body).toContain('s:9:"client_id";a:1:{s:6:"exists";');
    expect(numbers.body).toContain('s:5:"lines";a:1:{s:6:"format";');
  });

  it('more than 1000 form variables: PHP keeps the first 1001 of a body, so a parameter after them is unset', async () => {
    const filler = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&');
    const r = await call(`${gw.url}/billing/api/encryption/systemEncrypt.json`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${filler}&value=late`,
    });
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' });
    const early = await call(`${gw.url}/billing/api/encryption/systemEncrypt.json`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: `value=early&${filler}`,
    });
    expect(early.status).toBe(200);
  });

  it('a body over the limit asked for as php is the php 400 envelope', async () => {
    const r = await call(`${gw.url}/billing/api/users/add.php`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: `vars[username]=${'x'.repeat(70_000)}`,
    });
    expect(r.status).toBe(400);
    expect(r.body).toBe('a:2:{s:7:"message";s:50:"The request cannot be fulfilled due to bad syntax.";s:8:"response";N;}');
  });
});
