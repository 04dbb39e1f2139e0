import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { agencySystemPrincipal } from '../access/principal.ts';
import { runRecordLifecycle } from './jobs.ts';
import { INSIDE_RANGE_LIMIT, INSIDE_RANGE_QUERIES, INSIDE_RANGE_READ, searchIdentifiers } from './search.ts';

/** A queried IP range finds what is recorded inside it (docs/records.md, "Search"). */

let t: TestApp;
let ke: Session;
let keAnalyst: Session;
let fr: Session;

beforeAll(async () => {
  t = await createTestApp();
  ke = await signIn(t.app, 'ke.officer');
  keAnalyst = await signIn(t.app, 'ke.analyst');
  fr = await signIn(t.app, 'fr.officer');
});
afterAll(() => t.close());

const ip = (value: string, policy?: object) => ({
  kind: 'cyber-indicator',
  data: { type: 'ip', value },
  ...(policy ? { policy } : {}),
});

async function create(body: object): Promise<string> {
  const response = await as(t.app, ke)('POST', '/api/v1/records', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

interface Result {
  outcome: string;
  records?: { id: string; matched?: string }[];
  restricted?: { owner: string; hitRef: string }[];
  owner?: string;
  hitRef?: string;
  truncated?: boolean;
  errors?: { field: string; message: string }[];
}

const search = (session: Session, queries: object[], query = '') =>
  as(t.app, session)('POST', `/api/v1/search/identifiers${query}`, { queries });

async function check(session: Session, values: string[]): Promise<Result[]> {
  const response = await search(
    session,
    values.map((value) => ({ scheme: 'ip', value })),
  );
  if (response.statusCode !== 200) throw new Error(`search failed: ${response.statusCode} ${response.body}`);
  return response.json().results;
}

/** Each record found, with how: `exact` when it carries no `matched`. */
const found = (result: Result) =>
  Object.fromEntries((result.records ?? []).map((r) => [r.id, r.matched ?? 'exact']));

describe('a queried IP range', () => {
  it('finds the addresses and narrower ranges recorded inside it, and still the ranges holding it', async () => {
    const inside = await create(ip('203.0.113.7'));
    const narrower = await create(ip('203.0.113.128/25'));
    const same = await create(ip('203.0.113.0/24'));
    const holding = await create(ip('203.0.0.0/16'));
    const outside = await create(ip('203.0.114.7'));
    const v6 = await create(ip('2001:db8:aa::1'));

    const [range, wider, address, v6Range] = await check(fr, [
      '203.0.113.0/24',
      '203.0.112.0/23',
      '203.0.113.7',
      '2001:db8:aa::/64',
    ]);
    expect(found(range!)).toEqual({
      [same]: 'exact',
      [inside]: 'inside-range',
      [narrower]: 'inside-range',
      [holding]: 'range',
    });
    expect(range!.records![0]!.id).toBe(same); // exact hits first
    expect(found(wider!)).toEqual({
      [same]: 'inside-range',
      [inside]: 'inside-range',
      [narrower]: 'inside-range',
      [holding]: 'range',
    });
    expect(Object.keys(found(wider!))).not.toContain(outside);
    // An address is checked as before: once, exactly, and against the ranges holding it.
    expect(address!.records!.map((r) => r.id)).toEqual([inside, expect.any(String), expect.any(String)]);
    expect(found(address!)).toEqual({ [inside]: 'exact', [same]: 'range', [holding]: 'range' });
    expect(found(v6Range!)).toEqual({ [v6]: 'inside-range' });
    expect(range!.truncated).toBeUndefined();

    // The search box reads a CIDR as an IP range and searches it the same way.
    const free = await as(t.app, fr)('GET', `/api/v1/search?q=${encodeURIComponent('203.0.113.0/24')}`);
    expect(free.statusCode).toBe(200);
    const body = free.json() as { interpretations: { scheme: string }[]; results: Result[] };
    const asIp = body.results[body.interpretations.findIndex((i) => i.scheme === 'ip')]!;
    expect(found(asIp)[inside]).toBe('inside-range');
  });

  it('answers a record it may not see as a restricted hit only, or not at all, and tells the owner', async () => {
    const visible = await create(ip('198.51.100.10'));
    const hitOnly = await create(
      ip('198.51.100.20', { visibility: 'deny', agencies: ['FR'], hitOnly: true }),
    );
    const hidden = await create(ip('198.51.100.30', { visibility: 'deny', agencies: ['FR'] }));

    const [result] = await check(fr, ['198.51.100.0/24']);
    expect(found(result!)).toEqual({ [visible]: 'inside-range' });
    expect(result!.outcome).toBe('hit');
    expect(result!.restricted).toEqual([{ owner: 'KE', hitRef: expect.any(String) }]);
    expect(JSON.stringify(result)).not.toContain(hitOnly);
    expect(JSON.stringify(result)).not.toContain(hidden);
    expect(JSON.stringify(result)).not.toContain('198.51.100.20');

    // Only a record it may not see: a restricted hit, with the owner and a reference.
    const [alone] = await check(fr, ['198.51.100.16/28']);
    expect(alone).toEqual({
      outcome: 'restricted-hit',
      owner: 'KE',
      hitRef: expect.any(String),
      restricted: [{ owner: 'KE', hitRef: alone!.hitRef }],
    });
    const [nothing] = await check(fr, ['198.51.100.24/29']);
    expect(nothing).toEqual({ outcome: 'no-hit' });

    const notifications = async (recordId: string) =>
      (await as(t.app, keAnalyst)('GET', `/api/v1/hit-notifications?recordId=${recordId}`)).json().items as {
        outcome: string;
        scheme: string;
        searcherAgency: string;
      }[];
    expect(await notifications(visible)).toEqual([
      expect.objectContaining({ outcome: 'hit', scheme: 'ip', searcherAgency: 'FR' }),
    ]);
    expect((await notifications(hitOnly)).map((n) => n.outcome)).toEqual([
      'restricted-hit',
      'restricted-hit',
    ]);
    // Hidden from France in all three ranges: its owner still hears of each search.
    expect((await notifications(hidden)).map((n) => n.outcome)).toEqual(['hidden', 'hidden', 'hidden']);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['result_count', 'details'])
      .where('action', '=', 'search.identifiers')
      .where('agency_code', '=', 'FR')
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    expect(audit.map((a) => a.result_count)).toEqual([0, 1, 1]);
  });

  it('answers a range wider than /16 (IPv4) or /48 (IPv6) exactly and by the ranges holding it, and warns that its inside was not searched', async () => {
    const slash8 = await create(ip('10.0.0.0/8'));
    const address = await create(ip('10.0.0.5'));
    const v6 = await create(ip('2001:db8::/32'));

    const response = await search(fr, [
      { scheme: 'ip', value: '10.0.0.0/8' },
      { scheme: 'ip', value: '10.0.0.0/15' },
      { scheme: 'ip', value: '2001:db8::/32' },
      { scheme: 'ip', value: '10.0.0.0/16' },
    ]);
    expect(response.statusCode).toBe(200);
    const [wide, wider, wideV6, widest] = response.json().results as (Result & { warnings?: string[] })[];
    expect(found(wide!)).toEqual({ [slash8]: 'exact' });
    expect(found(wider!)).toEqual({ [slash8]: 'range' });
    expect(found(wideV6!)).toEqual({ [v6]: 'exact' });
    expect(wide!.warnings).toEqual([expect.stringContaining('wider than /16')]);
    expect(wider!.warnings).toEqual([expect.stringContaining('wider than /16')]);
    expect(wideV6!.warnings).toEqual([expect.stringContaining('wider than /48')]);
    // A /16 is searched inside, without a warning.
    expect(found(widest!)).toEqual({ [slash8]: 'range', [address]: 'inside-range' });
    expect(widest!.warnings).toBeUndefined();

    // The search box searches it too, as it did before ranges were searched inside.
    const free = await as(t.app, fr)('GET', `/api/v1/search?q=${encodeURIComponent('10.0.0.0/8')}`);
    expect(free.statusCode).toBe(200);
    const body = free.json() as {
      interpretations: { scheme: string }[];
      results: (Result & { warnings?: string[] })[];
    };
    const asIp = body.results[body.interpretations.findIndex((i) => i.scheme === 'ip')]!;
    expect(found(asIp)).toEqual({ [slash8]: 'exact' });
    expect(asIp.warnings).toEqual([expect.stringContaining('wider than /16')]);
  });

  it(`answers at most ${INSIDE_RANGE_LIMIT} records from inside it, and says when there are more`, async () => {
    const lines = (from: number, count: number, policy?: object) =>
      Array.from({ length: count }, (_, n) =>
        JSON.stringify({ ...ip(`100.64.${Math.floor((from + n) / 250)}.${(from + n) % 250}`), policy }),
      );
    const load = (body: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/records:import',
        headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
        payload: body.join('\n'),
      });
    // As many as the limit that France may see, and some it may not: not truncated for it.
    const loaded = await load([
      ...lines(0, INSIDE_RANGE_LIMIT),
      ...lines(INSIDE_RANGE_LIMIT, 5, { visibility: 'deny', agencies: ['FR'] }),
    ]);
    expect(loaded.json()).toMatchObject({ imported: INSIDE_RANGE_LIMIT + 5 });
    const [atLimit] = await check(fr, ['100.64.0.0/16']);
    expect(atLimit!.records).toHaveLength(INSIDE_RANGE_LIMIT);
    expect(atLimit!.truncated).toBeUndefined();
    // Kenya sees them all: more than the limit.
    const [owner] = await check(ke, ['100.64.0.0/16']);
    expect(owner!.records).toHaveLength(INSIDE_RANGE_LIMIT);
    expect(owner!.truncated).toBe(true);

    await load(lines(INSIDE_RANGE_LIMIT + 5, 1));
    const [beyond, narrower] = await check(fr, ['100.64.0.0/16', '100.64.0.0/26']);
    expect(beyond!.records).toHaveLength(INSIDE_RANGE_LIMIT);
    expect(beyond!.truncated).toBe(true);
    expect(narrower!.records).toHaveLength(64);
    expect(narrower!.truncated).toBeUndefined();
  });

  it(`refuses a range holding more than ${INSIDE_RANGE_READ} records, whoever may see them, before writing anything`, async () => {
    // Kenya's own records, and one more France may not see: the range is refused to both,
    // so no one learns of a hidden record from its own records missing.
    const lines = Array.from({ length: INSIDE_RANGE_READ }, (_, n) =>
      JSON.stringify(ip(`100.66.${Math.floor(n / 250)}.${(n % 250) + 1}`)),
    );
    lines.push(JSON.stringify(ip('100.66.3.1', { visibility: 'deny', agencies: ['FR'] })));
    const loaded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import',
      headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(loaded.json()).toMatchObject({ imported: INSIDE_RANGE_READ + 1 });
    const other = await create(ip('198.18.0.1'));
    const notifications = async (recordId: string) =>
      (await as(t.app, keAnalyst)('GET', `/api/v1/hit-notifications?recordId=${recordId}`)).json()
        .items as unknown[];

    for (const session of [fr, ke]) {
      const refused = expectProblem(
        await search(session, [
          { scheme: 'ip', value: '198.18.0.1' },
          { scheme: 'ip', value: '100.66.0.0/16' },
        ]),
        400,
        'validation',
      );
      expect(refused.errors).toEqual([
        {
          field: '/body/queries/1/value',
          message: `more than ${INSIDE_RANGE_READ} records lie inside this range: query narrower ranges`,
        },
      ]);
    }
    // Nothing of the refused batch was written: not even the other query's hit.
    expect(await notifications(other)).toEqual([]);

    const reported = await search(
      fr,
      [
        { scheme: 'ip', value: '198.18.0.1' },
        { scheme: 'ip', value: '100.66.0.0/16' },
        { scheme: 'ip', value: '100.66.0.0/24' },
      ],
      '?invalid=report',
    );
    expect(reported.statusCode).toBe(200);
    const [hit, dense, narrower] = reported.json().results as Result[];
    expect(found(hit!)).toEqual({ [other]: 'exact' });
    expect(dense).toEqual({
      outcome: 'invalid',
      errors: [{ field: '/body/queries/1/value', message: expect.stringContaining('query narrower ranges') }],
    });
    expect(narrower!.records).toHaveLength(INSIDE_RANGE_LIMIT);
    expect(narrower!.truncated).toBe(true);
    expect(await notifications(other)).toHaveLength(1);
    // A record inside the refused /16 only (not the /24) was not notified.
    const { record_id: onlyInDense } = await t.ctx.db
      .selectFrom('record_identifiers')
      .select('record_id')
      .where('scheme', '=', 'ip')
      .where('value', '=', '100.66.1.1')
      .executeTakeFirstOrThrow();
    expect(await notifications(onlyInDense)).toEqual([]);
  });

  it(`lets at most ${INSIDE_RANGE_QUERIES} queries of a request search inside a range, and probes identical ones once`, async () => {
    const inside = await create(ip('198.19.5.5'));
    const queries = [
      { scheme: 'ip', value: '198.19.0.1' },
      ...Array.from({ length: INSIDE_RANGE_QUERIES + 1 }, () => ({ scheme: 'ip', value: '198.19.5.0/24' })),
    ];
    const refused = expectProblem(await search(fr, queries), 400, 'validation');
    expect(refused.errors).toEqual([
      {
        field: `/body/queries/${INSIDE_RANGE_QUERIES + 1}/value`,
        message: `at most ${INSIDE_RANGE_QUERIES} queries of a request may search inside a range`,
      },
    ]);
    const reported = await search(fr, queries, '?invalid=report');
    const results = reported.json().results as Result[];
    expect(results[0]).toEqual({ outcome: 'no-hit' });
    for (const result of results.slice(1, -1)) expect(found(result)).toEqual({ [inside]: 'inside-range' });
    expect(results.at(-1)!.outcome).toBe('invalid');
    // One notification for the record however many identical queries found it.
    const told = (await as(t.app, keAnalyst)('GET', `/api/v1/hit-notifications?recordId=${inside}`)).json()
      .items;
    expect(told).toHaveLength(1);
  });

  it('follows a correction of the indicator, its lapse and its deletion', async () => {
    const id = await create(ip('192.0.2.10'));
    const inRange = async (value: string) => Object.keys(found((await check(fr, [value]))[0]!));
    expect(await inRange('192.0.2.0/24')).toEqual([id]);

    const record = (await as(t.app, ke)('GET', `/api/v1/records/${id}`)).json();
    const moved = await as(t.app, ke)('PATCH', `/api/v1/records/${id}`, {
      version: record.version,
      data: { type: 'ip', value: '192.0.3.10' },
    });
    expect(moved.statusCode).toBe(200);
    expect(await inRange('192.0.2.0/24')).toEqual([]);
    expect(await inRange('192.0.3.0/24')).toEqual([id]);

    // A range recorded instead of the address moves too.
    const ranged = await as(t.app, ke)('PATCH', `/api/v1/records/${id}`, {
      version: moved.json().version,
      data: { type: 'ip', value: '192.0.4.0/28' },
    });
    expect(ranged.statusCode).toBe(200);
    expect(await inRange('192.0.3.0/24')).toEqual([]);
    expect(await inRange('192.0.4.0/24')).toEqual([id]);

    const lapsing = await create(ip('192.0.4.200'));
    expect((await inRange('192.0.4.0/24')).sort()).toEqual([id, lapsing].sort());
    await t.ctx.db
      .updateTable('records')
      .set({ review_at: t.clock.now() })
      .where('id', '=', lapsing)
      .execute();
    await runRecordLifecycle(t.ctx);
    expect(await inRange('192.0.4.0/24')).toEqual([id]);

    const deleted = await as(t.app, ke)('DELETE', `/api/v1/records/${id}?reason=taken+down`);
    expect(deleted.statusCode).toBe(200);
    expect(await inRange('192.0.4.0/24')).toEqual([]);
    const keysOf = (recordId: string) =>
      t.ctx.db
        .selectFrom('record_identifiers')
        .select('record_id')
        .where('scheme', '=', 'ip')
        .where('record_id', '=', recordId)
        .execute();
    expect(await keysOf(id)).toEqual([]);

    // The lapsed record's address stays indexed (an extension brings it back) until the purge.
    expect(await keysOf(lapsing)).toHaveLength(1);
    t.clock.advance((t.config.recordPurgeDays + 1) * 86_400_000);
    await runRecordLifecycle(t.ctx);
    expect(await keysOf(lapsing)).toEqual([]);
    fr = await signIn(t.app, 'fr.officer'); // the session ended while the clock moved on
    expect(await inRange('192.0.4.0/24')).toEqual([]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'reads recorded addresses without reading other schemes’ values as addresses, even when the bitmap of pages goes lossy',
    async () => {
      // PostgreSQL rechecks every row of a page its bitmap lost track of (work_mem too small
      // for one bit per row): passport numbers and name keys sharing the page with addresses.
      ke = await signIn(t.app, 'ke.officer'); // the clock may have moved past the session
      const id = await create(ip('10.9.0.0'));
      await sql`
        INSERT INTO record_identifiers (scheme, value, country, record_id)
        SELECT CASE WHEN n % 25 = 0 THEN 'ip' ELSE 'document' END,
               CASE WHEN n % 25 = 0 THEN '10.9.' || (n / 25 / 250) || '.' || (n / 25 % 250 + 1)
                    ELSE 'P' || n || repeat('X', 250) END,
               '', ${id}::uuid
        FROM generate_series(1, 50000) AS n`.execute(t.ctx.db);
      await sql`ANALYZE`.execute(t.ctx.db); // as autovacuum would have
      const france = agencySystemPrincipal({ code: 'FR', kind: 'bureau', country: 'FR', parentCode: null });
      const { results } = await t.ctx.db.connection().execute(async (db) => {
        await sql`SET work_mem = '64kB'`.execute(db);
        try {
          return await searchIdentifiers({ ...t.ctx, db }, france, [{ scheme: 'ip', value: '10.9.0.0/16' }]);
        } finally {
          await sql`RESET work_mem`.execute(db);
        }
      });
      expect(results[0]!.outcome).toBe('hit');
      expect(found(results[0]! as Result)[id]).toBe('inside-range');
    },
  );
});
