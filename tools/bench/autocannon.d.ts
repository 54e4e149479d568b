// The part of autocannon 8's programmatic API that bench.ts uses (the package ships no types).
declare module 'autocannon' {
  import { type EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
      headers?: Record<string, string>;
      body?: string;
      /** Concurrent connections (default 10). */
      connections?: number;
      /** Seconds (default 10). */
      duration?: number;
      /** Requests per second over all connections, split evenly between them; 0 = as fast as possible. */
      overallRate?: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out (default 10). */
      timeout?: number;
      /** Per-request overrides; setupRequest may rewrite each request (its body) before it is sent. */
      requests?: Array<{ setupRequest?: (request: { body?: string | Buffer }) => { body?: string | Buffer } }>;
    }

    /** Summary of one histogram: p50, p99 and so on, by autocannon's fixed percentile list. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p99: number;
      total?: number;
      sent?: number;
    }

    interface Result {
      url: string;
      connections: number;
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds, recorded as whole milliseconds. */
      latency: Histogram;
      /** Completed requests per one-second sample. */
      requests: Histogram;
      throughput: Histogram;
    }

    /** The running benchmark: resolves to its result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      /** Every response; responseTime in milliseconds at hrtime resolution. */
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export = autocannon;
}
