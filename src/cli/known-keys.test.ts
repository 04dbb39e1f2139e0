import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAgencyKeys } from '../messaging/envelope.ts';
import { KnownKeys } from './known-keys.ts';

describe('known keys (trust on first use)', () => {
  it('knows an agency’s first key of each use, refuses a key whose id is not its own, and a new one until accepted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'known-keys-'));
    const [first, second] = [await generateAgencyKeys(), await generateAgencyKeys()];
    const known = new KnownKeys(dir);
    const enc = (k: typeof first) =>
      [k.encryption.kid, k.encryption.publicJwk as Record<string, unknown>] as const;
    expect(await known.check('FR', ...enc(first), 'enc')).toEqual({ ok: true, firstUse: true });
    // The directory hands over another key under the known key's id.
    expect(
      await known.check('FR', first.encryption.kid, second.encryption.publicJwk as never, 'enc'),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not the key its id names/),
    });
    expect(await known.check('FR', ...enc(second), 'enc')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/new to this system.*--accept-keys FR/),
    });
    // Its signing key is a first use of its own.
    expect(await known.check('FR', first.signing.kid, first.signing.publicJwk as never, 'sig')).toEqual({
      ok: true,
      firstUse: true,
    });
    known.save();
    const later = new KnownKeys(dir, new Set(['FR']));
    expect(await later.check('FR', ...enc(first), 'enc')).toEqual({ ok: true, firstUse: false });
    expect(await later.check('FR', ...enc(second), 'enc')).toEqual({ ok: true, firstUse: false });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
