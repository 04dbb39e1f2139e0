import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signIn, type TestApp } from '../../test/helpers.ts';
import { systemPrincipal } from '../access/principal.ts';
import { newId } from '../platform/ids.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { verifyAuditChain } from './verify.ts';
import { AuditWriter, chainRows } from './writer.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('group commit', () => {
  it('writes concurrent entries in few transactions, in one unbroken chain', async () => {
    const before = t.ctx.audit.batches;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.ctx.audit.record({
          principal: systemPrincipal(),
          action: 'test.burst',
          outcome: 'success',
          details: { i, nested: { b: 2, a: [1, 'x'] } },
        }),
      ),
    );
    expect(t.ctx.audit.batches - before).toBeLessThanOrEqual(3);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(200);
  });

  it('an entry with a NUL or lone surrogates is stored with U+FFFD, and fails none of its batch', async () => {
    // Before, canonicalising it threw and every entry batched with it failed (a 500 for each
    // request); the API now refuses such text at the edge, the writer still must not fail.
    const [tricky] = await Promise.all([
      t.ctx.audit.record({
        principal: null,
        attemptedName: 'ke.\ud800officer\u0000',
        action: 'test.surrogates',
        outcome: 'failure',
        details: { note: 'x\udc00', 'k\ud800': 1 },
      }),
      ...Array.from({ length: 5 }, () =>
        t.ctx.audit.record({ principal: systemPrincipal(), action: 'test.surrogates', outcome: 'success' }),
      ),
    ]);
    expect(tricky).toBeUndefined();
    const stored = await t.ctx.db
      .selectFrom('audit_log')
      .select(['principal_name', 'details'])
      .where('action', '=', 'test.surrogates')
      .where('outcome', '=', 'failure')
      .executeTakeFirstOrThrow();
    expect(stored.principal_name).toBe('ke.\ufffdofficer\ufffd');
    expect(stored.details).toEqual({ note: 'x\ufffd', 'k\ufffd': 1 });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('several writers on one database (as several server processes) each keep a chain', async () => {
    // Interleaved in seq, each writer's entries form an unbroken chain of their own: no
    // writer ever waits for another's head.
    const writers = [0, 1, 2].map(() => new AuditWriter(t.ctx.db, t.ctx.clock));
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        writers.flatMap((writer, w) =>
          Array.from({ length: 7 }, (_, i) =>
            writer.record({
              principal: systemPrincipal(),
              action: 'test.writers',
              outcome: 'success',
              details: { round, w, i },
            }),
          ),
        ),
      );
    }
    const written = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'test.writers')
      .executeTakeFirstOrThrow();
    expect(Number(written.n)).toBe(5 * 3 * 7);
    const verified = await verifyAuditChain(t.ctx.db);
    expect(verified.ok).toBe(true);
    for (const writer of writers)
      expect(verified.chains.find((c) => c.chain === writer.chain)?.entries).toBe(5 * 7);
    const seqs = await t.ctx.db
      .selectFrom('audit_log')
      .select(['seq', 'chain'])
      .where('action', '=', 'test.writers')
      .orderBy('seq')
      .execute();
    expect(new Set(seqs.map((s) => s.chain)).size).toBe(3);
  });

  // Two connections at once: PostgreSQL server only (the embedded database has one).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'verify, while writers write, does not take an entry that commits after a later-numbered one for a removed one',
    async () => {
      const other = await createTestApp();
      let commit = () => {};
      try {
        const db = other.ctx.db;
        await other.ctx.audit.flush();
        const chain = newId();
        // As the writer stores them; seq as the table's default gives it.
        const stored = (row: ReturnType<typeof chainRows>[number]) => ({
          ...row,
          seq: sql<string>`nextval('audit_log_seq')`,
          at: new Date(row.at),
        });
        const [first, second] = chainRows(
          [1, 2].map((position) => ({
            event: {
              principal: systemPrincipal(),
              action: 'test.slow',
              outcome: 'success',
              details: { position },
            },
            at: new Date(),
          })),
          chain,
          { position: 0, hash: GENESIS_HASH },
        );
        // One process's batch takes its seq and is still committing when another process's
        // batch, numbered after it, has committed.
        let taken!: () => void;
        const numbered = new Promise<void>((resolve) => {
          taken = resolve;
        });
        const released = new Promise<void>((resolve) => {
          commit = resolve;
        });
        const slow = db.transaction().execute(async (trx) => {
          await trx.insertInto('audit_log').values(stored(first!)).execute();
          taken();
          await released;
        });
        await numbered;
        const writer = new AuditWriter(db, other.clock);
        await writer.record({ principal: systemPrincipal(), action: 'test.later', outcome: 'success' });
        // Verify reads its first page now; before its next, the slow batch commits and its
        // writer goes on (its next batch follows the first).
        let paused = false;
        const verifying = db.withPlugin({
          transformQuery: (args) => args.node,
          async transformResult(args) {
            if (!paused) {
              paused = true;
              commit();
              await slow;
              await db.insertInto('audit_log').values(stored(second!)).execute();
            }
            return args.result;
          },
        });
        const verified = await verifyAuditChain(verifying);
        expect(verified.failure).toBeUndefined();
        expect(verified.ok).toBe(true);
        const after = await verifyAuditChain(db);
        expect(after.ok).toBe(true);
        expect(after.chains.find((c) => c.chain === chain)?.entries).toBe(2);
      } finally {
        commit();
        await other.close();
      }
    },
  );

  it('a writer that lost track of whether its batch was written follows its chain as stored', async () => {
    const writer = new AuditWriter(t.ctx.db, t.ctx.clock);
    await writer.record({ principal: systemPrincipal(), action: 'test.uncertain', outcome: 'success' });
    // A batch refused by the database (here: a count beyond its integer column) leaves the head uncertain.
    await expect(
      writer.record({
        principal: systemPrincipal(),
        action: 'test.uncertain',
        outcome: 'success',
        resultCount: 2 ** 40,
      }),
    ).rejects.toThrow();
    await writer.record({ principal: systemPrincipal(), action: 'test.uncertain', outcome: 'success' });
    const verified = await verifyAuditChain(t.ctx.db);
    expect(verified.ok).toBe(true);
    expect(verified.chains.find((c) => c.chain === writer.chain)?.entries).toBe(2);
  });
});

