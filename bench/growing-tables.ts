/**
 * Reads of the tables that grow with use, at a size, through the services the API calls,
 * against the same reads as they were written before (the filter walking the table newest
 * first, with the indexes added since dropped inside a transaction that is rolled back):
 *
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/growing-tables.ts
 *
 * - the audit log (BENCH_AUDIT entries, 2,000,000): one record's entries, a user with no
 *   entries, one day 200 days ago (the network auditor), the same day for a bureau;
 * - a bureau's inbox (BENCH_MESSAGES, 1,000,000; 40% to the bureau, none unread, all routine):
 *   unread only, flash only, a day with no messages, one day 60 days ago (and the sender's sent
 *   box for that day), the page after a cursor 30 days back;
 * - an agency's webhook delivery log (BENCH_DELIVERIES, 1,000,000): no status filter;
 * - a bureau's review queue (BENCH_RECORDS, 2,000,000 records of 200 other owners, a tenth of
 *   them due for review within six months; the bureau's 5,000 with 20 due): against the
 *   network-wide review index it replaced (migration 0048), built for the comparison;
 * - records shared with a bureau (a twentieth of the same records name France in a country
 *   list, a tenth are allow-listed): its list and its feed's poll a minute after the last,
 *   against the allow lists' indexes alone (migration 0049's dropped);
 * - a bureau's hit notifications (BENCH_HITS, 2,000,000 of 200 other owners; the bureau's and
 *   its units' 2,000, all read): the whole list and unread only;
 * - a bureau's 24/7 requests (BENCH_URGENT, 500,000 between other agencies, closed; the
 *   bureau's 1,000, one open): open only and overdue only, under a kept (generic) plan.
 *
 * The rows are synthetic (written by SQL, not through the API: a million audited searches
 * would take an hour here); only their shape and spread matter to these reads. Each figure is
 * the median of BENCH_REPEATS (7) reads after one warm-up. Own database, dropped after
 * (BENCH_KEEP=1 keeps it).
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Principal } from '../src/access/principal.ts';
import { queryAudit } from '../src/audit/service.ts';
import { firstStart } from '../src/identity/seed.ts';
import { listMessages, pageKeys } from '../src/messaging/read.ts';
import { listStatement as urgentListStatement } from '../src/messaging/urgent/service.ts';
import { listDeliveries } from '../src/messaging/webhooks.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { firstIdAt } from '../src/platform/ids.ts';
import { listHitNotifications } from '../src/records/notifications.ts';
import { listOwnRecords, REVIEW_NOTICE_MS } from '../src/records/service.ts';
import { listSharedRecords } from '../src/records/shared.ts';
import { benchPostgres } from './postgres-client.ts';

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark makes its own database).');
  process.exit(2);
}
const AUDIT = Number(process.env.BENCH_AUDIT ?? 2_000_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const HITS = Number(process.env.BENCH_HITS ?? 2_000_000);
const URGENT = Number(process.env.BENCH_URGENT ?? 500_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);

const dbName = `concord_bench_growth_${Date.now()}`;
const admin = benchPostgres(adminUrl, { max: 1 });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
console.log(
  `Growing tables — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; ` +
    `${AUDIT.toLocaleString('en')} audit entries, ${MESSAGES.toLocaleString('en')} messages, ` +
    `${DELIVERIES.toLocaleString('en')} webhook deliveries, ${RECORDS.toLocaleString('en')} records; median of ${REPEATS}`,
);
const ctx = await createContext(
  loadConfig({
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'warn',
    CONCORD_DEMO_PASSWORD: 'bench-password-123',
    CONCORD_ADMIN_PASSWORD: 'bench-password-123',
  }),
);
await firstStart(ctx, { demo: true });
const db = ctx.db;
const now = ctx.clock.now();

async function timed(label: string, fill: () => Promise<unknown>) {
  const t0 = performance.now();
  await fill();
  console.log(`  ${label} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

console.log('Filling:');
await timed('audit log', () =>
  sql`
    INSERT INTO audit_log (id, at, principal_type, principal_id, principal_name, agency_code, action,
                           object_type, object_id, object_agency, outcome, prev_hash, hash)
    SELECT gen_random_uuid(), ${now}::timestamptz - make_interval(secs => (${AUDIT} - g) * 10),
      'user', 'p-' || (g % 997), 'user' || (g % 997),
      CASE WHEN g % 100 < 30 THEN 'KE' WHEN g % 100 < 60 THEN 'FR' ELSE 'BR' END,
      CASE WHEN g % 10 < 7 THEN 'search.identifiers' WHEN g % 10 < 9 THEN 'record.read' ELSE 'record.update' END,
      CASE WHEN g % 10 >= 7 THEN 'record' END,
      CASE WHEN g % 10 >= 7 THEN md5((g % 1000000)::text) END,
      CASE WHEN g % 10 >= 7 THEN (CASE WHEN g % 7 = 0 THEN 'KE' ELSE 'FR' END) END,
      'success', 'x', 'x'
    FROM generate_series(1, ${AUDIT}) g`.execute(db),
);
// The messages are never opened here: a key row for them to name is enough. Their ids carry
// their sending time, one every 10 s, as the server makes them (src/messaging/message-time.ts).
const kid = 'bench-signing-key';
await sql`
  INSERT INTO agency_keys (kid, agency_code, use, custody, public_jwk, status, created_at, created_by)
  VALUES (${kid}, 'FR', 'sig', 'self', '{}'::jsonb, 'retired', ${now}, 'bench')`.execute(db);
await timed('messages', async () => {
  await sql`
    INSERT INTO messages (id, reference, thread_id, from_agency, sent_by, priority, handling, tlp, recipients,
                          header, signature, signer_kid, jwe_protected, jwe_iv, jwe_ciphertext, jwe_tag, size, sent_at)
    SELECT (lpad(to_hex(${now.getTime()}::bigint - (${MESSAGES}::bigint - g) * 10000), 12, '0') || '70008000' ||
            lpad(to_hex(g), 12, '0'))::uuid,
      'BENCH-' || g, gen_random_uuid(), 'FR', 'bench', 'routine', 'H0', 'GREEN', ARRAY['KE'], '{}'::jsonb,
      's', ${kid}, 'p', 'iv', '\\x00'::bytea, 't', 100, ${now}::timestamptz - make_interval(secs => (${MESSAGES} - g) * 10)
    FROM generate_series(1, ${MESSAGES}) g`.execute(db);
  await sql`
    INSERT INTO message_recipients (message_id, agency, role, kid, header, encrypted_key, fetched_at, read_at)
    SELECT id, CASE WHEN g % 10 < 4 THEN 'KE' WHEN g % 10 < 7 THEN 'BR' ELSE 'US' END, 'to', ${kid}, '{}'::jsonb, 'k',
      ${now}, CASE WHEN g % 10 < 4 THEN ${now}::timestamptz END
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS g FROM messages WHERE reference LIKE 'BENCH-%') m`.execute(
    db,
  );
});
await timed('webhook deliveries', async () => {
  await sql`
    INSERT INTO webhooks (id, agency, url, secret_sealed, created_by, created_at)
    VALUES ('00000000-0000-4000-8000-000000000001', 'KE', 'https://hooks.example.org/concord', 'x', 'bench', ${now})`.execute(
    db,
  );
  await sql`
    INSERT INTO webhook_deliveries (id, webhook_id, agency, event_type, payload, status, attempts, next_attempt_at,
                                    created_at, delivered_at)
    SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'KE', 'message.received', '{}'::jsonb,
      CASE WHEN g % 1000 = 0 THEN 'dead' WHEN g % 997 = 0 THEN 'pending' ELSE 'delivered' END, 1, ${now},
      ${now}::timestamptz - make_interval(secs => (${DELIVERIES} - g) * 2), ${now}
    FROM generate_series(1, ${DELIVERIES}) g`.execute(db);
});
await timed('records', async () => {
  // Review dates spread over five years from now: a tenth fall within the six months' notice.
  await sql`
    INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
                         created_by, created_at, updated_by, updated_at)
    SELECT (lpad(to_hex(${now.getTime()}::bigint - (${RECORDS}::bigint - g) * 1000), 12, '0') || '70008000' ||
            lpad(to_hex(g), 12, '0'))::uuid,
      (ARRAY['person', 'vehicle', 'travel-document'])[g % 3 + 1], 'A' || (g % 200), '{}'::jsonb, 'bench',
      CASE WHEN g % 20 = 0 THEN '{"visibility": "allow", "agencies": ["US"], "countries": ["FR"]}'
           WHEN g % 10 = 0 THEN '{"visibility": "allow", "agencies": ["BR"]}'
           ELSE '{"visibility": "all"}' END::jsonb,
      CASE WHEN g % 50 = 1 THEN 'lapsed' ELSE 'active' END, 1,
      ${now}::timestamptz + make_interval(days => g % 1825), 'bench', ${now}, 'bench',
      ${now}::timestamptz - make_interval(secs => ${RECORDS} - g)
    FROM generate_series(1, ${RECORDS}) g`.execute(db);
  await sql`
    INSERT INTO agencies (code, name, kind, created_at, updated_at)
    SELECT 'A' || g, 'Agency ' || g, 'bureau', ${now}, ${now} FROM generate_series(0, 199) g`.execute(db);
  await sql`
    INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
                         created_by, created_at, updated_by, updated_at)
    SELECT gen_random_uuid(), 'person', 'KE', '{}'::jsonb, 'bench', '{"visibility": "all"}'::jsonb, 'active', 1,
      ${now}::timestamptz + CASE WHEN g <= 20 THEN interval '30 days' ELSE interval '3 years' END,
      'bench', ${now}, 'bench', ${now}
    FROM generate_series(1, 5000) g`.execute(db);
  // The index the review queue read before migration 0048, for the comparison below.
  await sql`CREATE INDEX records_review_before ON records (review_at) WHERE status = 'active'`.execute(db);
});
await timed('hit notifications', () =>
  sql`
    INSERT INTO hit_notifications (id, record_id, owner_agency, searcher_agency, outcome, scheme, at, read_at)
    SELECT (lpad(to_hex(${now.getTime()}::bigint - (${HITS}::bigint - g) * 15000), 12, '0') || '70008000' ||
            lpad(to_hex(g), 12, '0'))::uuid,
      (SELECT id FROM records WHERE owner_agency = 'KE' LIMIT 1),
      CASE WHEN g % 1000 = 0 THEN (ARRAY['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA'])[g / 1000 % 4 + 1] ELSE 'A' || (g % 200) END,
      'FR', 'hit', 'passport', ${now}::timestamptz - make_interval(secs => (${HITS} - g) * 15),
      CASE WHEN g % 1000 = 0 OR g % 7 <> 0 THEN ${now}::timestamptz END
    FROM generate_series(1, ${HITS}) g`.execute(db),
);
await timed('urgent requests', async () => {
  const [message] = (await sql<{ id: string }>`SELECT id FROM messages LIMIT 1`.execute(db)).rows;
  await sql`
    INSERT INTO urgent_requests (id, reference, type, from_agency, to_agency, to_country, status, message_id, thread_id,
      created_by, created_at, ack_due_at, complete_due_at, updated_at)
    SELECT (lpad(to_hex(${now.getTime()}::bigint - (${URGENT}::bigint - g) * 300000), 12, '0') || '70008000' ||
            lpad(to_hex(g), 12, '0'))::uuid, 'BENCH-U-' || g, 'preservation',
      CASE WHEN g % 500 = 0 THEN 'KE' ELSE 'FR' END, CASE WHEN g % 500 = 0 THEN 'BR' ELSE 'US' END, 'US',
      CASE WHEN g = ${URGENT} THEN 'sent' WHEN g % 3 = 0 THEN 'refused' ELSE 'executed' END,
      ${message!.id}::uuid, gen_random_uuid(), 'bench', ${now}::timestamptz - make_interval(secs => (${URGENT} - g) * 300),
      ${now}::timestamptz - interval '1 hour', ${now}::timestamptz + interval '1 day', ${now}
    FROM generate_series(1, ${URGENT}) g`.execute(db);
});
// Vacuumed as a table in use is (autovacuum): without the visibility map of a vacuumed table
// the planner costs index-only scans as heap reads, and whether autovacuum had passed before
// the reads decided which plan they got (unread only: 4 or 118 ms between two runs).
await sql`VACUUM ANALYZE`.execute(db);

const principal = (agency: string, kind: 'secretariat' | 'bureau', permissions: string[], roles: string[]) =>
  ({
    type: 'user',
    id: `bench-${agency}`,
    name: `bench.${agency.toLowerCase()}`,
    agency: { code: agency, kind, country: kind === 'bureau' ? agency : null, parentCode: null },
    roles,
    permissions: new Set(permissions),
  }) as unknown as Principal;
const networkAuditor = principal('SECRETARIAT', 'secretariat', ['audit:read'], ['auditor']);
const bureauAuditor = principal('KE', 'bureau', ['audit:read'], ['auditor']);
const bureauOfficer = principal(
  'KE',
  'bureau',
  ['messages:read', 'messaging:manage', 'records:read'],
  ['agency-admin'],
);

async function median(read: () => Promise<unknown>): Promise<number> {
  await read();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await read();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The read as it was: the plain filter newest first, with the given indexes out of the way. */
