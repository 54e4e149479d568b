import { asDomainError, DomainError, DomainErrorCode, isDomainError, RefusedValueError } from './domain-error';

describe('DomainError', () => {
  it('builds the messages the panel prints verbatim', () => {
    expect(DomainError.notFound('user', 'alice').message).toBe("user alice doesn't exist");
    expect(DomainError.exists('web domain', 'example.com').message).toBe('web domain example.com already exists');
    expect(DomainError.invalid('email', 'x').message).toBe('invalid email format :: x');
  });

  it('carries a code and the field at fault', () => {
    const e = DomainError.missing('username');
    expect(e.code).toBe(DomainErrorCode.MissingField);
    expect(e.details.field).toBe('username');
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('asDomainError: a domain error as it is, a value the database refused as invalid input, anything else not at all', () => {
    const own = DomainError.missing('username');
    expect(asDomainError(own)).toBe(own);
    const queryFailed = (code: unknown): Error => Object.assign(new Error('value "99999999999" is out of range for type integer'), { name: 'QueryFailedError', driverError: { code } });
    for (const code of ['22003', '22021', '22P02', '22001']) {
      const refused = asDomainError(queryFailed(code));
      expect(refused).toBeInstanceOf(RefusedValueError);
      // The SQLSTATE is kept for the log; the value (in the driver's message) is not repeated.
      expect({ code: refused?.code, sqlstate: (refused as RefusedValueError).sqlstate, message: refused?.message }).toEqual({
        code: DomainErrorCode.InvalidField,
        sqlstate: code,
        message: 'A value given is out of range or not valid.',
      });
    }
    // A constraint, a lost connection, another class or shape of code, another kind of error: not the client's value.
    for (const other of [queryFailed('23505'), queryFailed('08006'), queryFailed('2200'), queryFailed(22003), new Error('22003'), Object.assign(new TypeError('x'), { driverError: { code: '22003' } })]) {
      expect(asDomainError(other)).toBeUndefined();
    }
    expect(asDomainError('22003')).toBeUndefined();
  });
});
