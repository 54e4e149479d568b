import { openTestDataSource, type TestDataSource } from '@hostgate/shared/persistence';
import { InstallLeases } from './install-leases';
import { InstallTurns } from './install-turns';

/** A promise the test settles by hand. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('InstallTurns', () => {
  let t: TestDataSource;
  beforeAll(async () => {
    t = await openTestDataSource();
  });
  afterAll(() => t?.close());
  const newTurns = (): InstallTurns => new InstallTurns(new InstallLeases(t.ds));

  it('runs one install\'s operations one after another, in arrival order', async () => {
    const turns = newTurns();
    const log: string[] = [];
    const first = gate();
    const a = turns.run('wp-1', async () => {
      log.push('a start');
      await first.wait;
      log.push('a end');
      return 'a';
    });
    const b = turns.run('wp-1', async () => {
      log.push('b');
      return 'b';
    });
    // The first takes the install's lease (a statement), then starts; the second waits its turn.
    while (log.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(turns.pending('wp-1')).toBe(2);
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('lets operations on different installs run side by side', async () => {
    const turns = newTurns();
    const held = gate();
    const slow = turns.run('wp-1', () => held.wait);
    // Resolves while wp-1's operation is still waiting on its gate.
    expect(await turns.run('jo-2', async () => 'other')).toBe('other');
    expect(turns.pending('wp-1')).toBe(1);
    held.open();
    await slow;
  });

  it('a failed operation answers its own caller and still ends its turn', async () => {
    const turns = newTurns();
    const failing = turns.run('wp-1', async () => {
      throw new Error('disk full');
    });
    const next = turns.run('wp-1', async () => 'ran');
    await expect(failing).rejects.toThrow('disk full');
    expect(await next).toBe('ran');
    await new Promise(setImmediate);
    expect(turns.pending('wp-1')).toBe(0);
  });
});
