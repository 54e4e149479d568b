import { type DomainErrorCode } from '@hostgate/shared/errors';
import { settleTimes } from './project-timelogs.service';

const at = (s: string) => new Date(`${s}Z`);
const now = at('2026-03-01T12:00:00');

describe('settleTimes: start, finish and duration always agree', () => {
  it('derives the duration from start and finish, and the finish from start and duration', () => {
    expect(settleTimes(undefined, { dateStart: at('2026-03-01T09:00:00'), dateFinish: at('2026-03-01T09:30:00') }, now)).toEqual({ dateStart: at('2026-03-01T09:00:00'), dateFinish: at('2026-03-01T09:30:00'), duration: 1800, status: 'complete' });
    expect(settleTimes(undefined, { dateStart: at('2026-03-01T09:00:00'), duration: 90 }, now)).toMatchObject({ dateFinish: at('2026-03-01T09:01:30'), status: 'complete' });
  });

  it('a log without finish or duration is a running timer; status complete stops it now', () => {
    const running = settleTimes(undefined, { dateStart: at('2026-03-01T11:00:00') }, now);
    expect(running).toEqual({ dateStart: at('2026-03-01T11:00:00'), dateFinish: null, duration: 0, status: 'active' });
    expect(settleTimes(running, { status: 'complete' }, now)).toMatchObject({ dateFinish: now, duration: 3600, status: 'complete' });
  });

  it('moving the start of a complete log keeps its duration', () => {
    const log = { dateStart: at('2026-03-01T09:00:00'), dateFinish: at('2026-03-01T10:00:00'), duration: 3600, status: 'complete' };
    expect(settleTimes(log, { dateStart: at('2026-03-01T10:00:00') }, now)).toMatchObject({ dateFinish: at('2026-03-01T11:00:00'), duration: 3600 });
    expect(settleTimes(log, { dateFinish: null }, now)).toMatchObject({ dateFinish: null, duration: 0, status: 'active' });
  });

  it('refuses contradictions: a finish before the start, a duration that does not match, a status that does not fit', () => {
    const fails = (patch: Parameters<typeof settleTimes>[1]) => {
      try {
        settleTimes(undefined, { dateStart: at('2026-03-01T09:00:00'), ...patch }, now);
      } catch (e) {
        return (e as { code: DomainErrorCode; details: { field: string } }).details.field;
      }
      return 'accepted';
    };
    expect(fails({ dateFinish: at('2026-03-01T08:00:00') })).toBe('dateFinish');
    expect(fails({ dateFinish: at('2026-03-01T10:00:00'), duration: 5 })).toBe('duration');
    expect(fails({ duration: -1 })).toBe('duration');
    expect(fails({ duration: 1.5 })).toBe('duration');
    expect(fails({ duration: 60, status: 'active' })).toBe('status');
  });
});
