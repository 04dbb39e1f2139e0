/**
 * Several server processes starting together on a new PostgreSQL database (behind a load
 * balancer, or restarted at once): one makes the first start, the others find it made.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestContext, DEMO_PASSWORD, testDatabaseUrl } from '../../test/helpers.ts';
import { closeContext, createContext } from '../platform/bootstrap.ts';
import { loadConfig } from '../platform/config.ts';
import { firstStart } from './seed.ts';

describe.skipIf(!process.env.TEST_DATABASE_URL)('first start on PostgreSQL', () => {
  it('is made once when processes start together', async () => {
    const database = await testDatabaseUrl();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url!,
      CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
    });
    const contexts = [await createContext(config), await createContext(config)];
    try {
      const reports = await Promise.all(contexts.map((ctx) => firstStart(ctx, { demo: true })));
      expect(reports.map((r) => r.firstStart).sort()).toEqual([false, true]);
      const admins = await contexts[0]!.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .execute();
      expect(admins).toHaveLength(1);
    } finally {
      for (const ctx of contexts) await closeContext(ctx);
      await database.drop();
    }
  });
});

describe('first start', () => {
  it('refuses passwords from the environment that every password rule refuses, naming the variable', async () => {
    for (const [variable, password] of [
      ['CONCORD_ADMIN_PASSWORD', 'password1234'],
      ['CONCORD_DEMO_PASSWORD', 'aaaaaaaaaaaa'],
    ]) {
      const t = await createTestContext({ [variable!]: password! }, { seed: false });
      try {
        await expect(firstStart(t.ctx, { demo: true })).rejects.toThrow(new RegExp(`^${variable}: `));
        expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual([]);
      } finally {
        await t.close();
      }
    }
  });
});
