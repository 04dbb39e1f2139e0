import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseLockedError } from '../platform/data-dir-lock.ts';
import { registerCommands } from './commands.ts';

const program = new Command()
  .name('concord')
  .description(
    'Concord: international police cooperation against cybercrime.\n' +
      'Reads the same environment variables as the server (see README). With the embedded\n' +
      'database, commands that open it cannot run while the server runs: stop the server first.',
  )
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof DatabaseLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 3;
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}

export { loadConfig };
