import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers.ts';
import { insertUnlessActive } from '../messaging/keys.ts';
import { activeSigningKey } from '../notices/signing.ts';

/**
 * PostgreSQL plans a prepared statement generically after a few executions on a connection,
 * with its parameters unknown; a statement that works with its values known can then fail.
 * These run on a connection that plans generically from the first execution. (The embedded
 * database's driver does not keep prepared statements: PostgreSQL server only.)
 */
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe.skipIf(!process.env.TEST_DATABASE_URL)('statements under generic plans', () => {
  it('keep one active messaging key per agency and use (ON CONFLICT on a partial unique index)', async () => {
    await t.ctx.db.connection().execute(async (db) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(db);
      const key = (kid: string) => ({
        kid,
        agency_code: 'BR',
        use: 'sig' as const,
        custody: 'server' as const,
        public_jwk: { kty: 'OKP', crv: 'Ed25519', x: kid },
        status: 'active' as const,
        created_at: t.clock.now(),
        created_by: 'test',
      });
      await insertUnlessActive(db, [key('generic-plan-1')]);
      await insertUnlessActive(db, [key('generic-plan-2')]);
      const active = await db
        .selectFrom('agency_keys')
        .select('kid')
        .where('agency_code', '=', 'BR')
        .where('use', '=', 'sig')
        .where('status', '=', 'active')
        .execute();
      expect(active).toHaveLength(1);
      await sql`RESET plan_cache_mode`.execute(db);
    });
  });

  it('make the notices’ signing key once (the same kind of insert)', async () => {
    await t.ctx.db.connection().execute(async (db) => {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(db);
      const first = await activeSigningKey(t.ctx, db);
      expect((await activeSigningKey(t.ctx, db)).kid).toBe(first.kid);
      await sql`RESET plan_cache_mode`.execute(db);
    });
  });
});