const before = (dropped: string[], statement: ReturnType<typeof sql>) =>
  median(() =>
    db
      .transaction()
      .execute(async (trx) => {
        for (const index of dropped) await sql.raw(`DROP INDEX ${index}`).execute(trx);
        await statement.execute(trx);
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      }),
  );
class Rollback extends Error {}

const NOBODY = '00000000-0000-7000-8000-00000000dead';
const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
const object = md5(700_007);
const rows: [string, number, number][] = [];
async function compare(label: string, was: Promise<number>, read: () => Promise<unknown>) {
  const b = await was;
  const a = await median(read);
  rows.push([label, b, a]);
}

await compare(
  'audit: one record’s entries (network)',
  before(
    ['audit_object'],
    sql`SELECT * FROM audit_log WHERE object_id = ${object} ORDER BY seq DESC LIMIT 51`,
  ),
  () => queryAudit(ctx, networkAuditor, { objectId: object }),
);
await compare(
  'audit: a user with no entries (network)',
  before(
    ['audit_anonymous'],
    sql`SELECT * FROM audit_log WHERE principal_id = ${NOBODY} OR principal_name = ${NOBODY} ORDER BY seq DESC LIMIT 51`,
  ),
  () => queryAudit(ctx, networkAuditor, { principal: NOBODY }),
);
await compare(
  'audit: one day 200 days ago (network)',
  before(
    [],
    sql`SELECT * FROM audit_log WHERE at >= ${day(200)} AND at < ${day(199)} ORDER BY seq DESC LIMIT 51`,
  ),
  () => queryAudit(ctx, networkAuditor, { from: day(200).toISOString(), to: day(199).toISOString() }),
);
const units = (await db.selectFrom('agencies').select('code').where('parent_code', '=', 'KE').execute()).map(
  (a) => a.code,
);
const kenya = ['KE', ...units];
await compare(
  'audit: one day 200 days ago (a bureau)',
  before(
    [],
    sql`SELECT * FROM audit_log WHERE (agency_code IN (${sql.join(kenya)}) OR object_agency IN (${sql.join(kenya)}))
        AND at >= ${day(200)} AND at < ${day(199)} ORDER BY seq DESC LIMIT 51`,
  ),
  () => queryAudit(ctx, bureauAuditor, { from: day(200).toISOString(), to: day(199).toISOString() }),
);
await compare(
  'inbox: unread only, none unread (a bureau)',
  before(
    ['message_recipients_unread'],
    sql`SELECT m.id FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.role = 'to' AND r.agency IN (${sql.join(kenya)}) AND r.read_at IS NULL ORDER BY m.id DESC LIMIT 51`,
  ),
  () => listMessages(ctx, bureauOfficer, { box: 'inbox', unread: true }),
);
await compare(
  'inbox: flash only, none (a bureau)',
  before(
    ['message_recipients_priority'],
    sql`SELECT m.id FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.role = 'to' AND r.agency IN (${sql.join(kenya)}) AND m.priority = 'flash' ORDER BY m.id DESC LIMIT 51`,
  ),
  () => listMessages(ctx, bureauOfficer, { box: 'inbox', priority: 'flash' }),
);
// Windows of sending time and a cursor. The synthetic messages cannot be opened (no real keys
// or signatures), so where the page has messages the figure is listMessages's first step,
// finding the page's keys (pageKeys), against the same filter as it was written before (on the
// sending time alone, the cursor on the message's column); where it is empty, the service.
const kenyaCopies = sql`FROM message_recipients r JOIN messages m ON m.id = r.message_id
  WHERE r.role = 'to' AND r.agency IN (${sql.join(kenya)})`;
