/**
 * The audit log's reader picks, per query, which index drives the read (one object, one
 * principal, an agency as actor or owner, a bureau and its units, a past time window) and
 * merges the pages of several. Whatever it picks, the answer must be exactly the filter's:
 * here every combination is paged through and compared with the same filter applied to every
 * entry.
 */
import { type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import type { AuditLogTable } from '../platform/db-schema.ts';
import { newId } from '../platform/ids.ts';

let t: TestApp;
let network: Session;
let kenya: Session;
let start: number;
let rows: Row[];
const DAY = 86_400_000;

/** An entry as the test reads it back (seq as a number, to sort by). */
type Row = Omit<Selectable<AuditLogTable>, 'seq'> & { seq: number };

const AGENCIES = ['KE', 'KE-CYBER', 'KE-MLA', 'FR', 'BR', 'SECRETARIAT', null];
const ACTIONS = ['search.identifiers', 'record.read', 'record.update', 'auth.login', 'auth.failed'];
const OBJECTS = ['rec-a', 'rec-b', 'rec-c', null, null];

beforeAll(async () => {
  t = await createTestApp();
  network = await signIn(t.app, 'secretariat.auditor');
  kenya = await signIn(t.app, 'ke.auditor');
  const users = await t.ctx.db.selectFrom('users').select(['id', 'username']).execute();
  const keOfficer = users.find((u) => u.username === 'ke.officer')!;
  const frOfficer = users.find((u) => u.username === 'fr.officer')!;
  // 1,500 entries over a year: users, failed sign-ins under a name (no principal id), a
  // system; agencies, objects and their owners mixed so that every OR has both sides.
  const now = t.clock.now().getTime();
  const entries = Array.from({ length: 1500 }, (_, i) => {
    const who = i % 5;
    const object = OBJECTS[i % OBJECTS.length]!;
    return {
      id: newId(),
      at: new Date(now - (1500 - i) * 6 * 3_600_000),
      principal_type: who === 3 ? 'anonymous' : 'user',
      principal_id: who === 0 ? keOfficer.id : who === 1 ? frOfficer.id : who === 2 ? 'system' : null,
      principal_name:
        who === 0
          ? 'ke.officer'
          : who === 1
            ? 'fr.officer'
            : who === 2
              ? 'system@KE'
              : who === 3
                ? 'ke.officer'
                : null,
      agency_code: AGENCIES[(i * 7) % AGENCIES.length]!,
      action: ACTIONS[(i * 3) % ACTIONS.length]!,
      object_type: object ? 'record' : null,
      object_id: object,
      object_agency: object ? AGENCIES[(i * 11) % AGENCIES.length]! : null,
      outcome: i % 13 === 0 ? 'failure' : 'success',
      prev_hash: 'x',
      hash: 'x',
    };
  });
  // seq comes from its sequence; hashes are not what this test reads.
  await t.ctx.db
    .insertInto('audit_log')
    .values(entries as never)
    .execute();
  const last = await sql<{ seq: string }>`SELECT max(seq) AS seq FROM audit_log`.execute(t.ctx.db);
  start = Number(last.rows[0]!.seq) + 1;
  rows = (await t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '<', String(start)).execute()).map(
    (r) => ({ ...r, seq: Number(r.seq) }),
  );
});
afterAll(() => t.close());

type Filters = Record<string, string>;

/** What the filter means, entry by entry. */
function matches(r: Row, f: Filters, scope: string[] | null, ids: Map<string, string>): boolean {
  const either = (codes: string[]) =>
    codes.includes(r.agency_code ?? '') || codes.includes(r.object_agency ?? '');
  if (scope && !either(scope)) return false;
  if (f.from && r.at < new Date(f.from)) return false;
  if (f.to && r.at >= new Date(f.to)) return false;
  if (f.principal) {
    const id = ids.get(f.principal);
    const name = f.principal.toLowerCase();
    const ok = id
      ? r.principal_id === id || (r.principal_id === null && r.principal_name === name)
      : r.principal_id === f.principal || r.principal_name === name;
    if (!ok) return false;
  }
  if (
    f.action &&
    !(f.action.endsWith('*') ? r.action.startsWith(f.action.slice(0, -1)) : r.action === f.action)
  )
    return false;
  if (f.objectId && r.object_id !== f.objectId) return false;
  if (f.objectType && r.object_type !== f.objectType) return false;
  if (f.agency && !either([f.agency])) return false;
  if (f.outcome && r.outcome !== f.outcome) return false;
  return true;
}

async function pageThrough(session: Session, f: Filters): Promise<string[]> {
  const ids: string[] = [];
  let cursor = String(start);
  for (;;) {
    const query = new URLSearchParams({ ...f, limit: '40', cursor }).toString();
    const response = await as(t.app, session)('GET', `/api/v1/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((e) => e.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
}

describe('audit log queries', () => {
  it('answer exactly what the filters say, whichever index drives the read', async () => {
    const users = await t.ctx.db.selectFrom('users').select(['id', 'username']).execute();
    const userIds = new Map(users.flatMap((u) => [[u.username, u.id] as const, [u.id, u.id] as const]));
    const keOfficer = userIds.get('ke.officer')!;
    const now = t.clock.now().getTime();
    const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    const cases: Filters[] = [
      {},
      { objectId: 'rec-a' },
      { objectId: 'rec-b', action: 'record.update' },
      { principal: 'ke.officer' },
      { principal: 'KE.Officer', outcome: 'failure' },
      { principal: keOfficer },
      { principal: 'system@KE' },
      { principal: 'nobody' },
      { agency: 'KE-MLA' },
      { agency: 'FR', action: 'record.*' },
      { from: iso(200), to: iso(190) },
      { from: iso(30) },
      { to: iso(300), agency: 'BR' },
      { from: iso(100), to: iso(99), principal: 'fr.officer' },
      { objectType: 'record', to: iso(5) },
    ];
    const scopeKenya = ['KE', 'KE-CYBER', 'KE-MLA'];
    for (const f of cases) {
      const expected = (scope: string[] | null) =>
        rows
          .filter((r) => matches(r, f, scope, userIds))
          .sort((a, b) => b.seq - a.seq)
          .map((r) => r.id);
      const all = expected(null);
      expect(await pageThrough(network, f), JSON.stringify(f)).toEqual(all);
      expect(await pageThrough(kenya, f), `KE ${JSON.stringify(f)}`).toEqual(expected(scopeKenya));
    }
    // The cases are not vacuous: most find several pages of entries, some none.
    expect(cases.filter((f) => expected(f).length > 40).length).toBeGreaterThan(5);

    function expected(f: Filters) {
      return rows.filter((r) => matches(r, f, null, userIds));
    }
  });
});
