import passport from 'passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { runStrategy as runOn, strategyNamed } from './run-strategy';

const runStrategy = (name: string, req: object): Promise<unknown> => runOn(strategyNamed(name), req);

/** A strategy that answers through the action named in the request (as a real one decides from headers). */
class ScriptedStrategy {
  readonly name = 'run-strategy-scripted';
  authenticate(this: ScriptedStrategy & Record<string, (arg?: unknown) => void>, req: { act: string; arg?: unknown }): void {
    if (req.act === 'throw') throw new Error('thrown inside authenticate');
    this[req.act](req.arg);
  }
}

describe('runStrategy', () => {
  beforeAll(() => {
    passport.use(new ScriptedStrategy() as unknown as passport.Strategy);
    passport.use(
      'run-strategy-custom',
      // passport-custom brings its own copy of the express types, which passport's do not accept.
      new CustomStrategy((req, done) => {
        const { user } = req as unknown as { user?: string };
        setImmediate(() => (user ? done(null, { name: user }) : done(null, false)));
      }) as unknown as passport.Strategy,
    );
  });
  afterAll(() => {
    passport.unuse('run-strategy-scripted');
    passport.unuse('run-strategy-custom');
  });

  it('answers the user on success and false when the strategy fails or passes', async () => {
    await expect(runStrategy('run-strategy-scripted', { act: 'success', arg: { id: 7 } })).resolves.toEqual({ id: 7 });
    await expect(runStrategy('run-strategy-scripted', { act: 'fail' })).resolves.toBe(false);
    await expect(runStrategy('run-strategy-scripted', { act: 'pass' })).resolves.toBe(false);
  });

  it('rejects with the strategy’s own error, a thrown one, a redirect and an unknown strategy', async () => {
    const own = new Error('store down');
    await expect(runStrategy('run-strategy-scripted', { act: 'error', arg: own })).rejects.toBe(own);
    await expect(runStrategy('run-strategy-scripted', { act: 'throw' })).rejects.toThrow('thrown inside authenticate');
    await expect(runStrategy('run-strategy-scripted', { act: 'redirect' })).rejects.toThrow('asked for a redirect');
    expect(() => strategyNamed('no-such-strategy')).toThrow('Unknown authentication strategy "no-such-strategy"');
  });

  it('runs a passport-custom strategy, each request on its own instance, and adds nothing to the request', async () => {
    const a = { user: 'ann' };
    const b = { user: 'bob' };
    const none = {};
    const [ua, ub, un] = await Promise.all([runStrategy('run-strategy-custom', a), runStrategy('run-strategy-custom', b), runStrategy('run-strategy-custom', none)]);
    expect([ua, ub, un]).toEqual([{ name: 'ann' }, { name: 'bob' }, false]);
    // passport.authenticate would have added login, logout, isAuthenticated, ... to each request.
    expect(Object.keys(a)).toEqual(['user']);
    expect(Object.keys(none)).toEqual([]);
  });
});
