// One host app per process: `node route-server.mjs express|koa|express-revocation <redis-url>` (see hosts.mjs). IPC: sends
// { port } once listening; answers { cpu: true } with process.cpuUsage(), the RSS and the monotonic
// clock in µs (the clock of --cpu-prof's timestamps).
import { createServer } from 'node:http';
import { serveIpc } from './common.mjs';
import { createHost } from './hosts.mjs';

const server = createServer(await createHost(process.argv[2], process.argv[3]));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
  serveIpc((message) => {
    if (message.cpu) {
      return { cpu: process.cpuUsage(), rss: process.memoryUsage.rss(), now: Number(process.hrtime.bigint() / 1000n) };
    }
    throw new Error(`unknown message ${JSON.stringify(message)}`);
  });
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