describe('GET /audit', () => {
  it('network auditors see everything; agency auditors see their agency and their data', async () => {
    const keAdmin = await signIn(t.app, 'ke.admin');
    await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'kenyan key' });
    const frAdmin = await signIn(t.app, 'fr.admin');
    await as(t.app, frAdmin)('POST', '/api/v1/api-keys', { name: 'french key' });
    // The network admin acts on Kenyan data: Kenya's auditors must see it.
    const network = await signIn(t.app, 'secretariat.admin');
    const patched = await as(t.app, network)('PATCH', '/api/v1/agencies/KE-MLA', {
      name: 'Office of the Attorney General (central authority)',
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const netAuditor = await signIn(t.app, 'secretariat.auditor');
    const all = (await as(t.app, netAuditor)('GET', '/api/v1/audit?action=api-key.create&limit=500')).json()
      .items;
    expect(new Set(all.map((e: { agency: string }) => e.agency))).toEqual(new Set(['KE', 'FR']));

    const keAuditor = await signIn(t.app, 'ke.auditor');
    const mine = (await as(t.app, keAuditor)('GET', '/api/v1/audit?limit=500')).json().items as {
      agency: string | null;
      objectAgency: string | null;
      action: string;
    }[];
    expect(mine.length).toBeGreaterThan(0);
    const kenyan = (code: string | null) => code === 'KE' || Boolean(code?.startsWith('KE-'));
    for (const entry of mine) expect(kenyan(entry.agency) || kenyan(entry.objectAgency)).toBe(true);
    // What the secretariat did to a Kenyan unit's record is visible to Kenya's bureau.
    expect(mine.some((e) => e.action === 'agency.update' && e.objectAgency === 'KE-MLA')).toBe(true);
    expect(mine.some((e) => e.agency === 'FR')).toBe(false);
  });

  it('an agency sees what others did to its data', async () => {
    const network = await signIn(t.app, 'secretariat.admin');
    await as(t.app, network)('PATCH', '/api/v1/agencies/FR', {
      name: 'National Central Bureau France (Paris)',
    });
    const frAuditor = await signIn(t.app, 'fr.auditor');
    const entries = (await as(t.app, frAuditor)('GET', '/api/v1/audit?action=agency.update')).json().items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      agency: 'SECRETARIAT',
      objectAgency: 'FR',
      principalName: 'secretariat.admin',
    });
  });

  it('officers may not read it', async () => {
    expectProblem(
      await as(t.app, await signIn(t.app, 'ke.officer'))('GET', '/api/v1/audit'),
      403,
      'forbidden',
    );
  });

  it('filters by principal, action prefix, outcome and time, and pages with a cursor', async () => {
    const auditor = await signIn(t.app, 'secretariat.auditor');
    const get = (q: string) => as(t.app, auditor)('GET', `/api/v1/audit?${q}`).then((r) => r.json());
    const logins = await get('principal=ke.admin&action=auth.*&outcome=success');
    expect(logins.items.length).toBeGreaterThan(0);
    for (const e of logins.items) {
      expect(e.principalName).toBe('ke.admin');
      expect(e.action.startsWith('auth.')).toBe(true);
    }
    const page1 = await get('limit=5');
    const page2 = await get(`limit=5&cursor=${page1.nextCursor}`);
    expect(page1.items).toHaveLength(5);
    // seq orders the log (a failed batch may leave a gap); each entry names its chain and place.
    expect(page2.items[0].seq).toBeLessThan(page1.items[4].seq);
    expect(page1.items[0]).toMatchObject({ chain: t.ctx.audit.chain });
    expect(page1.items[0].position - page1.items[1].position).toBe(1);
    const future = await get(`from=${new Date(t.clock.now().getTime() + 60_000).toISOString()}`);
    expect(future.items).toHaveLength(0);
    const entry = await as(t.app, auditor)('GET', `/api/v1/audit/${page1.items[0].id}`);
    expect(entry.json().id).toBe(page1.items[0].id);
    expectProblem(await as(t.app, auditor)('GET', '/api/v1/audit?cursor=abc'), 400, 'validation');
    // Digits, but past any position the log can hold (a bigint): refused, not a 500.
    for (const cursor of ['9223372036854775808', '99999999999999999999'])
      expectProblem(await as(t.app, auditor)('GET', `/api/v1/audit?cursor=${cursor}`), 400, 'validation');
    expect((await as(t.app, auditor)('GET', '/api/v1/audit?cursor=9223372036854775807')).statusCode).toBe(
      200,
    );
    expectProblem(await as(t.app, auditor)('GET', '/api/v1/audit?from=yesterday'), 400, 'validation');
  });

  it('reading the log is itself logged', async () => {
    const auditor = await signIn(t.app, 'us.auditor');
    await as(t.app, auditor)('GET', '/api/v1/audit?action=user.create');
    await t.ctx.audit.flush();
    const reads = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.read')
      .where('principal_name', '=', 'us.auditor')
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]!.details).toMatchObject({ filters: { action: 'user.create' } });
  });
});

