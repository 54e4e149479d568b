import { DomainError, DomainErrorCode, isDomainError } from './domain-error';

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
});
