import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database allows one process at a time: a second one opening the same folder
 * would corrupt it. A pid file in the folder says who holds it. (A module of its own so that
 * the CLI can recognise the error without loading the database drivers.)
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Concord process (pid ${pid}). ` +
        'The embedded database allows one process at a time: stop the server first, or set ' +
        'DATABASE_URL to a PostgreSQL server to run commands alongside it.',
    );
    this.name = 'DatabaseLockedError';
  }
}

/** Takes the folder for this process, or throws DatabaseLockedError; returns the release. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'concord.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DatabaseLockedError(dataDir, pid);
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
