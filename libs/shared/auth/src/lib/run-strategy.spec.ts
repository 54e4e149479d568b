import { Strategy as CustomStrategy } from 'passport-custom';
import { runStrategy } from './run-strategy';

/** A strategy that answers through the action named in the request (as a real one decides from headers). */
class ScriptedStrategy {
  readonly name = 'run-strategy-scripted';
  authenticate(this: ScriptedStrategy & Record<string, (arg?: unknown) => void>, req: { act: string; arg?: unknown }): void {
    if (req.act === 'throw') throw new Error('thrown inside authenticate');
    this[req.act](req.arg);
  }
}

describe('runStrategy', () => {
  const scripted = new ScriptedStrategy();
  const custom = new CustomStrategy((req, done) => {
    const { user } = req as unknown as { user?: string };
    setImmediate(() => (user ? done(null, { name: user }) : done(null, false)));
  });

  it('answers the user on success and false when the strategy fails or passes', async () => {
    await expect(runStrategy(scripted, { act: 'success', arg: { id: 7 } })).resolves.toEqual({ id: 7 });
    await expect(runStrategy(scripted, { act: 'fail' })).resolves.toBe(false);
    await expect(runStrategy(scripted, { act: 'pass' })).resolves.toBe(false);
  });

  it('rejects with the strategy’s own error, a thrown one and a redirect', async () => {
    const own = new Error('store down');
    await expect(runStrategy(scripted, { act: 'error', arg: own })).rejects.toBe(own);
    await expect(runStrategy(scripted, { act: 'throw' })).rejects.toThrow('thrown inside authenticate');
    await expect(runStrategy(scripted, { act: 'redirect' })).rejects.toThrow('authentication strategy "run-strategy-scripted" asked for a redirect');
  });

  it('runs a passport-custom strategy, each request on its own instance, and adds nothing to the request', async () => {
    const a = { user: 'ann' };
    const b = { user: 'bob' };
    const none = {};
    const [ua, ub, un] = await Promise.all([runStrategy(custom, a), runStrategy(custom, b), runStrategy(custom, none)]);
    expect([ua, ub, un]).toEqual([{ name: 'ann' }, { name: 'bob' }, false]);
    // passport.authenticate would have added login, logout, isAuthenticated, ... to each request.
    expect(Object.keys(a)).toEqual(['user']);
    expect(Object.keys(none)).toEqual([]);
  });
});