const window = (from: Date, to: Date) => sql`m.sent_at >= ${from} AND m.sent_at < ${to}`;
const dayQuery = (daysAgo: number) => ({
  since: day(daysAgo).toISOString(),
  until: day(daysAgo - 1).toISOString(),
});
await compare(
  'inbox: a day before the first message (a bureau)',
  before([], sql`SELECT m.id ${kenyaCopies} AND ${window(day(200), day(199))} ORDER BY m.id DESC LIMIT 51`),
  () => listMessages(ctx, bureauOfficer, { box: 'inbox', ...dayQuery(200) }),
);
await compare(
  'inbox: one day 60 days ago, the page’s keys',
  before([], sql`SELECT m.id ${kenyaCopies} AND ${window(day(60), day(59))} ORDER BY m.id DESC LIMIT 51`),
  () => pageKeys(ctx, kenya, 'inbox', { box: 'inbox', ...dayQuery(60) }, undefined, 51),
);
const cursor30 = firstIdAt(day(30).getTime());
await compare(
  'inbox: after a cursor 30 days back, the keys',
  before([], sql`SELECT m.id ${kenyaCopies} AND m.id < ${cursor30} ORDER BY m.id DESC LIMIT 51`),
  () => pageKeys(ctx, kenya, 'inbox', { box: 'inbox' }, cursor30, 51),
);
await compare(
  'sent: one day 60 days ago, the page’s keys',
  before(
    [],
    sql`SELECT m.id FROM messages m WHERE m.from_agency = 'FR' AND ${window(day(60), day(59))} ORDER BY m.id DESC LIMIT 51`,
  ),
  () => pageKeys(ctx, ['FR'], 'sent', { box: 'sent', ...dayQuery(60) }, undefined, 51),
);
await compare(
  'webhook delivery log, no status filter',
  before(
    [],
    sql`SELECT * FROM webhook_deliveries WHERE agency = 'KE' ORDER BY created_at DESC, id DESC LIMIT 51`,
  ),
  () => listDeliveries(ctx, bureauOfficer, {}),
);
await compare(
  'records: the review queue (a bureau, 20 due)',
  before(
    ['records_due_for_review'],
    sql`SELECT * FROM records WHERE owner_agency IN (${sql.join(kenya)}) AND status = 'active'
        AND review_at <= ${new Date(now.getTime() + REVIEW_NOTICE_MS)} ORDER BY id DESC LIMIT 51`,
  ),
  () => listOwnRecords(ctx, bureauOfficer, { reviewDue: true }),
);
await sql`DROP INDEX records_review_before`.execute(db);
// France is named (by country) in 5% of the records, 100,000 of 2,000,000; a feed's poll a
// minute after the last, when about 3 of them changed.
const franceOfficer = principal('FR', 'bureau', ['records:read'], ['officer']);
const minuteAgo = new Date(now.getTime() - 60_000);
const sharedWere = (since?: Date) =>
  sql`SELECT * FROM records WHERE status = 'active' AND policy ->> 'visibility' = 'allow'
      AND ((policy -> 'agencies') ?| ${['FR']}::text[] OR (policy -> 'countries') ?| ${['FR']}::text[])
      AND owner_agency <> ALL(${['FR']}::text[]) ${since ? sql`AND updated_at >= ${since}` : sql``}
      ORDER BY id DESC LIMIT 51`;
