import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { thumbprint } from '../messaging/envelope.ts';

/**
 * The correspondents' public keys a self-held system has met, kept in its key folder
 * (`known-keys.json`): trust on first use, as SSH does with hosts. A self-held agency takes
 * its correspondents' keys from the server's directory; without this, the operator (or
 * anyone able to write the directory) could hand it a key of their own for a correspondent,
 * read what it encrypts and forge what it verifies. With it, a key that changes after first
 * use is refused until someone has checked its fingerprint with the correspondent out of band
 * and accepted it (`--accept-keys AGENCY`).
 */

export const KNOWN_KEYS_FILE = 'known-keys.json';

interface KnownKey {
  use: 'sig' | 'enc';
  x: string;
  firstSeen: string;
}
type Known = Record<string, Record<string, KnownKey>>;

export type KeyCheck = { ok: true; firstUse: boolean } | { ok: false; problem: string };

export class KnownKeys {
  private readonly file: string;
  private known: Known;
  private changed = false;

  constructor(
    dir: string,
    /** Agencies whose new keys were checked out of band and are accepted now. */
    private readonly accept: ReadonlySet<string> = new Set(),
  ) {
    this.file = path.join(dir, KNOWN_KEYS_FILE);
    this.known = fs.existsSync(this.file) ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Known) : {};
  }

  /**
   * Checks a key the server gave for an agency: its id must be its RFC 7638 thumbprint, and
   * it must be a key this system already knows for that agency — or the agency's first,
   * or accepted now.
   */
  async check(
    agency: string,
    kid: string,
    jwk: Record<string, unknown>,
    use: 'sig' | 'enc',
  ): Promise<KeyCheck> {
    const x = typeof jwk.x === 'string' ? jwk.x : '';
    if ((await thumbprint({ kty: jwk.kty, crv: jwk.crv, x } as JWK)) !== kid)
      return { ok: false, problem: `the directory's key ${kid} for ${agency} is not the key its id names` };
    const keys = this.known[agency];
    const seen = keys?.[kid];
    if (seen) {
      return seen.x === x && seen.use === use
        ? { ok: true, firstUse: false }
        : { ok: false, problem: `${agency}'s key ${kid} differs from the one this system knows` };
    }
    // First use of each kind of key: a system may first write to an agency (its encryption
    // key) and only later hear from it (its signing key).
    const firstUse = !Object.values(keys ?? {}).some((k) => k.use === use);
    if (!firstUse && !this.accept.has(agency))
      return {
        ok: false,
        problem: `${agency}'s ${use === 'sig' ? 'signing' : 'encryption'} key is new to this system (${kid}): check its fingerprint with ${agency} out of band, then accept it with --accept-keys ${agency}`,
      };
    this.known[agency] = { ...keys, [kid]: { use, x, firstSeen: new Date().toISOString() } };
    this.changed = true;
    return { ok: true, firstUse };
  }

  save(): void {
    if (!this.changed) return;
    fs.writeFileSync(this.file, `${JSON.stringify(this.known, null, 2)}\n`, { mode: 0o600 });
    this.changed = false;
  }
}
