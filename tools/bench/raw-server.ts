// The baseline for tools/bench/bench.ts: plain node:http answering every request with one small
// fixed JSON body, run in its own process like the apps it is compared with.
import { createServer } from 'node:http';

const BODY = Buffer.from(JSON.stringify({ response: { id: 1, status: 'active', name: 'baseline' } }));
const port = Number(process.env['PORT'] ?? '3000');
const host = process.env['HOST'] ?? '127.0.0.1';

const server = createServer((req, res) => {
  // Drain any request body before answering, as a framework would.
  req.resume();
  req.once('end', () => {
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
