// Starts a Concord server for a benchmark and tells the parent process its address.
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/platform/server.ts';

const server = await startServer(loadConfig());
process.send?.({ url: server.url });
process.on('SIGTERM', () => {
  server.stop().then(() => process.exit(0));
});
