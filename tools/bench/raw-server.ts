// The baseline for tools/bench/bench.ts: plain node:http answering every request with one small
// fixed JSON body, run in its own process like the apps it is compared with. With WORK_US set, each
// answer first spends that many microseconds of CPU (a busy wait): what a given amount of work per
// request costs in share of raw on this machine, for reading the other rows.
import { createServer } from 'node:http';

const BODY = Buffer.from(JSON.stringify({ response: { id: 1, status: 'active', name: 'baseline' } }));
const port = Number(process.env['PORT'] ?? '3000');
const host = process.env['HOST'] ?? '127.0.0.1';
const workNs = BigInt(Math.round(Number(process.env['WORK_US'] ?? '0') * 1000));

function work(): void {
  if (workNs === 0n) return;
  const until = process.hrtime.bigint() + workNs;
  while (process.hrtime.bigint() < until) {
    // busy: the point is to use the CPU
  }
}

const server = createServer((req, res) => {
  // Drain any request body before answering, as a framework would.
  req.resume();
  req.once('end', () => {
    work();
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 72_000;

server.listen(port, host, () => {
  console.log(`raw node:http baseline listening on http://${host}:${port}`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
