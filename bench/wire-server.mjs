// Child process for bench/wire.bench.ts: the built Node host (dist-server/server.js) on a free
// loopback port, so the server has its own event loop and the 50 clients theirs. Answers
// 'overview' (document counts, for the lost/duplicated-writes check) and 'close' over IPC.
import { startServer } from '../dist-server/server.js';

const server = await startServer({ port: 0 });
process.send({ url: server.url });
process.on('message', async (m) => {
  if (m === 'overview') process.send({ overview: await server.engine.overview() });
  if (m === 'close') {
    await server.close();
    process.exit(0);
  }
});
