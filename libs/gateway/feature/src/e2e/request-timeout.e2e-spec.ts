import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { startTestGateway, type TestGateway } from './test-gateway';

/**
 * A client that sends its headers and part of a body, then nothing more, must not hold its
 * connection for ever: after REQUEST_TIMEOUT_MS the gateway answers 408 and closes it, on the main
 * port and on the panel's TLS listener alike.
 */
describe('a stalled request', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ REQUEST_TIMEOUT_MS: '1000', PANEL_LISTEN_PORT: '0' });
  });
  afterAll(() => gw.close());

  /** Sends a request whose body stops after 3 of 100 bytes; answers what came back once the server closed. */
  function stall(socket: Socket, path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nabc`);
    });
  }

  it('is answered 408 and closed on the main port', async () => {
    const url = new URL(gw.url);
    const answer = await stall(connectTcp(Number(url.port), url.hostname), '/billing/api/users/add.json');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('is answered 408 and closed on the panel listener', async () => {
    const url = new URL(gw.panelUrl ?? '');
    const answer = await stall(connectTls({ port: Number(url.port), host: url.hostname, rejectUnauthorized: false }), '/api/');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('leaves a request that arrives in time alone', async () => {
    const r = await fetch(`${gw.url}/health`);
    expect(r.status).toBe(200);
  });
});