const sharedIndexes = ['records_shared_newest', 'records_shared_updated'];
await compare('shared with me: a bureau named in 100,000', before(sharedIndexes, sharedWere()), () =>
  listSharedRecords(ctx, franceOfficer, { scope: 'shared' }),
);
await compare('shared with me: its feed a minute later', before(sharedIndexes, sharedWere(minuteAgo)), () =>
  listSharedRecords(ctx, franceOfficer, { scope: 'shared', updatedSince: minuteAgo.toISOString() }),
);
const hitsWere = (unread: boolean) =>
  sql`SELECT n.id, r.summary FROM hit_notifications n JOIN records r ON r.id = n.record_id
      WHERE n.owner_agency IN (${sql.join(kenya)}) ${unread ? sql`AND n.read_at IS NULL` : sql``}
      ORDER BY n.id DESC LIMIT 51`;
await compare('hits: a bureau’s list (2,000 of its own)', before([], hitsWere(false)), () =>
  listHitNotifications(ctx, bureauOfficer, {}),
);
await compare('hits: a bureau’s unread only (none)', before([], hitsWere(true)), () =>
  listHitNotifications(ctx, bureauOfficer, { unread: true }),
);
// A kept plan, as PostgreSQL settles on for a statement run often on a connection.
const generic = (statement: (c: typeof db) => Promise<unknown>) =>
  db.connection().execute(async (c) => {
    await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
    try {
      return await median(() => statement(c));
    } finally {
      await sql`RESET plan_cache_mode`.execute(c);
    }
  });
