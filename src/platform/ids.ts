import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** UUIDv7: time-ordered primary keys that index well. */
export function newId(): string {
  return v7();
}

/** An unguessable token (sessions, API keys, CSRF): 256 bits, URL-safe. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
