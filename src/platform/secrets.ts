import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The `settings` row naming (by fingerprint) the secret key the database's secrets are sealed under. */
export const SECRET_KEY_SETTING = 'secret-key-fingerprint';

/**
 * Wraps small secrets kept in the database (TOTP seeds) with AES-256-GCM, so that a copy
 * of the database alone does not yield them. The key comes from CONCORD_SECRET_KEY or,
 * when unset, from a key file made once in the data folder. While the key is rotated, the
 * keys it replaces (CONCORD_SECRET_KEY_PREVIOUS) still open what they sealed — a value
 * names no key, and AES-GCM's tag tells which one opens it — until `concord keys rewrap`
 * seals it all again under the current one.
 */
export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    /** Earlier keys: they open, never seal. */
    readonly previous: readonly SecretBox[] = [],
  ) {}

  static fromKey(base64Key: string): SecretBox {
    return new SecretBox(Buffer.from(base64Key, 'base64'));
  }

  /** This key, with the earlier ones that still open what they sealed. */
  withPrevious(previousKeys: readonly string[]): SecretBox {
    return previousKeys.length === 0
      ? this
      : new SecretBox(
          this.key,
          previousKeys.map((k) => SecretBox.fromKey(k)),
        );
  }

  static fromDataDir(dataDir: string): SecretBox {
    const file = path.join(dataDir, 'secret.key');
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return SecretBox.fromKey(fs.readFileSync(file, 'utf8').trim());
  }

  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  /** A separate key for another purpose (HKDF-SHA256), so that one secret never serves two. */
  derive(purpose: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, 32)));
  }

  /** Names the key without revealing it: which key sealed a value, when keys rotate. */
  fingerprint(): string {
    return createHash('sha256').update('concord key id\0').update(this.key).digest('hex').slice(0, 16);
  }

  /**
   * Seals a value. With a `context` — what the value is and whose, as "agency-key:<kid>" —
   * the context is authenticated with it (AES-GCM additional data, format v2): a sealed value
   * copied into another row (one agency's private key into another's, with write access to
   * the database but not the key) no longer opens there.
   */
  seal(plaintext: string, context?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      context === undefined ? 'v1' : 'v2',
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /**
   * Opens a sealed value: v2 only in its own context; v1 (sealed before contexts) as it is.
   * Sealed under an earlier key, that key opens it.
   */
  open(sealed: string, context?: string): string {
    try {
      return this.openWithThisKey(sealed, context);
    } catch (error) {
      for (const earlier of this.previous) {
        try {
          return earlier.openWithThisKey(sealed, context);
        } catch {
          // not this one either
        }
      }
      throw error;
    }
  }

  /** For `concord keys rewrap`: sealed before contexts were used, or under an earlier key. */
  isStale(sealed: string, context: string): boolean {
    if (!SecretBox.isBound(sealed)) return true;
    try {
      this.openWithThisKey(sealed, context);
      return false;
    } catch {
      return true;
    }
  }

  private openWithThisKey(sealed: string, context?: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if ((version !== 'v1' && version !== 'v2') || !iv || !body || !tag)
      throw new Error('unknown sealed secret format');
    if (version === 'v2' && context === undefined) throw new Error('a bound sealed value needs its context');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    if (version === 'v2') decipher.setAAD(Buffer.from(context!, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Sealed with its context (v2), or before contexts were used (v1: rewrap binds it). */
  static isBound(sealed: string): boolean {
    return sealed.startsWith('v2.');
  }
}
