import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers.ts';
import { mfaContext } from '../identity/mfa.ts';
import { activeSigningKey, signNotice } from '../notices/signing.ts';
import { SecretBox } from '../platform/secrets.ts';
import { ensureKeys, privateKeyOf, rewrapAll } from './keys.ts';
import { sealedAs, vaultOf } from './vault.ts';

const KEK = randomBytes(32).toString('base64');
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ CONCORD_MESSAGE_KEK: KEK });
});
afterAll(() => t.close());

describe('concord keys rewrap', () => {
  it('binds values sealed before contexts to their rows, notice-signing keys included', async () => {
    // As values were sealed before they were bound to their rows (format v1).
    const box = SecretBox.fromKey(KEK);
    const unbound = (plain: string) => `kek1.${box.fingerprint()}.${box.seal(plain)}`;
    const vault = vaultOf(t.ctx);
    const noticeKey = await activeSigningKey(t.ctx);
    await t.ctx.db
      .updateTable('notice_signing_keys')
      .set({
        private_sealed: unbound(vault.open(noticeKey.private_sealed!, sealedAs.noticeKey(noticeKey.kid))),
      })
      .where('kid', '=', noticeKey.kid)
      .execute();
    const { keys } = await ensureKeys(t.ctx, ['KE'], 'test');
    const signing = keys.get('KE')!.sig!;
    await t.ctx.db
      .updateTable('agency_keys')
      .set({ private_sealed: unbound(vault.open(signing.private_sealed!, sealedAs.agencyKey(signing.kid))) })
      .where('kid', '=', signing.kid)
      .execute();

    // A TOTP seed sealed before it was bound to its account.
    const officer = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'ke.officer')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('users')
      .set({ mfa_secret: t.ctx.secrets.seal('JBSWY3DPEHPK3PXP') })
      .where('id', '=', officer.id)
      .execute();

    const counts = await rewrapAll(t.ctx);
    expect(counts).toMatchObject({ noticeKeys: 1, keys: 1, mfaSeeds: 1 });
    const seed = await t.ctx.db
      .selectFrom('users')
      .select('mfa_secret')
      .where('id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(t.ctx.secrets.open(seed.mfa_secret!, mfaContext(officer.id))).toBe('JBSWY3DPEHPK3PXP');
    expect(() => t.ctx.secrets.open(seed.mfa_secret!, mfaContext('someone-else'))).toThrow();
    const rows = {
      notice: await t.ctx.db
        .selectFrom('notice_signing_keys')
        .select('private_sealed')
        .where('kid', '=', noticeKey.kid)
        .executeTakeFirstOrThrow(),
      agency: await t.ctx.db
        .selectFrom('agency_keys')
        .selectAll()
        .where('kid', '=', signing.kid)
        .executeTakeFirstOrThrow(),
    };
    for (const sealed of [rows.notice.private_sealed!, rows.agency.private_sealed!])
      expect(vault.isStale(sealed)).toBe(false);
    // Bound: it opens for its own row only — copied to another, it does not.
    expect(() => vault.open(rows.agency.private_sealed!, sealedAs.agencyKey('another-kid'))).toThrow();
    await expect(privateKeyOf(t.ctx, rows.agency)).resolves.toBeTruthy();
    await expect(signNotice(t.ctx, { test: true })).resolves.toMatchObject({ kid: noticeKey.kid });
    // Nothing left to do a second time.
    expect(await rewrapAll(t.ctx)).toEqual({
      keys: 0,
      webhooks: 0,
      drafts: 0,
      attachments: 0,
      noticeKeys: 0,
      mfaSeeds: 0,
    });
    await t.ctx.audit.flush();
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'keys.rewrap')
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.details)).toMatchObject([{ keys: 1, noticeKeys: 1 }, { keys: 0 }]);
  });
});
