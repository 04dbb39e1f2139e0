import postgres from 'postgres';
import { socketOf } from '../src/platform/db.ts';

/** postgres.js for a benchmark's own connections, reading a Unix socket as the server does. */
export function benchPostgres(url: string, options: { max: number }) {
  const { url: target, path } = socketOf(url);
  return postgres(target, { ...options, ...(path ? { path } : {}), onnotice: () => {} });
}