describe('tamper evidence', () => {
  async function freshChain() {
    for (let i = 0; i < 5; i++)
      await t.ctx.audit.record({
        principal: systemPrincipal(),
        action: 'test.entry',
        outcome: 'success',
        details: { i },
      });
    const ok = await verifyAuditChain(t.ctx.db);
    expect(ok.ok).toBe(true);
    return ok.headSeq;
  }

  it('detects an altered entry', async () => {
    const head = await freshChain();
    await sql`UPDATE audit_log SET outcome = 'failure' WHERE seq = ${head - 2}`.execute(t.ctx.db);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.failure?.seq).toBe(head - 2);
    expect(result.failure?.reason).toContain('altered');
    await sql`UPDATE audit_log SET outcome = 'success' WHERE seq = ${head - 2}`.execute(t.ctx.db);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('detects altered details (JSON) too', async () => {
    const head = await freshChain();
    await sql`UPDATE audit_log SET details = '{"i": 99}'::jsonb WHERE seq = ${head}`.execute(t.ctx.db);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.failure?.seq).toBe(head);
    await sql`UPDATE audit_log SET details = '{"i": 4}'::jsonb WHERE seq = ${head}`.execute(t.ctx.db);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('detects a removed entry', async () => {
    const head = await freshChain();
    await sql`DELETE FROM audit_log WHERE seq = ${head - 3}`.execute(t.ctx.db);
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.ok).toBe(false);
    // Named at the entry that follows the gap in its chain.
    expect(result.failure?.seq).toBe(head - 2);
    expect(result.failure?.reason).toContain('missing');
  });

  it('detects reordered entries', async () => {
    // Start a clean chain in a new app so the previous test's damage does not mask this one.
    const other = await createTestApp();
    try {
      for (let i = 0; i < 5; i++)
        await other.ctx.audit.record({
          principal: systemPrincipal(),
          action: 'test.entry',
          outcome: 'success',
          details: { i },
        });
      const head = (await verifyAuditChain(other.ctx.db)).headSeq;
      // Swap the positions of two entries.
      await sql`UPDATE audit_log SET seq = -1 WHERE seq = ${head - 1}`.execute(other.ctx.db);
      await sql`UPDATE audit_log SET seq = ${head - 1} WHERE seq = ${head - 2}`.execute(other.ctx.db);
      await sql`UPDATE audit_log SET seq = ${head - 2} WHERE seq = -1`.execute(other.ctx.db);
      const result = await verifyAuditChain(other.ctx.db);
      expect(result.ok).toBe(false);
      expect(result.failure?.seq).toBe(head - 2);
      expect(result.failure?.reason).toMatch(/missing \(removed or moved\)/);
      // Putting them back, then renumbering an entry within its chain, breaks its hash.
      await sql`UPDATE audit_log SET seq = -1 WHERE seq = ${head - 1}`.execute(other.ctx.db);
      await sql`UPDATE audit_log SET seq = ${head - 1} WHERE seq = ${head - 2}`.execute(other.ctx.db);
      await sql`UPDATE audit_log SET seq = ${head - 2} WHERE seq = -1`.execute(other.ctx.db);
      expect((await verifyAuditChain(other.ctx.db)).ok).toBe(true);
      await sql`UPDATE audit_log SET prev_hash = ${'f'.repeat(64)} WHERE seq = ${head}`.execute(other.ctx.db);
      const relinked = await verifyAuditChain(other.ctx.db);
      expect(relinked.failure?.seq).toBe(head);
      expect(relinked.failure?.reason).toContain('does not follow');
    } finally {
      await other.close();
    }
  });

  it('still verifies the single chain written before writers had chains of their own', async () => {
    const other = await createTestApp();
    try {
      const db = other.ctx.db;
      await other.ctx.audit.flush();
      await sql`DELETE FROM audit_log`.execute(db);
      // Three entries as the original writer made them: numbered by seq, no chain.
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const entry = {
          seq,
          id: newId(),
          at: new Date(Date.UTC(2026, 0, seq)).toISOString(),
          principalType: 'system',
          principalId: 'system',
          principalName: 'Concord',
          agencyCode: 'SECRETARIAT',
          action: 'test.legacy',
          objectType: null,
          objectId: null,
          objectAgency: null,
          outcome: 'success',
          requestId: null,
          queryFingerprint: null,
          resultCount: null,
          details: { seq },
          prevHash,
        };
        const hash = entryHash(entry);
        await db
          .insertInto('audit_log')
          .values({
            seq,
            id: entry.id,
            at: new Date(entry.at),
            principal_type: entry.principalType,
            principal_id: entry.principalId,
            principal_name: entry.principalName,
            agency_code: entry.agencyCode,
            action: entry.action,
            outcome: entry.outcome,
            details: entry.details,
            prev_hash: prevHash,
            hash,
          })
          .execute();
        prevHash = hash;
      }
      // As migration 0008 does: new entries are numbered after the old ones.
      await sql`SELECT setval('audit_log_seq', 3)`.execute(db);
      const writer = new AuditWriter(db, other.clock);
      for (let i = 0; i < 2; i++)
        await writer.record({ principal: systemPrincipal(), action: 'test.after', outcome: 'success' });
      const verified = await verifyAuditChain(db);
      expect(verified.ok).toBe(true);
      expect(verified.chains).toEqual([
        { chain: null, entries: 3, headHash: prevHash },
        { chain: writer.chain, entries: 2, headHash: verified.headHash },
      ]);
      await sql`UPDATE audit_log SET details = '{"seq": 9}'::jsonb WHERE seq = 2`.execute(db);
      const broken = await verifyAuditChain(db);
      expect(broken.failure).toMatchObject({ seq: 2 });
      expect(broken.failure?.reason).toContain('altered');
    } finally {
      await other.close();
    }
  });
});

