import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Config } from '../platform/config.ts';
import { SecretBox } from '../platform/secrets.ts';
import { vaultOf } from './vault.ts';

const key = () => randomBytes(32).toString('base64');
const ctxWith = (secret: string, messageKek?: string, previous: string[] = []) => ({
  secrets: SecretBox.fromKey(secret),
  config: { messageKek, messageKekPrevious: previous } as unknown as Config,
});

describe('the key vault', () => {
  it('still opens what it sealed before CONCORD_MESSAGE_KEK was set, and seals anew under the KEK', () => {
    const secret = key();
    const before = vaultOf(ctxWith(secret)).seal('a server-held private key', 'agency-key:k1');
    const after = vaultOf(ctxWith(secret, key()));
    expect(after.open(before, 'agency-key:k1')).toBe('a server-held private key');
    expect(after.isStale(before)).toBe(true);
    expect(after.isStale(after.seal('x', 'agency-key:k1'))).toBe(false);
    // Another deployment's secret key opens nothing of it.
    expect(() => vaultOf(ctxWith(key(), key())).open(before, 'agency-key:k1')).toThrow(
      /unknown key-encryption key/,
    );
  });

  it('opens a value only in the context it was sealed in: copied into another row, it does not open', () => {
    const vault = vaultOf(ctxWith(key()));
    const sealed = vault.seal('KE’s private key', 'agency-key:ke-kid');
    expect(vault.open(sealed, 'agency-key:ke-kid')).toBe('KE’s private key');
    expect(() => vault.open(sealed, 'agency-key:fr-kid')).toThrow();
    expect(() => vault.open(sealed, 'webhook-secret:ke-kid')).toThrow();
  });

  it('still opens values sealed before contexts, and counts them stale until rewrapped bound', () => {
    const secret = key();
    const box = SecretBox.fromKey(secret).derive('concord message key-encryption key');
    const vault = vaultOf(ctxWith(secret));
    const legacy = `kek1.${vault.currentId}.${box.seal('sealed in 2026')}`;
    expect(vault.open(legacy, 'draft:any')).toBe('sealed in 2026');
    expect(vault.isStale(legacy)).toBe(true);
    const rebound = vault.seal(vault.open(legacy, 'draft:d1'), 'draft:d1');
    expect(vault.isStale(rebound)).toBe(false);
    expect(() => vault.open(rebound, 'draft:d2')).toThrow();
  });
});
