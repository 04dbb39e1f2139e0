import { type Compilable, CompiledQuery, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers.ts';
import { insertUnlessActive } from '../messaging/keys.ts';
import { ackStatement } from '../messaging/read.ts';
import { dueStatement, lapsingStatement } from '../messaging/urgent/clocks.ts';
import { openStatement } from '../messaging/urgent/dashboard.ts';
import { urgentSettings } from '../messaging/urgent/directory.ts';
import { listStatement as urgentListStatement } from '../messaging/urgent/service.ts';
import { activeSigningKey } from '../notices/signing.ts';
import { expiryStatement } from '../notices/workflow.ts';
import { dueForNoticeStatement, lapsingStatement as recordsLapsingStatement } from '../records/jobs.ts';
import { hitNotificationsStatement } from '../records/notifications.ts';
import { dueForReviewStatement, endedStatement } from '../records/service.ts';
import { sharedByListsStatement, sharedWindowStatement } from '../records/shared.ts';
import type { Tables } from './db-schema.ts';

/**
 * PostgreSQL plans a prepared statement generically after a few executions on a connection,
 * with its parameters unknown; a statement that works with its values known can then fail.
 * These run on a connection that plans generically from the first execution. (The embedded
 * database's driver does not keep prepared statements: PostgreSQL server only.)
 */
let t: Awaited<ReturnType<typeof createTestContext>>;

/** Ends a transaction whose writes were only there to be planned against. */
class Rollback extends Error {
  constructor(readonly plan: unknown) {
    super('rolled back on purpose');
  }
}

type PlanNode = Record<string, unknown>;

/**
 * The plan PostgreSQL keeps for a statement once it plans it generically, run once (EXPLAIN
 * ANALYZE) on the rows `setup` writes: all in a transaction that is rolled back, so the rows
 * are never analysed (as a table grows between autovacuum's visits). Its nodes, flattened.
 */
async function genericPlan(
  setup: (trx: Transaction<Tables>, now: Date) => Promise<void>,
  statement: (trx: Transaction<Tables>, now: Date) => Compilable<unknown>,
): Promise<PlanNode[]> {
  const plan = await t.ctx.db
    .transaction()
    .execute(async (trx) => {
      const now = t.clock.now();
      await setup(trx, now);
      await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(trx);
      // Index paths only: on a table this small a sequential scan would win and hide the choice.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const compiled = statement(trx, now).compile();
      // Prepared, then executed: the plan PostgreSQL keeps for the statement, made without
      // its parameters' values (EXPLAIN of the statement itself would plan for them).
      await trx.executeQuery(CompiledQuery.raw(`PREPARE generic_plan AS ${compiled.sql}`));
      // Prepared statements outlive a rollback, and a transaction aborted by a failed EXECUTE
      // runs nothing more: back to here first, so that the pooled connection never keeps this
      // one (the next plan's PREPARE on it would fail, hiding what failed first).
      await sql`SAVEPOINT prepared`.execute(trx);
      let explained: { rows: { 'QUERY PLAN': unknown }[] };
      try {
        const { rows: prepared } = await sql<{ types: string[] }>`
          SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = 'generic_plan'`.execute(
          trx,
        );
        // EXECUTE takes no bound parameters: its arguments as literals (the test's own values).
        const literal = (value: unknown, type: string) => {
          const text = Array.isArray(value)
            ? `{${value.join(',')}}`
            : value instanceof Date
              ? value.toISOString()
              : String(value);
          return `'${text.replaceAll("'", "''")}'::${type}`;
        };
        const args = prepared[0]!.types.map((type, i) => literal(compiled.parameters[i], type)).join(', ');
        explained = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE generic_plan${args ? `(${args})` : ''}`),
        );
      } finally {
        await sql`ROLLBACK TO SAVEPOINT prepared`.execute(trx);
        await trx.executeQuery(CompiledQuery.raw('DEALLOCATE generic_plan'));
      }
      throw new Rollback(explained.rows[0]!['QUERY PLAN']);
    })
    .catch((error) => {
      if (error instanceof Rollback) return error.plan;
      throw error;
    });
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    for (const child of (node.Plans as PlanNode[] | undefined) ?? []) walk(child);
  };
  walk((plan as { Plan: PlanNode }[])[0]!.Plan);
  return nodes;
}

/** The node that reads the table (not the one that writes it). */
function scanOf(plan: PlanNode[], table: string): PlanNode | undefined {
  return plan.find((n) => n['Relation Name'] === table && n['Node Type'] !== 'ModifyTable');
}

/** `count` messages from FR to KE (a retired key of FR's signs them), their ids in order. */
async function messages(trx: Transaction<Tables>, kid: string, count: number): Promise<string[]> {
  const now = t.clock.now();
  await sql`
    INSERT INTO agency_keys (kid, agency_code, use, custody, public_jwk, status, created_at, created_by)
    VALUES (${kid}, 'FR', 'sig', 'self', '{}'::jsonb, 'retired', ${now}, 'test')`.execute(trx);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO messages (id, reference, thread_id, from_agency, sent_by, priority, handling, tlp, recipients,
                          header, signature, signer_kid, jwe_protected, jwe_iv, jwe_ciphertext, jwe_tag, size, sent_at)
    SELECT gen_random_uuid(), ${kid}::text || '-' || g, gen_random_uuid(), 'FR', 'test', 'routine', 'H0', 'GREEN', ARRAY['KE'],
      '{}'::jsonb, 's', ${kid}::text, 'p', 'iv', '\\x00'::bytea, 't', 1, ${now}
    FROM generate_series(1, ${count}::int) g
    ORDER BY g
    RETURNING id`.execute(trx);
  return rows.map((r) => r.id);
}
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** 2,000 urgent requests closed long ago, 2 open and overdue, 2 executed whose preservation lapsed. */
async function urgentRequests(trx: Transaction<Tables>, now: Date): Promise<void> {
  const [message] = await messages(trx, 'generic-plan-urgent', 1);
  await sql`
    INSERT INTO urgent_requests (id, reference, type, from_agency, to_agency, to_country, status, message_id,
      thread_id, created_by, created_at, ack_due_at, complete_due_at, preserved_until, updated_at)
    SELECT gen_random_uuid(), 'PLAN-U-' || g, 'preservation', 'FR', 'KE', 'KE',
      CASE WHEN g <= 2 THEN 'sent' WHEN g <= 4 THEN 'executed' ELSE (ARRAY['executed', 'refused', 'expired'])[g % 3 + 1] END,
      ${message}::uuid, gen_random_uuid(), 'test', ${now}::timestamptz - interval '30 days',
      ${now}::timestamptz - interval '1 hour', ${now}::timestamptz + interval '1 day',
      CASE WHEN g BETWEEN 3 AND 4 THEN ${now}::timestamptz - interval '1 hour' END, ${now}
    FROM generate_series(1, 2004) g`.execute(trx);
}

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

  it('acknowledge deliveries by their ids, not by reading the whole mailbox', async () => {
    // A mailbox of 2,000 copies already taken and 3 waiting, written in a transaction that is
    // rolled back and never analysed (as a busy mailbox grows between autovacuum's visits);
    // then the plan PostgreSQL keeps for the ack statement, run for two of the three.
    let ids: string[] = [];
    const plan = await genericPlan(
      async (trx, now) => {
        ids = await messages(trx, 'generic-plan-ack', 2003);
        // A third the sender's own copies (role 'self'), as a mailbox that also sends holds.
        await sql`
          INSERT INTO message_recipients (message_id, agency, role, kid, header, encrypted_key, fetched_at)
          SELECT id, 'KE', CASE WHEN n % 3 = 0 THEN 'self' ELSE 'to' END, 'generic-plan-ack', '{}'::jsonb, 'k',
            CASE WHEN n > 3 THEN ${now}::timestamptz END
          FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS m(id, n)`.execute(trx);
      },
      (trx, now) => ackStatement(trx, ids.slice(0, 2), ['KE'], now),
    );
    const scan = scanOf(plan, 'message_recipients');
    expect(scan?.['Actual Rows']).toBe(2);
    // Read: what it updated, plus what it looked at and put aside.
    expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBeLessThanOrEqual(3);
  });

  it('run the 24/7 clocks over the open and the preserved requests, not every request ever made', async () => {
    const settings = await urgentSettings(t.ctx.db);
    for (const statement of [
      (trx: Transaction<Tables>, now: Date) => dueStatement(trx, settings, now, []),
      (trx: Transaction<Tables>, now: Date) => lapsingStatement(trx, settings, now),
    ]) {
      const scan = scanOf(await genericPlan(urgentRequests, statement), 'urgent_requests');
      expect(scan?.['Actual Rows']).toBe(2);
      expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBe(0);
    }
  });

  it('show the network’s open requests on the 24/7 dashboard, not read every request', async () => {
    const scan = scanOf(
      await genericPlan(urgentRequests, (trx) => openStatement(trx, sql<boolean>`true`)),
      'urgent_requests',
    );
    // The two open ones (the dashboard takes every open request, due or not).
    expect(scan?.['Actual Rows']).toBe(2);
    expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBe(0);
  });

  it('list an agency’s open and overdue requests from the open ones, not walk every request', async () => {
    for (const query of [{ status: 'open' as const }, { overdue: true }, { status: 'sent' as const }]) {
      const plan = await genericPlan(urgentRequests, (trx, now) =>
        urgentListStatement(trx, ['KE'], query, now),
      );
      // From the index of open requests: the two open (and overdue) ones read, none of the 2,002
      // closed (all of them KE's too, so the bitmap of KE's requests is ANDed with it).
      expect(plan.map((n) => n['Index Name'])).toContain('urgent_requests_open');
      const read = scanOf(plan, 'urgent_requests');
      expect(read?.['Actual Rows']).toBe(2);
      expect(Number(read?.['Rows Removed by Filter'] ?? 0)).toBe(0);
      expect(plan[0]?.['Actual Rows']).toBe(2);
    }
  });

  it('list a bureau’s hit notifications from its own entries, not walk the network’s', async () => {
    // 2,000 notifications of FR's on 200 records, 3 of KE's side (2 of KE-CYBER's, 1 of KE's),
    // read; analysed.
    let keRecord = '';
    const hits = async (trx: Transaction<Tables>, now: Date) => {
      const { rows } = await sql<{ id: string; owner_agency: string }>`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
          created_by, created_at, updated_by, updated_at)
        SELECT gen_random_uuid(), 'person', CASE WHEN g <= 2 THEN 'KE-CYBER' WHEN g = 3 THEN 'KE' ELSE 'FR' END,
          '{}'::jsonb, 'plan', '{"visibility": "all"}'::jsonb, 'active', 1, ${now}::timestamptz + interval '5 years',
          'test', ${now}, 'test', ${now}
        FROM generate_series(1, 203) g
        RETURNING id, owner_agency`.execute(trx);
      keRecord = rows.find((r) => r.owner_agency === 'KE')!.id;
      await sql`
        INSERT INTO hit_notifications (id, record_id, owner_agency, searcher_agency, outcome, scheme, at, read_at)
        SELECT gen_random_uuid(), r.id, r.owner_agency, 'BR', 'hit', 'passport', ${now}, ${now}
        FROM (SELECT id, owner_agency, row_number() OVER () AS n FROM records WHERE summary = 'plan') r,
          generate_series(1, 10) g
        WHERE r.owner_agency <> 'FR' AND g = 1 OR r.owner_agency = 'FR'`.execute(trx);
      await sql`ANALYZE hit_notifications`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    const owners = ['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA'];
    for (const [query, expected] of [
      [{}, 3],
      [{ unread: true }, 0],
      [{ recordId: 'record' }, 1],
    ] as const) {
      const plan = await genericPlan(hits, (trx) => {
        const q = 'recordId' in query ? { recordId: keRecord } : query;
        const statement = hitNotificationsStatement(owners, q, 51);
        return { compile: () => statement.compile(trx) };
      });
      // Each owner's (or the record's) entries, then the page's rows by id: never FR's 2,000.
      for (const read of plan.filter((n) => n['Relation Name'] === 'hit_notifications' || n['Index Name'])) {
        expect(Number(read['Actual Rows'])).toBeLessThanOrEqual(3);
        expect(Number(read['Rows Removed by Filter'] ?? 0)).toBe(0);
      }
      expect(plan[0]?.['Actual Rows']).toBe(expected);
    }
  });

  it('expire the notices past their validity, not read every notice in force each minute', async () => {
    // 2,000 notices in force for another year; a published and a suspended one past validity.
    const plan = await genericPlan(
      async (trx, now) => {
        await sql`
          INSERT INTO notices (id, reference, kind, type, status, requester_agency, created_by, created_by_name,
            data, audience, valid_until, created_at, updated_at)
          SELECT gen_random_uuid(), 'PLAN-N-' || g, 'notice', 'red', CASE WHEN g = 2 THEN 'suspended' ELSE 'published' END,
            'FR', 'test', 'test', '{}'::jsonb, '{}'::jsonb,
            ${now}::timestamptz + CASE WHEN g <= 2 THEN interval '-1 day' ELSE interval '1 year' END, ${now}, ${now}
          FROM generate_series(1, 2002) g`.execute(trx);
      },
      (trx, now) => expiryStatement(trx, now, 200),
    );
    const scan = scanOf(plan, 'notices');
    expect(scan?.['Actual Rows']).toBe(2);
    expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBe(0);
  });

  it('list an agency’s lapsed and deleted records, not walk every record', async () => {
    // 2,000 active records of KE's, 2 lapsed and 2 deleted; analysed, as a records table of
    // any age is (with no statistics the planner took KE's index for either form).
    const records = async (trx: Transaction<Tables>, now: Date) => {
      await sql`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at, ended_at,
          created_by, created_at, updated_by, updated_at)
        SELECT gen_random_uuid(), 'person', 'KE', '{}'::jsonb, 'plan', '{"visibility": "all"}'::jsonb,
          CASE WHEN g <= 2 THEN 'lapsed' WHEN g <= 4 THEN 'deleted' ELSE 'active' END, 1,
          ${now}::timestamptz + interval '5 years', CASE WHEN g <= 4 THEN ${now}::timestamptz END,
          'test', ${now}, 'test', ${now}
        FROM generate_series(1, 2004) g`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    for (const status of ['lapsed', 'deleted'] as const) {
      const plan = await genericPlan(records, (trx, now) => endedStatement(trx, ['KE'], status, {}, now));
      const scan = scanOf(plan, 'records');
      expect(scan?.['Actual Rows']).toBe(2);
      // At most the other ended ones (the index of ended records holds both states).
      expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBeLessThanOrEqual(2);
    }
  });

  it('list an agency’s records due for review from its own entries, not walk every record', async () => {
    // 2,000 records of other owners due for review, 2,000 of KE's years from it, 2 of KE's and
    // 1 of KE-CYBER's due; analysed.
    const records = async (trx: Transaction<Tables>, now: Date) => {
      await sql`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
          created_by, created_at, updated_by, updated_at)
        SELECT gen_random_uuid(), 'person', CASE WHEN g <= 2 OR g > 2003 THEN 'KE' WHEN g = 3 THEN 'KE-CYBER' ELSE 'FR' END,
          '{}'::jsonb, 'plan', '{"visibility": "all"}'::jsonb, 'active', 1,
          ${now}::timestamptz + CASE WHEN g > 2003 THEN interval '5 years' ELSE interval '30 days' END,
          'test', ${now}, 'test', ${now}
        FROM generate_series(1, 4003) g`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    const plan = await genericPlan(records, (trx, now) => {
      const statement = dueForReviewStatement(['KE', 'KE-CYBER'], { kind: 'person' }, now);
      return { compile: () => statement.compile(trx) };
    });
    const indexes = plan.filter((n) => n['Index Name']).map((n) => [n['Index Name'], n['Index Cond']]);
    // Each owner's due entries (2 and 1) from the review index, then the page's 3 rows by id.
    expect(indexes).toEqual([
      ['records_due_for_review', '((owner_agency = o.owner) AND (review_at <= $2))'],
      ['records_pkey', '(id = ANY ($1))'],
    ]);
    for (const read of plan.filter((n) => n['Relation Name'] === 'records' || n['Index Name'])) {
      expect(Number(read['Actual Rows'])).toBeLessThanOrEqual(3);
      expect(Number(read['Rows Removed by Filter'] ?? 0)).toBe(0);
    }
  });

  it('remind owners of due records and lapse those past their review date, not walk every record', async () => {
    // 2,000 of KE's records years from review, 2 due within six months, 2 past the date.
    const records = async (trx: Transaction<Tables>, now: Date) => {
      await sql`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
          created_by, created_at, updated_by, updated_at)
        SELECT gen_random_uuid(), 'person', 'KE', '{}'::jsonb, 'plan', '{"visibility": "all"}'::jsonb, 'active', 1,
          ${now}::timestamptz + CASE WHEN g <= 2 THEN interval '30 days' WHEN g <= 4 THEN interval '-1 day'
            ELSE interval '5 years' END,
          'test', ${now}, 'test', ${now}
        FROM generate_series(1, 2004) g`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    for (const [statement, expected] of [
      [dueForNoticeStatement, 4],
      [recordsLapsingStatement, 2],
    ] as const) {
      const plan = await genericPlan(records, (trx, now) => {
        const raw = statement(now);
        return { compile: () => raw.compile(trx) };
      });
      // One owner's range of the review index per agency, bounded by the date: nothing else read.
      const reads = plan.filter((n) => n['Relation Name'] === 'records');
      expect(reads.map((n) => n['Index Name'])).toEqual(['records_due_for_review']);
      expect(String(reads[0]!['Index Cond'])).toMatch(/owner_agency = .*review_at <=/);
      expect(plan[0]?.['Actual Rows']).toBe(expected);
    }
  });

  it('list what was shared with a reader from the newest allow-list records and a feed’s updates, not all it was named in', async () => {
    // 2,000 records open to every member, the newest; 2,000 allow-listed for FR, updated a day
    // ago; 3 more for FR, updated now. Ids in that order.
    const records = async (trx: Transaction<Tables>, now: Date) => {
      await sql`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
          created_by, created_at, updated_by, updated_at)
        SELECT (CASE WHEN g > 2003 THEN 'f' ELSE 'a' END || lpad(to_hex(g), 7, '0') || '-0000-7000-8000-000000000000')::uuid,
          'person', 'KE', '{}'::jsonb, 'plan',
          CASE WHEN g > 2003 THEN '{"visibility": "all"}' ELSE '{"visibility": "allow", "agencies": ["FR"]}' END::jsonb,
          'active', 1, ${now}::timestamptz + interval '5 years', 'test', ${now}, 'test',
          ${now}::timestamptz - CASE WHEN g <= 2000 THEN interval '1 day' ELSE interval '0' END
        FROM generate_series(1, 4003) g`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    const names = { agencies: ['FR'], countries: ['FR'] };
    for (const [since, index] of [
      [undefined, 'records_shared_newest'],
      [1, 'records_shared_updated'],
    ] as const) {
      const plan = await genericPlan(records, (trx, now) => {
        const statement = sharedWindowStatement(
          names,
          ['FR'],
          {},
          since ? new Date(now.getTime() - 3_600_000) : undefined,
          5,
          3,
        );
        return { compile: () => statement.compile(trx) };
      });
      const window = plan.find((n) => n['Relation Name'] === 'records')!;
      expect(window['Index Name']).toBe(index);
      // The window's rows (3 updated since, or the newest 5 + 1), nothing put aside.
      expect(Number(window['Actual Rows'])).toBeLessThanOrEqual(since ? 3 : 6);
      expect(Number(window['Rows Removed by Filter'] ?? 0)).toBe(0);
    }
  });

  it('look up what the windows cannot say by the allow lists’ index, not by walking every allow-list record', async () => {
    // 20,000 allow-list records for FR (at a few thousand, reading them all costs less than
    // the lists' index, and the planner rightly says so); the lookup is for US, named in none.
    const records = async (trx: Transaction<Tables>, now: Date) => {
      await sql`
        INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
          created_by, created_at, updated_by, updated_at)
        SELECT gen_random_uuid(), 'person', 'KE', '{}'::jsonb, 'plan',
          '{"visibility": "allow", "agencies": ["FR"], "countries": ["FR"]}'::jsonb, 'active', 1,
          ${now}::timestamptz + interval '5 years', 'test', ${now}, 'test', ${now}
        FROM generate_series(1, 20000) g`.execute(trx);
      await sql`ANALYZE records`.execute(trx);
    };
    const plan = await genericPlan(records, (trx) => {
      const statement = sharedByListsStatement(
        { agencies: ['US'], countries: ['US'] },
        ['US'],
        {},
        undefined,
        'ffffffff-0000-7000-8000-000000000000',
        3,
      );
      return { compile: () => statement.compile(trx) };
    });
    const indexes = plan.map((n) => n['Index Name']).filter(Boolean);
    expect(indexes).toEqual(expect.arrayContaining(['records_shared_agencies', 'records_shared_countries']));
    for (const n of plan.filter((n) => n['Relation Name'] === 'records'))
      expect(Number(n['Actual Rows'])).toBe(0);
  });

  it('plan again after a statement that fails as it runs (its prepared statement not kept)', async () => {
    const failing = (trx: Transaction<Tables>) => trx.selectNoFrom(sql<number>`1 / ${0}::int`.as('x'));
    await expect(genericPlan(async () => {}, failing)).rejects.toThrow(/division by zero/);
    // Each on a connection the pool gives back: the failed one's, when it kept its statement,
    // failed with "prepared statement already exists".
    for (let i = 0; i < 3; i++)
      expect(
        await genericPlan(
          async () => {},
          (trx) => trx.selectNoFrom(sql<number>`1`.as('x')),
        ),
      ).not.toHaveLength(0);
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
