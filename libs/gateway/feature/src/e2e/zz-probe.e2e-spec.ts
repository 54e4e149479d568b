import { basic, CREDS, startTestGateway, type TestGateway } from './test-gateway';
jest.setTimeout(120000);
it('probe', async () => {
  const gw: TestGateway = await startTestGateway();
  const fastify = gw.app.getHttpAdapter().getInstance();
  const auth = basic(CREDS.billingUser, CREDS.billingKey);
  await fastify.inject({ method: 'POST', url: '/billing/api/clients/create.json', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'vars[username]=bc&vars[new_password]=bench-secret-1&vars[first_name]=B&vars[last_name]=C&vars[email]=b@example.com&vars[country]=US' });
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['health', () => fastify.inject({ method: 'GET', url: '/health' })],
    ['401', () => fastify.inject({ method: 'GET', url: '/billing/api/users/get.json?user_id=1' })],
    ['users/get', () => fastify.inject({ method: 'GET', url: '/billing/api/users/get.json?user_id=1', headers: { authorization: auth } })],
    ['clients/get', () => fastify.inject({ method: 'GET', url: '/billing/api/clients/get.json?client_id=1', headers: { authorization: auth } })],
    ['v-list-user', () => fastify.inject({ method: 'POST', url: '/panel/api/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `user=admin&password=${CREDS.panelPassword}&cmd=v-list-user&arg1=admin&arg2=json` })],
  ];
  const only = process.env.PROBE_ONLY;
  for (const [name, fn] of cases) {
    if (only && only !== name) continue;
    for (let i = 0; i < 2000; i++) await fn();
    const n = Number(process.env.PROBE_N ?? 20000);
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    console.log(name, (Number(process.hrtime.bigint() - t) / n / 1000).toFixed(1), 'us/req');
  }
  const r = await fastify.inject({ method: 'GET', url: '/billing/api/users/get.json?user_id=1', headers: { authorization: auth } });
  expect(r.statusCode).toBe(200);
  await gw.close();
});
