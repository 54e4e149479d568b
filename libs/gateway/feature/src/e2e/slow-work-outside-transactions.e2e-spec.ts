import { CredentialService, SecretHasher } from '@hostgate/shared/auth';
import { DataSource } from 'typeorm';
import { md5, startTestGateway, type TestGateway } from './test-gateway';

/**
 * On SQLite every request shares one connection: a transaction left open across real asynchronous
 * work (a password's scrypt) takes in other requests' writes, and rolls them back with its own. So
 * slow hashing must finish before a transaction begins.
 */
describe('slow work happens outside transactions', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('a project password credential is hashed (scrypt) before its transaction opens, and the stored hash verifies', async () => {
    const dataSource = gw.app.get(DataSource);
    const hasher = gw.app.get(SecretHasher);
    const events: string[] = [];
    let open = 0;
    const transaction = dataSource.transaction.bind(dataSource) as (run: (tx: unknown) => Promise<unknown>) => Promise<unknown>;
    const txSpy = jest.spyOn(dataSource, 'transaction').mockImplementation((async (run: (tx: unknown) => Promise<unknown>) => {
      open += 1;
      events.push('transaction');
      try {
        return await transaction(run);
      } finally {
        open -= 1;
      }
    }) as never);
    const hashPassword = hasher.hashPassword.bind(hasher);
    const hashSpy = jest.spyOn(hasher, 'hashPassword').mockImplementation(async (password: string) => {
      events.push(open > 0 ? 'hash inside a transaction' : 'hash');
      return hashPassword(password);
    });
    try {
      const created = await gw.app.get(CredentialService).create({ kind: 'project_password', identifier: 'slow-hash-check', secret: 'Slow-Hash-Passw0rd' });
      expect(created.credential.identifier).toBe('slow-hash-check');
      expect(events).toEqual(['hash', 'transaction']);
    } finally {
      txSpy.mockRestore();
      hashSpy.mockRestore();
    }
    // Project clients send MD5(password); the stored scrypt hash, computed before the transaction, verifies it.
    const credentials = gw.app.get(CredentialService);
    expect((await credentials.verifyPair('project_password', 'slow-hash-check', md5('Slow-Hash-Passw0rd')))?.identifier).toBe('slow-hash-check');
    expect(await credentials.verifyPair('project_password', 'slow-hash-check', md5('wrong'))).toBeUndefined();
  });
});
