import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/writer.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, Kdb } from './db.ts';
import type { SecretBox } from './secrets.ts';

/** What every service needs from the platform, built once in the composition root. */
export interface Context {
  config: Config;
  database: Database;
  db: Kdb;
  clock: Clock;
  audit: AuditWriter;
  secrets: SecretBox;
  logger: Logger;
}
