/**
 * An open-loop load at an even pace, for latency "at N requests per second": request i is issued at
 * start + i/N (a timer checks every millisecond and issues every request that is due), whatever
 * happened to earlier ones. At most `connections` keep-alive connections; a request issued while all
 * are busy waits for one, and that wait counts in its latency, so a server that stalls is charged
 * for the requests it holds up. Latency runs from the issue, not from the due time: the timer's own
 * lateness (up to about a millisecond) is the load generator's, not the server's. The generator
 * sleeps between ticks, leaving the CPU to the server (a busy loop took a whole core of the two).
 *
 * autocannon's fixed rate is another load: each connection sends its share of a second back to back
 * and then idles, so every second starts with `connections` requests in flight, which is its
 * max-throughput latency for part of each second.
 */
import { Agent, request } from 'node:http';

export interface PacedCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Called for every request before it goes out (a new domain name each time, say). */
  readonly setupRequest?: (request: { body?: string | Buffer }) => { body?: string | Buffer };
}

export interface PacedResult {
  /** Latency of each 2xx response, in ms, from its issue. */
  readonly samples: number[];
  readonly statusCounts: ReadonlyMap<number, number>;
  readonly errors: number;
  /** Requests still unanswered when the run ended (they are not counted as answered). */
  readonly unanswered: number;
  /** The sending window: requests / rate. */
  readonly seconds: number;
}

export async function pacedLoad(base: string, call: PacedCall, perSecond: number, connections: number, seconds: number): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const url = new URL(call.path, base);
  const samples: number[] = [];
  const statusCounts = new Map<number, number>();
  let errors = 0;
  let inFlight = 0;
  const total = Math.round(perSecond * seconds);
  const intervalNs = 1e9 / perSecond;
  const start = process.hrtime.bigint();
  let sent = 0;

  const send = (): void => {
    const issued = process.hrtime.bigint();
    const body = call.setupRequest ? call.setupRequest({ body: call.body }).body : call.body;
    inFlight += 1;
    const req = request(url, { method: call.method, headers: { ...call.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight -= 1;
        const status = res.statusCode ?? 0;
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
        if (status >= 200 && status < 300) samples.push(Number(process.hrtime.bigint() - issued) / 1e6);
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      inFlight -= 1;
      errors += 1;
    });
    if (body !== undefined) req.end(body);
    else req.end();
  };

  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = Number(process.hrtime.bigint() - start);
      while (sent < total && sent * intervalNs <= elapsed) {
        send();
        sent += 1;
      }
      if (sent >= total) {
        clearInterval(timer);
        done();
      }
    }, 1);
  });
  // Answers still on their way get up to 10 s (the request timeout) to arrive.
  const deadline = Date.now() + 10_000;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const unanswered = inFlight;
  agent.destroy();
  return { samples, statusCounts, errors, unanswered, seconds: total / perSecond };
}
