import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseLockedError } from '../platform/data-dir-lock.ts';
import { Problem } from '../platform/errors.ts';
import { registerCommands } from './commands.ts';

const program = new Command()
  .name('concord')
  .description(
    // No line breaks of our own: commander wraps to the terminal, and one of ours left a
    // word alone on a line.
    'Concord: international police cooperation against cybercrime.\n' +
      'Reads the same environment variables as the server (see README). With the embedded ' +
      'database, commands that open it cannot run while the server runs: stop the server first.',
  )
  .showHelpAfterError()
  .exitOverride();

// Commander prints the errors of parsing itself; one raised in a command's action (a date
// that does not exist, an unknown format) it does not: see the catch below.
let commanderPrinted = false;
program.configureOutput({
  outputError: (text, write) => {
    commanderPrinted = true;
    write(text);
  },
});

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (!commanderPrinted && error.exitCode !== 0 && error.message)
      process.stderr.write(`${error.message.replace(/^error: /, '')}\n`);
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof DatabaseLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 3;
  } else {
    process.stderr.write(`${describe(error)}\n`);
    process.exitCode = 1;
  }
}

/**
 * What went wrong, in a line a person at a terminal can act on: a server not reached, a file
 * missing, a file that is not JSON. The stack trace only with CONCORD_DEBUG=1 (a bug report).
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (process.env.CONCORD_DEBUG === '1') return error.stack ?? error.message;
  const cause = error.cause instanceof Error ? error.cause : null;
  const errno = error as NodeJS.ErrnoException;
  if (error.message === 'fetch failed' && cause) return `Could not reach the server: ${cause.message}`;
  if (errno.code === 'ENOENT' && errno.path) return `No such file or folder: ${errno.path}`;
  if (errno.code === 'EACCES' && errno.path) return `Not allowed to read or write ${errno.path}`;
  if (error instanceof SyntaxError) return `Not valid JSON: ${error.message}`;
  if (error instanceof Problem) return error.message;
  return `${error.message}\n(CONCORD_DEBUG=1 shows where it happened.)`;
}

export { loadConfig };
