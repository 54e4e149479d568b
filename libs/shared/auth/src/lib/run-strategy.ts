import passport from 'passport';

/** A strategy as passport registers it (`passport.use(name, strategy)`). */
interface RegisteredStrategy {
  authenticate(req: object, options: object): void;
}

/** The actions passport gives a strategy instance for one request. */
interface StrategyActions {
  success(user: unknown): void;
  fail(): void;
  pass(): void;
  error(err: unknown): void;
  redirect(): void;
}

/**
 * Runs the passport strategy registered under `name` on one request, as passport.authenticate does
 * for a single strategy without sessions: an instance made from the registered strategy gets the
 * success/fail/pass/error actions and authenticates the request. Answers the user, or false when the
 * strategy failed or passed; an error rejects. What this leaves out, passport's per-request session
 * helpers (req.login, req.logout, req.isAuthenticated, ...) and strategy chains, is never used by a
 * session-less API, and those helpers cost about as much as the rest of an authenticated read.
 */
export function runStrategy(name: string, req: object): Promise<unknown> {
  const prototype = (passport as unknown as { _strategy(name: string): RegisteredStrategy | undefined })._strategy(name);
  if (!prototype) return Promise.reject(new Error(`Unknown authentication strategy "${name}"`));
  return new Promise((resolve, reject) => {
    const strategy = Object.create(prototype) as RegisteredStrategy & StrategyActions;
    strategy.success = (user) => resolve(user);
    strategy.fail = () => resolve(false);
    strategy.pass = () => resolve(false);
    strategy.error = (err) => reject(err);
    strategy.redirect = () => reject(new Error(`authentication strategy "${name}" asked for a redirect`));
    strategy.authenticate(req, { session: false });
  });
}
