import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, testDatabaseUrl } from '../../test/helpers.ts';
import { mfaContext } from '../identity/mfa.ts';
import { firstStart } from '../identity/seed.ts';
import { ensureKeys, rewrapAll } from '../messaging/keys.ts';
import { sealedAs, vaultOf } from '../messaging/vault.ts';
import { activeSigningKey } from '../notices/signing.ts';
import { closeContext, createContext } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-secret-key-'));
const database = await testDatabaseUrl();
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const configWith = (secretKey: string) =>
  loadConfig({
    LOG_LEVEL: 'silent',
    CONCORD_DATA_DIR: path.join(dir, 'data'),
    CONCORD_SECRET_KEY: secretKey,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });

describe('the secret key', () => {
  it('is the same for every process of a deployment: one with another key does not start', async () => {
    const key = randomBytes(32).toString('base64');
    // A command run first, with a key of its own, does not tie the database to it.
    await closeContext(await createContext(configWith(randomBytes(32).toString('base64'))));
    // The server records the deployment's key; the same key starts again, as often as needed.
    await closeContext(await createContext(configWith(key), { secretKeyCheck: 'record' }));
    await closeContext(await createContext(configWith(key), { secretKeyCheck: 'record' }));
    await closeContext(await createContext(configWith(key)));
    // A command that opens no secret (audit verify) runs without it.
    await closeContext(
      await createContext(configWith(randomBytes(32).toString('base64')), { secretKeyCheck: 'skip' }),
    );
    const other = createContext(configWith(randomBytes(32).toString('base64')));
    await expect(other).rejects.toBeInstanceOf(ConfigError);
    await expect(other).rejects.toMatchObject({ variable: 'CONCORD_SECRET_KEY' });
  }, 120_000); // six opens of the on-disk database, as below
});

describe('rotating the secret key', () => {
  it('opens with the earlier key until keys rewrap seals everything under the new one', async () => {
    const rotated = await testDatabaseUrl();
    const [earlier, next] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const config = (env: Record<string, string>) =>
      loadConfig({
        LOG_LEVEL: 'silent',
        CONCORD_DATA_DIR: path.join(dir, 'rotated'),
        CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
        CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
        ...(rotated.url ? { DATABASE_URL: rotated.url } : {}),
        ...env,
      });
    const seed = 'JBSWY3DPEHPK3PXP';
    try {
      // A deployment without CONCORD_MESSAGE_KEK: its KEK is derived from the secret key, so
      // the agencies' server-held private keys turn over with it.
      const first = await createContext(config({ CONCORD_SECRET_KEY: earlier }), {
        secretKeyCheck: 'record',
      });
      let officerId: string;
      let sealedKey: { kid: string; private_sealed: string | null };
      try {
        await firstStart(first, { demo: true });
        officerId = (
          await first.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'ke.officer')
            .executeTakeFirstOrThrow()
        ).id;
        await first.db
          .updateTable('users')
          .set({ mfa_secret: first.secrets.seal(seed, mfaContext(officerId)) })
          .where('id', '=', officerId)
          .execute();
        sealedKey = (await ensureKeys(first, ['KE'], 'test')).keys.get('KE')!.enc!;
        await activeSigningKey(first); // the notices' signing key, made when first needed
      } finally {
        await closeContext(first);
      }
      const opensAll = async (ctx: Awaited<ReturnType<typeof createContext>>) => {
        const user = await ctx.db
          .selectFrom('users')
          .select('mfa_secret')
          .where('id', '=', officerId)
          .executeTakeFirstOrThrow();
        expect(ctx.secrets.open(user.mfa_secret!, mfaContext(officerId))).toBe(seed);
        const key = await ctx.db
          .selectFrom('agency_keys')
          .select('private_sealed')
          .where('kid', '=', sealedKey.kid)
          .executeTakeFirstOrThrow();
        expect(
          JSON.parse(vaultOf(ctx).open(key.private_sealed!, sealedAs.agencyKey(sealedKey.kid))),
        ).toHaveProperty('d');
        return { user, key };
      };

      // The new key alone: the database names the earlier one, so it does not start.
      await expect(createContext(config({ CONCORD_SECRET_KEY: next }))).rejects.toMatchObject({
        variable: 'CONCORD_SECRET_KEY',
      });
      // The new key with the earlier one: starts, opens what the earlier sealed, rewraps.
      const rotating = config({ CONCORD_SECRET_KEY: next, CONCORD_SECRET_KEY_PREVIOUS: earlier });
      // The first server so started names the key it rotates to; another rotating to a
      // different key (a typo), or a server still on the earlier key alone, no longer starts.
      await closeContext(await createContext(rotating, { secretKeyCheck: 'record' }));
      const typo = randomBytes(32).toString('base64');
      for (const env of [
        { CONCORD_SECRET_KEY: typo, CONCORD_SECRET_KEY_PREVIOUS: earlier } as Record<string, string>,
        { CONCORD_SECRET_KEY: earlier },
      ])
        await expect(createContext(config(env), { secretKeyCheck: 'record' })).rejects.toMatchObject({
          variable: 'CONCORD_SECRET_KEY',
        });
      const during = await createContext(rotating, { secretKeyCheck: 'record' });
      let before: Awaited<ReturnType<typeof opensAll>>;
      try {
        before = await opensAll(during);
        expect(await rewrapAll(during)).toMatchObject({ mfaSeeds: 1, keys: 2, noticeKeys: 1 });
        expect(await rewrapAll(during)).toMatchObject({ mfaSeeds: 0, keys: 0, noticeKeys: 0 });
      } finally {
        await closeContext(during);
      }

      // Afterwards the earlier key alone no longer starts, and the new one needs no other.
      await expect(createContext(config({ CONCORD_SECRET_KEY: earlier }))).rejects.toMatchObject({
        variable: 'CONCORD_SECRET_KEY',
      });
      const after = await createContext(config({ CONCORD_SECRET_KEY: next }), { secretKeyCheck: 'record' });
      try {
        const now = await opensAll(after);
        expect(now.user.mfa_secret).not.toBe(before.user.mfa_secret);
        expect(now.key.private_sealed).not.toBe(before.key.private_sealed);
        // Sealed under the new key only: the earlier one opens none of it.
        const earlierBox = createContext(config({ CONCORD_SECRET_KEY: earlier }), { secretKeyCheck: 'skip' });
        const stale = await earlierBox;
        try {
          expect(() => stale.secrets.open(now.user.mfa_secret!, mfaContext(officerId))).toThrow();
          expect(() =>
            vaultOf(stale).open(now.key.private_sealed!, sealedAs.agencyKey(sealedKey.kid)),
          ).toThrow();
        } finally {
          await closeContext(stale);
        }
      } finally {
        await closeContext(after);
      }
    } finally {
      await rotated.drop();
    }
  }, 120_000); // opens the on-disk database nine times, each applying or checking every migration
});
