/** A service whose method (public or private) is to be interleaved with. */
type Interleaved = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function interleave<R>(target: object, method: string, when: 'before' | 'after', meanwhile: () => Promise<unknown>, request: () => Promise<R>): Promise<R> {
  const subject = target as Interleaved;
  const real = subject[method].bind(target);
  const spy = jest.spyOn(subject, method).mockImplementationOnce(async (...args: unknown[]) => {
    if (when === 'before') await meanwhile();
    const result = await real(...args);
    if (when === 'after') await meanwhile();
    return result;
  });
  try {
    return await request();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Runs `request` with `meanwhile` run right after the service's `method` has read its row and
 * before the request writes: the real read, then the real concurrent change, then the real write
 * (an interleaving, not a stub). Only the first call of `method` is interleaved.
 */
export function afterRead<R>(service: object, method: string, meanwhile: () => Promise<unknown>, request: () => Promise<R>): Promise<R> {
  return interleave(service, method, 'after', meanwhile, request);
}

/** Runs `request` with `meanwhile` run right before its first call of `method` (a transaction opening, say). */
export function beforeCall<R>(target: object, method: string, meanwhile: () => Promise<unknown>, request: () => Promise<R>): Promise<R> {
  return interleave(target, method, 'before', meanwhile, request);
}
