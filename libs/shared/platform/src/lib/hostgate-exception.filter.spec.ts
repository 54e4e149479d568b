import { NotFoundException } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type DialectErrorRenderer, DialectResponse, DomainError, DomainErrorCode, TransportFailureError } from '@hostgate/shared/errors';
import { DialectRouter, type DialectRegistration } from './dialect-registration';
import { renderError } from './hostgate-exception.filter';

const renderer: DialectErrorRenderer = {
  dialect: 'toy',
  renderDomainError: (e) => ({ status: 418, contentType: 'text/plain', body: `domain:${e.code}` }),
  renderFailure: (f) => ({ status: f === 'internal' ? 500 : 404, contentType: 'text/plain', body: `failure:${f}` }),
};
const toy = { name: 'billing', prefix: 'toy', module: class {}, renderer, openApi: { title: '', description: '', version: '' } } as DialectRegistration;
const router = new DialectRouter([toy]);

function req(url: string) {
  const logged: unknown[] = [];
  const warned: unknown[] = [];
  const request = { method: 'GET', url, id: 'rid-1', body: undefined, log: { error: (obj: unknown) => logged.push(obj), warn: (obj: unknown) => warned.push(obj) } } as unknown as FastifyRequest;
  return { request, logged, warned };
}

describe('renderError', () => {
  it('lets the owning dialect render domain errors and transport failures', () => {
    expect(renderError(router, new DomainError(DomainErrorCode.NotFound, 'x'), req('/toy/a').request).body).toBe('domain:not_found');
    expect(renderError(router, new NotFoundException(), req('/toy/nowhere').request).body).toBe('failure:route_not_found');
    expect(renderError(router, new TransportFailureError('upstream_timeout'), req('/toy/a').request).body).toBe('failure:upstream_timeout');
  });

  it('answers an unknown error as the dialect’s 500, logged with the request, never with a stack', () => {
    const { request, logged } = req('/toy/a?password=secret');
    const r = renderError(router, new TypeError('boom at /srv/app.js:1'), request);
    expect(r).toEqual({ status: 500, contentType: 'text/plain', body: 'failure:internal' });
    expect(logged).toHaveLength(1);
  });

  it('answers with the gateway’s own 500 when the dialect’s renderer itself fails, so no request hangs', () => {
    const broken: DialectErrorRenderer = {
      dialect: 'broken',
      renderDomainError: () => {
        throw new URIError('URI malformed');
      },
      renderFailure: () => {
        throw new URIError('URI malformed');
      },
    };
    const brokenRouter = new DialectRouter([{ ...toy, prefix: 'broken', renderer: broken }]);
    const { request, logged } = req('/broken/%ZZ');
    const r = renderError(brokenRouter, new NotFoundException(), request);
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', requestId: 'rid-1' });
    expect(logged).toHaveLength(1);
  });

  it('answers a value PostgreSQL refuses (SQLSTATE class 22) as the dialect’s invalid input, logged as a warning without the value', () => {
    const refused = (code: string): Error => Object.assign(new Error('value "99999999999" is out of range for type integer'), { name: 'QueryFailedError', driverError: { code } });
    for (const code of ['22003', '22021', '22P02', '22001']) {
      const { request, logged, warned } = req('/toy/a');
      expect(renderError(router, refused(code), request).body).toBe('domain:invalid_field');
      expect({ logged, warned }).toEqual({ logged: [], warned: [{ sqlstate: code }] });
    }
    // Any other database error (a constraint, a lost connection) stays an internal one.
    const { request, logged } = req('/toy/a');
    expect(renderError(router, refused('23505'), request).body).toBe('failure:internal');
    expect(logged).toHaveLength(1);
  });

  it('passes an exact dialect response through', () => {
    const exact = { status: 415, contentType: 'application/json', body: '{}' };
    expect(renderError(router, new DialectResponse(exact), req('/toy/a').request)).toBe(exact);
  });

  it('answers paths no dialect owns in the gateway’s JSON shape', () => {
    const r = renderError(router, new NotFoundException(), req('/elsewhere').request);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: 'rid-1' });
    const crash = renderError(router, new Error('secret detail'), req('/elsewhere').request);
    expect(crash.status).toBe(500);
    expect(crash.body).not.toContain('secret detail');
  });
});
