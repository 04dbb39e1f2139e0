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
    const before = vaultOf(ctxWith(secret)).seal('a server-held private key');
    const after = vaultOf(ctxWith(secret, key()));
    expect(after.open(before)).toBe('a server-held private key');
    expect(after.isStale(before)).toBe(true);
    expect(after.isStale(after.seal('x'))).toBe(false);
    // Another deployment's secret key opens nothing of it.
    expect(() => vaultOf(ctxWith(key(), key())).open(before)).toThrow(/unknown key-encryption key/);
  });
});