const urgentWere = (overdue: boolean) =>
  sql`SELECT * FROM urgent_requests WHERE (to_agency IN (${sql.join(kenya)}) OR from_agency IN (${sql.join(kenya)}))
      AND status IN (${sql.join(['sent', 'acknowledged', 'in-progress'])})
      ${overdue ? sql`AND ((status = ${'sent'} AND ack_due_at <= ${now}) OR (status IN (${sql.join(['sent', 'acknowledged', 'in-progress'])}) AND complete_due_at <= ${now}))` : sql``}
      ORDER BY id DESC LIMIT 51`;
for (const [label, query] of [
  ['24/7: a bureau’s open requests (kept plan)', { status: 'open' as const }],
  ['24/7: a bureau’s overdue ones (kept plan)', { overdue: true }],
] as const)
  rows.push([
    label,
    await generic((c) => urgentWere('overdue' in query).execute(c)),
    await generic((c) => urgentListStatement(c, kenya, query, now).execute()),
  ]);

console.log(`\n${'read'.padEnd(44)} ${'before'.padStart(10)} ${'now'.padStart(10)} ${'ratio'.padStart(7)}`);
for (const [label, b, a] of rows)
  console.log(
    `${label.padEnd(44)} ${`${b.toFixed(1)} ms`.padStart(10)} ${`${a.toFixed(1)} ms`.padStart(10)} ${`${(b / a).toFixed(0)}×`.padStart(7)}`,
  );

await ctx.audit.flush();
await closeContext(ctx);
if (process.env.BENCH_KEEP) console.log(`Kept database ${dbName}`);
else await admin.unsafe(`DROP DATABASE ${dbName} WITH (FORCE)`);
await admin.end();

function md5(n: number): string {
  return createHash('md5').update(String(n)).digest('hex');
}
