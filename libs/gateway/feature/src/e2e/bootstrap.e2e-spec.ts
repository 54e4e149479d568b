import { DataSource } from 'typeorm';
import { AccountsService } from '@hostgate/domain';
import { CredentialBootstrapService } from '@hostgate/shared/auth';
import { AccountEntity, CredentialEntity, SettingEntity } from '@hostgate/shared/persistence';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

describe('first-start bootstrap', () => {
  let gw: TestGateway;
  let ds: DataSource;

  beforeAll(async () => {
    gw = await startTestGateway();
    ds = gw.app.get(DataSource);
  });
  afterAll(() => gw.close());

  it('a bootstrap that fails halfway leaves nothing, not even its claim, so the next start makes everything', async () => {
    // The database as a first start finds it: no credentials, no claim, no panel administrator.
    await ds.getRepository(CredentialEntity).clear();
    await ds.getRepository(SettingEntity).delete({ key: 'bootstrap_claimed_at' });
    await ds.getRepository(AccountEntity).delete({ username: CREDS.panelUser });
    const bootstrap = gw.app.get(CredentialBootstrapService);
    // The last part (the panel administrator's account) fails, after every credential was made.
    const failing = jest.spyOn(gw.app.get(AccountsService), 'createIn').mockRejectedValueOnce(new Error('disk full'));
    await expect(bootstrap.run()).rejects.toThrow('disk full');
    expect(failing).toHaveBeenCalledTimes(1);
    failing.mockRestore();
    expect({
      credentials: await ds.getRepository(CredentialEntity).count(),
      claim: await ds.getRepository(SettingEntity).existsBy({ key: 'bootstrap_claimed_at' }),
    }).toEqual({ credentials: 0, claim: false });

    expect(await bootstrap.run()).toEqual({ generated: {} });
    expect((await ds.getRepository(CredentialEntity).find({ order: { id: 'ASC' } })).map((c) => c.kind)).toEqual(['admin_token', 'billing_api_key', 'project_password', 'installer_key']);
    expect(await ds.getRepository(AccountEntity).existsBy({ username: CREDS.panelUser })).toBe(true);
    // What it made works, and a later start leaves it alone.
    const billing = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
    expect(billing.status).toBe(200);
    expect((await call(`${gw.url}/admin/credentials`, { headers: { authorization: `Bearer ${CREDS.adminToken}` } })).status).toBe(200);
    expect(await bootstrap.run()).toBeUndefined();
    expect(await ds.getRepository(CredentialEntity).count()).toBe(4);
  });
});
