import { type GeneratedClient, generateClient, type GeneratedFetchClient, type GeneratedResult, loadClient } from './generated-client';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

type Format = 'json' | 'xml' | 'php';
interface BlestaError {
  message: string;
  errors?: Record<string, Record<string, string>>;
  response: unknown;
}
/** The operations this test calls, as @hey-api/openapi-ts names them from the registry's operationIds. */
interface Ops {
  clientsCreate(o: { path: { format: Format }; body: { vars: Record<string, unknown> } }): Promise<GeneratedResult<{ response: { id: string; email: string } }>>;
  clientsGet(o: { path: { format: Format }; query: { client_id: number } }): Promise<GeneratedResult<{ response: Record<string, unknown> | false }>>;
  invoicesAdd(o: { path: { format: Format }; body: { vars: Record<string, unknown> } }): Promise<GeneratedResult<{ response: string }>>;
  invoicesGet(o: { path: { format: Format }; query: { invoice_id: number } }): Promise<GeneratedResult<{ response: Record<string, unknown> }>>;
  usersGet(o: { path: { format: Format }; query: { user_id: number } }): Promise<GeneratedResult<{ response: unknown }>>;
}

/** An integrator's view: a client generated from /openapi/billing.json, unmodified, against the running server. */
describe('billing: a client generated from /openapi/billing.json calls the running server', () => {
  let gw: TestGateway;
  let generated: GeneratedClient;
  let sdk: Ops;
  let client: GeneratedFetchClient;

  beforeAll(async () => {
    gw = await startTestGateway();
    generated = generateClient('billing', JSON.parse((await call(`${gw.url}/openapi/billing.json`)).body));
    ({ sdk, client } = await loadClient<Ops>(generated));
    client.setConfig({ baseUrl: gw.url, headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
  });
  afterAll(async () => {
    generated.dispose();
    await gw.close();
  });

  it('clients/create then clients/get; a missing client is {"response": false}', async () => {
    const created = await sdk.clientsCreate({
      path: { format: 'json' },
      body: { vars: { username: 'sdk-ann', new_password: 'secret-1', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', settings: { language: 'en_us' } } },
    });
    expect(created.response.status).toBe(200);
    const id = created.data?.response.id ?? '';
    expect(id).toMatch(/^\d+$/);
    const got = await sdk.clientsGet({ path: { format: 'json' }, query: { client_id: Number(id) } });
    expect(got.response.status).toBe(200);
    expect(got.data?.response).toMatchObject({ id, first_name: 'Ann', email: 'ann@example.com', username: 'sdk-ann' });
    const missing = await sdk.clientsGet({ path: { format: 'json' }, query: { client_id: 999 } });
    expect(missing.data).toEqual({ response: false });
  });

  it('invoices/add with nested lines as a JSON body, then invoices/get', async () => {
    const added = await sdk.invoicesAdd({
      path: { format: 'json' },
      body: { vars: { client_id: '1', date_billed: '2025-01-01T00:00:00Z', date_due: '2025-01-15T00:00:00Z', currency: 'USD', lines: [{ description: 'Hosting', amount: '5.99', qty: '2' }], delivery: ['email'] } },
    });
    expect(added.response.status).toBe(200);
    const got = await sdk.invoicesGet({ path: { format: 'json' }, query: { invoice_id: Number(added.data?.response) } });
    expect(got.data?.response).toMatchObject({ client_id: '1', subtotal: '11.9800', total: '11.9800', due: '11.9800', delivery: [expect.objectContaining({ method: 'email' })] });
  });

  it('an error response arrives as the documented BlestaError', async () => {
    const bad = await sdk.clientsCreate({ path: { format: 'json' }, body: { vars: { username: 'sdk-ann', email: 'nope' } } });
    expect(bad.response.status).toBe(400);
    expect(bad.data).toBeUndefined();
    const error = bad.error as BlestaError;
    expect(error.message).toBe('The request cannot be fulfilled due to bad syntax.');
    expect(Object.keys(error.errors ?? {})).toEqual(expect.arrayContaining(['first_name', 'last_name', 'email', 'username', 'new_password']));

    client.setConfig({ headers: { authorization: basic(CREDS.billingUser, 'wrong-key') } });
    try {
      const denied = await sdk.usersGet({ path: { format: 'json' }, query: { user_id: 1 } });
      expect(denied.response.status).toBe(401);
      expect(denied.error).toEqual({ message: 'The authorization details given appear to be invalid.', errors: { user: { valid: 'The API user or key appears to be invalid.' } }, response: null });
    } finally {
      client.setConfig({ headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
    }
  });
});
