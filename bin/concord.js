#!/usr/bin/env node
// The `concord` command. Runs the TypeScript sources through tsx so that a fresh
// checkout needs no separate build step (`npm install && npm start`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Some dependencies (cookie, content-disposition) are ES modules that others require():
// Node.js loads them so from 20.19 and 22.12 on. An older Node started the server, migrated
// the database, then stopped on "require() of ES Module … not supported".
if (!process.features.require_module) {
  process.stderr.write(
    `Concord needs Node.js 20.19 or newer (22.12 or newer on 22): its dependencies include ES modules loaded with require(), which this Node.js (${process.version}) does not allow — too old, or --no-experimental-require-module given.\n`,
  );
  process.exit(1);
}

// The server allocates a little for every request: with V8's default young generation it
// spent ~8% of its time in scavenges, with 64 MB semi-spaces 4% (bench/README.md, "Young
// generation"). `concord serve` therefore runs itself again with them, unless NODE_OPTIONS
// or the command line already choose a size. Cluster workers inherit the setting.
const SEMI_SPACE_MB = 64;
const choosesSemiSpace = (flags) => /--max-semi-space-size\b/.test(flags);
if (
  process.argv[2] === 'serve' &&
  !choosesSemiSpace(process.env.NODE_OPTIONS ?? '') &&
  !choosesSemiSpace(process.execArgv.join(' '))
) {
  const server = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      // Its own process group: a terminal's Ctrl-C reaches it once, forwarded below, not twice.
      detached: true,
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=${SEMI_SPACE_MB}`.trim(),
        CONCORD_PARENT_PID: String(process.pid),
      },
    },
  );
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  // Run by the command above: stop if it is gone (killed with SIGKILL, say), never linger.
  // (Cluster workers, whose parent is the primary, must not inherit the check.)
  const parent = Number(process.env.CONCORD_PARENT_PID);
  delete process.env.CONCORD_PARENT_PID;
  if (parent)
    setInterval(() => process.ppid !== parent && process.kill(process.pid, 'SIGTERM'), 1000).unref();
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
