import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Wraps small secrets kept in the database (TOTP seeds) with AES-256-GCM, so that a copy
 * of the database alone does not yield them. The key comes from CONCORD_SECRET_KEY or,
 * when unset, from a key file made once in the data folder.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(base64Key: string): SecretBox {
    return new SecretBox(Buffer.from(base64Key, 'base64'));
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

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !body || !tag) throw new Error('unknown sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