describe('where requests came from', () => {
  it('is recorded with each entry: a failed sign-in’s, and what a signed-in officer did', async () => {
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '203.0.113.9',
      payload: { username: 'ke.officer', password: 'not the password at all' },
    });
    expect(failed.statusCode).toBe(401);
    const officer = await signIn(t.app, 'ke.officer');
    await as(t.app, officer)('GET', '/api/v1/records');
    await t.ctx.audit.flush();
    const latest = (action: string, outcome: string) =>
      t.ctx.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', action)
        .where('outcome', '=', outcome)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
    expect((await latest('auth.login', 'failure')).details).toMatchObject({ clientAddress: '203.0.113.9' });
    expect((await latest('record.list', 'success')).details).toMatchObject({ clientAddress: '127.0.0.1' });

    // Another agency's officer reading a Kenyan record: Kenya sees what was done, not from where.
    const record = (
      await as(t.app, officer)('POST', '/api/v1/records', {
        kind: 'travel-document',
        data: { number: 'CA1234567', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
      })
    ).json();
    const fr = await signIn(t.app, 'fr.officer');
    expect((await as(t.app, fr)('GET', `/api/v1/records/${record.id}`)).statusCode).toBe(200);
    await t.ctx.audit.flush();
    const readBy = async (username: string) =>
      (
        await as(t.app, await signIn(t.app, username))(
          'GET',
          `/api/v1/audit?objectId=${record.id}&action=record.read`,
        )
      ).json().items[0];
    const atOwner = await readBy('ke.admin');
    expect(atOwner).toMatchObject({ principalName: 'fr.officer', action: 'record.read' });
    expect(atOwner.details ?? {}).not.toHaveProperty('clientAddress');
    expect((await readBy('fr.admin')).details).toMatchObject({ clientAddress: '127.0.0.1' });
  });
});
