/** A passport strategy (what `passport.use(name, strategy)` registers). */
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
 * Runs a passport strategy on one request, as passport.authenticate does for a single strategy
 * without sessions: an instance made from the strategy gets the success/fail/pass/error actions and
 * authenticates the request. Answers the user, or false when the strategy failed or passed; an error
 * rejects. What this leaves out, passport's per-request session helpers (req.login, req.logout,
 * req.isAuthenticated, ...) and strategy chains, is never used by a session-less API, and those
 * helpers cost about as much as the rest of an authenticated read.
 *
 * The strategy is given, not looked up by name: passport's registry is one per process, so two apps
 * started in one process (tests of several replicas on one database) would run each other's.
 */
export function runStrategy(prototype: object, req: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const strategy = Object.create(prototype) as RegisteredStrategy & StrategyActions;
    const name = (prototype as { name?: unknown }).name;
    strategy.success = (user) => resolve(user);
    strategy.fail = () => resolve(false);
    strategy.pass = () => resolve(false);
    strategy.error = (err) => reject(err);
    strategy.redirect = () => reject(new Error(`authentication strategy "${String(name)}" asked for a redirect`));
    strategy.authenticate(req, { session: false });
  });
}
