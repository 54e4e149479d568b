import { installer } from './installer-client';
import { type TestGateway } from './test-gateway';

/** A user with the given websites, made through POST /users (which creates the hosting account). */
export async function userWithSites(gw: TestGateway, id: string, domains: readonly string[]): Promise<void> {
  const r = await installer(gw, 'POST', '/users', { id, email: `${id}@example.com`, websites: domains.map((label) => ({ label, vhosts: { [`http://${label}`]: '' } })) });
  if (r.status !== 200) throw new Error(`could not create ${id}: ${JSON.stringify(r.body)}`);
}

export const WP_FIELDS = { login: 'admin123', passwd: 'password123', email: 'admin@example.com', sitetitle: 'My Blog' } as const;
