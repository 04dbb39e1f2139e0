import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  expectProblem,
  type Session,
  signIn,
  type TestApp,
  withKey,
} from '../../test/helpers.ts';
import { MIGRATIONS_DIR } from '../platform/migrate.ts';
import { LIFECYCLE_BATCH, recordJobs, runRecordLifecycle } from './jobs.ts';
import { REVIEW_NOTICE_MS } from './service.ts';
import { sharedRows } from './shared.ts';

let t: TestApp;
let ke: Session;
let fr: Session;
let us: Session;

beforeAll(async () => {
  t = await createTestApp();
  ke = await signIn(t.app, 'ke.officer');
  fr = await signIn(t.app, 'fr.officer');
  us = await signIn(t.app, 'us.officer');
});
afterAll(() => t.close());

const passport = (number: string, extra: object = {}) => ({
  kind: 'travel-document',
  data: { number, type: 'passport', issuingCountry: 'KE', status: 'stolen', ...extra },
});

async function create(session: Session, body: object) {
  const response = await as(t.app, session)('POST', '/api/v1/records', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const check = (session: Session, queries: object[]) =>
  as(t.app, session)('POST', '/api/v1/search/identifiers', { queries }).then((r) => {
    if (r.statusCode !== 200) throw new Error(`search failed: ${r.statusCode} ${r.body}`);
    return r.json().results as {
      outcome: string;
      records?: { id: string; data: object; matched?: string; owner?: string; fromPartner?: boolean }[];
      owner?: string;
      hitRef?: string;
      restricted?: object[];
    }[];
  });

describe('records', () => {
  it('are created, versioned, read and matched however the identifier is typed', async () => {
    const record = await create(ke, passport('AK 123-4567'));
    expect(record).toMatchObject({ kind: 'travel-document', owner: 'KE', status: 'active', version: 1 });
    const [exact, spaced, wrongCountry, other] = await check(fr, [
      { scheme: 'document', value: 'AK1234567', country: 'KE' },
      { scheme: 'document', value: 'ak 123 4567' },
      { scheme: 'document', value: 'AK1234567', country: 'FR' },
      { scheme: 'document', value: 'ZZ0000000' },
    ]);
    expect(exact!.outcome).toBe('hit');
    expect(exact!.records?.[0]?.id).toBe(record.id);
    expect(spaced!.outcome).toBe('hit');
    expect(wrongCountry!.outcome).toBe('no-hit');
    expect(other!.outcome).toBe('no-hit');
  });

  it('only a bureau of the issuing country records a travel document', async () => {
    const response = await as(t.app, fr)('POST', '/api/v1/records', passport('X1234567'));
    expect(expectProblem(response, 400, 'validation').errors?.[0]?.field).toBe('/body/data/issuingCountry');
  });

  it('bad data is a 400 naming the field, and nothing is written', async () => {
    const before = await t.ctx.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknownField = await as(t.app, ke)(
      'POST',
      '/api/v1/records',
      passport('K7654321', { colour: 'red' }),
    );
    expect(expectProblem(unknownField, 400, 'validation').errors?.[0]?.field).toBe('/body/data/colour');
    const badIban = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'financial-account',
      data: { iban: 'GB82 WEST 1234 5698 7654 33' },
    });
    expect(expectProblem(badIban, 400, 'validation').errors?.[0]?.field).toBe('/body/data/iban');
    const badKind = await as(t.app, ke)('POST', '/api/v1/records', { kind: 'spaceship', data: {} });
    expect(expectProblem(badKind, 400, 'validation').errors?.[0]?.field).toBe('/body/kind');
    const badPolicy = await as(t.app, ke)('POST', '/api/v1/records', {
      ...passport('K7654322'),
      policy: { visibility: 'allow' },
    });
    expect(expectProblem(badPolicy, 400, 'validation').errors?.[0]?.field).toBe('/body/policy/agencies');
    const noSuchCountry = await as(t.app, ke)('POST', '/api/v1/records', {
      ...passport('K7654323'),
      policy: { visibility: 'allow', countries: ['FR', 'XX'] },
    });
    expect(expectProblem(noSuchCountry, 400, 'validation').errors).toEqual([
      { field: '/body/policy/countries/1', message: 'XX is not an ISO 3166-1 alpha-2 country code' },
    ]);
    // Text that says nothing: spaces, or a zero-width space for a name.
    const blankNote = await as(t.app, ke)('POST', '/api/v1/records', {
      ...passport('K7654324'),
      policy: { visibility: 'all', handling: 'H3', handlingNote: '   ' },
    });
    expect(expectProblem(blankNote, 400, 'validation').errors?.[0]?.field).toBe('/body/policy/handlingNote');
    const invisibleName = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'person',
      data: { names: [{ full: '\u200b' }], status: 'wanted' },
    });
    expect(expectProblem(invisibleName, 400, 'validation').errors?.[0]?.field).toBe(
      '/body/data/names/0/full',
    );
    // Every mistake at once: a missing field (the shape) and a country that does not exist
    // (the kind's own check) in one answer, not one after the other.
    const twoMistakes = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'person',
      data: { names: [{ full: 'Two Mistakes' }], nationalities: ['KE', 'XX'], status: 'fugitive' },
    });
    expect(
      expectProblem(twoMistakes, 400, 'validation')
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['/body/data/nationalities/1', '/body/data/status']);
    const after = await t.ctx.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('warn without refusing where a real identifier may fail a checksum', async () => {
    const record = await create(ke, {
      kind: 'vehicle',
      data: { vin: 'WVWZZZ1JZXW000001', plate: 'KCA 123A', registrationCountry: 'KE' },
    });
    expect(record.warnings?.[0]?.field).toBe('/body/data/vin');
    expect((await check(fr, [{ scheme: 'vin', value: 'wvwzzz1jzxw000001' }]))[0]!.outcome).toBe('hit');
  });

  it('keep their history; corrections are new versions; only the owner changes them', async () => {
    const record = await create(ke, passport('AB7777777'));
    const updated = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, number: 'AB7777778' },
      reason: 'typo in number',
    });
    expect(updated.json().version).toBe(2);
    expect((await check(fr, [{ scheme: 'document', value: 'AB7777777' }]))[0]!.outcome).toBe('no-hit');
    expect((await check(fr, [{ scheme: 'document', value: 'AB7777778' }]))[0]!.outcome).toBe('hit');
    expectProblem(
      await as(t.app, fr)('PATCH', `/api/v1/records/${record.id}`, { data: record.data }),
      403,
      'forbidden',
    );
    expectProblem(
      await as(t.app, fr)('DELETE', `/api/v1/records/${record.id}?reason=not+yours`),
      403,
      'forbidden',
    );
    // Deleting is a recorded act: its reason must say something.
    const blankReason = await as(t.app, ke)(
      'DELETE',
      `/api/v1/records/${record.id}?reason=${encodeURIComponent('    ')}`,
    );
    expect(expectProblem(blankReason, 400, 'validation').errors).toEqual([
      { field: '/query/reason', message: 'must not be blank' },
    ]);
    const deleted = await as(t.app, ke)('DELETE', `/api/v1/records/${record.id}?reason=recovered+by+owner`);
    expect(deleted.json().status).toBe('deleted');
    expect((await check(fr, [{ scheme: 'document', value: 'AB7777778' }]))[0]!.outcome).toBe('no-hit');
    expectProblem(await as(t.app, fr)('GET', `/api/v1/records/${record.id}`), 404, 'not-found');
    // Nor do a change or a deletion tried on it tell France it exists.
    expectProblem(
      await as(t.app, fr)('PATCH', `/api/v1/records/${record.id}`, { data: record.data }),
      404,
      'not-found',
    );
    expectProblem(
      await as(t.app, fr)('DELETE', `/api/v1/records/${record.id}?reason=not+yours`),
      404,
      'not-found',
    );
    const history = (await as(t.app, ke)('GET', `/api/v1/records/${record.id}/history`)).json().items;
    expect(history.map((v: { action: string }) => v.action)).toEqual(['create', 'update', 'delete']);
    expect(history[1].reason).toBe('typo in number');
    expect(history[2].changedBy).toBe('ke.officer');
    expectProblem(await as(t.app, fr)('GET', `/api/v1/records/${record.id}/history`), 404, 'not-found');
    // France's auditors see France's attempt, but not whose record it was: the entry says no
    // more than the 404 did, as for an id that names nothing.
    const unknown = '01900000-0000-7000-8000-00000000beef';
    expectProblem(await as(t.app, fr)('GET', `/api/v1/records/${unknown}`), 404, 'not-found');
    const frAdmin = await signIn(t.app, 'fr.admin');
    for (const id of [record.id, unknown]) {
      const entries = (await as(t.app, frAdmin)('GET', `/api/v1/audit?objectId=${id}`)).json().items;
      // An id pasted in capitals finds the same entries.
      expect(
        (await as(t.app, frAdmin)('GET', `/api/v1/audit?objectId=${id.toUpperCase()}`)).json().items,
      ).toEqual(entries);
      const denied = entries.filter(
        (e: { outcome: string; action: string }) => e.outcome === 'denied' && e.action === 'record.read',
      );
      // The change and deletion tried once it was deleted: as unnamed as the reads (the two
      // tried while France could still read it name KE).
      if (id === record.id)
        expect(
          entries.filter(
            (e: { outcome: string; action: string; objectAgency: string | null }) =>
              e.outcome === 'denied' && e.action !== 'record.read' && e.objectAgency === null,
          ),
        ).toHaveLength(2);
      expect(denied.length, id).toBeGreaterThan(0);
      expect(denied.map((e: { objectAgency: string | null }) => e.objectAgency)).toEqual(
        denied.map(() => null),
      );
    }
  });

  it('refuse a correction made from a version another officer has changed since, writing nothing', async () => {
    const record = await create(ke, passport('AB7777790'));
    // Two officers open the record at version 1; the first saves a correction.
    const first = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, expiryDate: '2031-05-01' },
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    // The second still holds version 1: saving would silently drop the first's expiry date.
    const second = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, issueDate: '2021-05-01' },
      version: 1,
    });
    expect(expectProblem(second, 409, 'conflict').detail).toMatch(/version 2, not 1/);
    const stored = (await as(t.app, ke)('GET', `/api/v1/records/${record.id}`)).json();
    expect(stored).toMatchObject({ version: 2, data: { expiryDate: '2031-05-01' } });
    expect(stored.data.issueDate).toBeUndefined();
    // Reloaded, from version 2, it goes through.
    const again = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...stored.data, issueDate: '2021-05-01' },
      version: 2,
    });
    expect(again.json()).toMatchObject({
      version: 3,
      data: { expiryDate: '2031-05-01', issueDate: '2021-05-01' },
    });
    expect((await as(t.app, ke)('GET', `/api/v1/records/${record.id}/history`)).json().items).toHaveLength(3);
  });
});

describe('access policies', () => {
  it('allow, deny and hit-only decide hit, restricted hit or no hit', async () => {
    const allowFr = await create(ke, {
      ...passport('PA0000001'),
      policy: { visibility: 'allow', countries: ['FR'] },
    });
    const denyFr = await create(ke, {
      ...passport('PA0000002'),
      policy: { visibility: 'deny', agencies: ['FR'] },
    });
    const hidden = await create(ke, {
      ...passport('PA0000003'),
      policy: { visibility: 'allow', agencies: ['BR'], hitOnly: true },
    });
    const secret = await create(ke, {
      ...passport('PA0000004'),
      policy: { visibility: 'allow', agencies: ['BR'] },
    });
    const queries = ['PA0000001', 'PA0000002', 'PA0000003', 'PA0000004'].map((value) => ({
      scheme: 'document',
      value,
    }));

    const asFr = await check(fr, queries);
    expect(asFr.map((r) => r.outcome)).toEqual(['hit', 'no-hit', 'restricted-hit', 'no-hit']);
    expect(asFr[2]).toMatchObject({ owner: 'KE' });
    expect(asFr[2]!.hitRef).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(asFr[2])).not.toContain('PA0000003');
    expect(JSON.stringify(asFr[2])).not.toContain(hidden.id);
    // The owner and a reference to quote, nothing else — not even the kind of record.
    expect(asFr[2]!.restricted).toEqual([{ owner: 'KE', hitRef: asFr[2]!.hitRef }]);
    expect(Object.keys(asFr[2]!).sort()).toEqual(['hitRef', 'outcome', 'owner', 'restricted']);

    const asUs = await check(us, queries);
    expect(asUs.map((r) => r.outcome)).toEqual(['no-hit', 'hit', 'restricted-hit', 'no-hit']);

    // The owner's side (the bureau and its units) sees everything it recorded.
    const keCyber = await signIn(t.app, 'ke.cyber');
    expect((await check(keCyber, queries)).map((r) => r.outcome)).toEqual(['hit', 'hit', 'hit', 'hit']);

    // GET follows the same policy.
    expect((await as(t.app, fr)('GET', `/api/v1/records/${allowFr.id}`)).statusCode).toBe(200);
    for (const id of [denyFr.id, hidden.id, secret.id])
      expectProblem(await as(t.app, fr)('GET', `/api/v1/records/${id}`), 404, 'not-found');
  });

  it('partners see only what names them', async () => {
    const partner = await signIn(t.app, 'sentinel.partner');
    await create(ke, { kind: 'cyber-indicator', data: { type: 'domain', value: 'phish-bank.example' } });
    await create(ke, {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'shared-with-partner.example' },
      policy: { visibility: 'allow', agencies: ['PARTNER-SENTINEL', 'FR'], tlp: 'AMBER' },
    });
    const results = await check(partner, [
      { scheme: 'domain', value: 'PHISH-BANK.example.' },
      { scheme: 'domain', value: 'shared-with-partner.example' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['no-hit', 'hit']);
    // Threat data goes to a partner without a word; a person's record is written with a
    // warning that a company will read it in full.
    const indicator = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'told-to-partner.example' },
      policy: { visibility: 'allow', agencies: ['PARTNER-SENTINEL'] },
    });
    expect(indicator.json().warnings).toBeUndefined();
    const suspect = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'person',
      data: { names: [{ full: 'Shared With A Company' }], status: 'suspect' },
      policy: { visibility: 'allow', agencies: ['FR', 'PARTNER-SENTINEL'] },
    });
    expect(suspect.statusCode, suspect.body).toBe(201);
    expect(suspect.json().warnings).toEqual([
      { field: '/body/policy/agencies/1', message: expect.stringMatching(/private partner.*person record/) },
    ]);
  });

  it('list what was marked for them (scope=shared): a partner’s feed, a bureau’s records sent to it alone', async () => {
    const partner = await signIn(t.app, 'sentinel.partner');
    const indicator = (value: string, policy?: object) =>
      create(ke, { kind: 'cyber-indicator', data: { type: 'domain', value }, ...(policy ? { policy } : {}) });
    const forPartner = await indicator('feed-for-partner.example', {
      visibility: 'allow',
      agencies: ['PARTNER-SENTINEL'],
      tlp: 'AMBER',
    });
    const forFrance = await indicator('feed-for-france.example', { visibility: 'allow', agencies: ['FR'] });
    const byCountry = await indicator('feed-for-fr-country.example', {
      visibility: 'allow',
      countries: ['FR'],
    });
    const forAll = await indicator('feed-for-everyone.example');
    const shared = async (session: Session, query = '') => {
      const response = await as(t.app, session)('GET', `/api/v1/records?scope=shared${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string; owner: string }[]; nextCursor: string | null };
    };
    const ids = async (session: Session, query = '') => (await shared(session, query)).items.map((r) => r.id);
    const partnerSees = await ids(partner);
    expect(partnerSees).toContain(forPartner.id);
    // The owner sees who read its records through the list, as for a read by id.
    const keAdmin = await signIn(t.app, 'ke.admin');
    const listed = (
      await as(t.app, keAdmin)('GET', '/api/v1/audit?action=record.list&agency=PARTNER-SENTINEL')
    ).json().items as { objectAgency: string | null; details: { ids?: string[] } }[];
    expect(listed.some((e) => e.objectAgency === 'KE' && e.details.ids?.includes(forPartner.id))).toBe(true);
    for (const other of [forFrance.id, byCountry.id, forAll.id]) expect(partnerSees).not.toContain(other);
    const franceSees = await ids(fr);
    expect(franceSees).toEqual(expect.arrayContaining([forFrance.id, byCountry.id]));
    for (const other of [forPartner.id, forAll.id]) expect(franceSees).not.toContain(other);
    // The owner's side sees them as its own, not as shared with it.
    expect(await ids(await signIn(t.app, 'ke.cyber'))).not.toContain(forFrance.id);
    // Page by page, newest first; only what changed since a time; gone once deleted.
    const first = await shared(fr, '&limit=1');
    expect(first.items).toHaveLength(1);
    const rest = await ids(fr, `&cursor=${first.nextCursor}`);
    expect(rest).not.toContain(first.items[0]!.id);
    expect(await ids(fr, `&updatedSince=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).toEqual([]);
    await as(t.app, ke)('DELETE', `/api/v1/records/${forFrance.id}?reason=withdrawn`);
    expect(await ids(fr)).not.toContain(forFrance.id);
    // What applies to one's own records is refused with the shared ones, and the reverse.
    for (const [query, field] of [
      ['?scope=shared&status=deleted', '/query/status'],
      ['?scope=shared&externalRef=x', '/query/externalRef'],
      [`?updatedSince=${encodeURIComponent('2026-01-01T00:00:00Z')}`, '/query/updatedSince'],
    ])
      expect(
        expectProblem(await as(t.app, fr)('GET', `/api/v1/records${query}`), 400, 'validation').errors?.[0]
          ?.field,
      ).toBe(field);
  });

  it('page what was shared the same whichever way it is read: newest first, by update time, by the lists', async () => {
    const indicator = (session: Session, value: string, policy: object) =>
      create(session, { kind: 'cyber-indicator', data: { type: 'domain', value }, policy });
    t.clock.advance(1000);
    const since = t.clock.now();
    t.clock.advance(1000);
    for (let i = 0; i < 4; i++) {
      await indicator(ke, `windows-fr-${i}.example`, { visibility: 'allow', agencies: ['FR'] });
      await indicator(us, `windows-us-${i}.example`, { visibility: 'allow', agencies: ['KE'] });
      await indicator(ke, `windows-country-${i}.example`, { visibility: 'allow', countries: ['FR'] });
      await indicator(ke, `windows-all-${i}.example`, { visibility: 'all' });
    }
    await create(ke, { ...passport('WIN000001'), policy: { visibility: 'allow', agencies: ['FR'] } });
    const names = { agencies: ['FR'], countries: ['FR'] };
    const ownSide = (
      await t.ctx.db
        .selectFrom('agencies')
        .select('code')
        .where((eb) => eb.or([eb('code', '=', 'FR'), eb('parent_code', '=', 'FR')]))
        .execute()
    ).map((a) => a.code);
    const truth = async (after?: Date, kind?: string) =>
      (
        await sql<{ id: string }>`
          SELECT id FROM records WHERE status = 'active' AND policy ->> 'visibility' = 'allow'
            AND ((policy -> 'agencies') ?| ${names.agencies}::text[] OR (policy -> 'countries') ?| ${names.countries}::text[])
            AND owner_agency <> ALL(${ownSide}::text[])
            ${after ? sql`AND updated_at >= ${after}` : sql``} ${kind ? sql`AND kind = ${kind}` : sql``}
          ORDER BY id DESC`.execute(t.ctx.db)
      ).rows.map((r) => r.id);
    // Pages of two, as listSharedRecords takes them (one more to know whether more follow).
    const pages = async (
      windows: { newest: number; updated: number },
      after?: Date,
      kind?: 'person' | 'cyber-indicator',
    ) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < 200; n++) {
        const rows = await sharedRows(t.ctx.db, names, ownSide, { cursor, kind }, after, 3, windows);
        ids.push(...rows.slice(0, 2).map((r) => r.id));
        if (rows.length < 3) return ids;
        cursor = rows[1]!.id;
      }
      throw new Error('no end');
    };
    const all = await truth();
    expect(all.length).toBeGreaterThanOrEqual(9);
    const updated = await truth(since);
    expect(updated.length).toBe(9);
    for (const windows of [
      { newest: 1, updated: 1 }, // the lists' indexes below one record; a feed's poll past its window
      { newest: 3, updated: 3 },
      { newest: 5_000, updated: 10_000 }, // the windows hold all
    ]) {
      expect(await pages(windows), JSON.stringify(windows)).toEqual(all);
      expect(await pages(windows, since), JSON.stringify(windows)).toEqual(updated);
      expect(await pages(windows, since, 'person'), JSON.stringify(windows)).toEqual(
        await truth(since, 'person'),
      );
      expect(await pages(windows, undefined, 'cyber-indicator')).toEqual(
        await truth(undefined, 'cyber-indicator'),
      );
    }
  });

  it('tell a feed what was taken back since its last poll, and only what it could see', async () => {
    type Feed = {
      items: { id: string }[];
      removed?: { id: string; removedAt: string }[];
      nextCursor: string | null;
    };
    const feed = async (session: Session, query: string) => {
      const response = await as(t.app, session)('GET', `/api/v1/records?scope=shared${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Feed;
    };
    const indicator = (value: string, policy: object) =>
      create(ke, { kind: 'cyber-indicator', data: { type: 'domain', value }, policy });
    const toFrance = { visibility: 'allow', agencies: ['FR'] };
    const deleted = await indicator('taken-back-deleted.example', toFrance);
    const moved = await indicator('taken-back-moved.example', toFrance);
    const opened = await indicator('taken-back-opened.example', { visibility: 'allow', countries: ['FR'] });
    const corrected = await indicator('taken-back-corrected.example', toFrance);
    const reshared = await indicator('taken-back-reshared.example', toFrance);
    const hidden = await indicator('taken-back-hidden.example', toFrance);
    const lapsing = await indicator('taken-back-lapsing.example', toFrance);
    t.clock.advance(1000);
    const since = encodeURIComponent(t.clock.now().toISOString());
    t.clock.advance(1000);
    // Never France's: made after the poll, for the United States, and deleted.
    const neverFrance = await indicator('taken-back-never-france.example', {
      visibility: 'allow',
      agencies: ['US'],
    });
    const patch = (id: string, body: object) =>
      as(t.app, ke)('PATCH', `/api/v1/records/${id}`, body).then((r) =>
        expect(r.statusCode, r.body).toBe(200),
      );
    await as(t.app, ke)('DELETE', `/api/v1/records/${deleted.id}?reason=withdrawn`);
    await as(t.app, ke)('DELETE', `/api/v1/records/${neverFrance.id}?reason=withdrawn`);
    await patch(moved.id, { policy: { visibility: 'allow', agencies: ['US'] } });
    await patch(opened.id, { policy: { visibility: 'all' } });
    await patch(corrected.id, { data: { type: 'domain', value: 'taken-back-corrected-2.example' } });
    await patch(reshared.id, { policy: { visibility: 'allow', agencies: ['US'] } });
    await patch(reshared.id, { policy: toFrance });
    await patch(hidden.id, { policy: { ...toFrance, hitOnly: true, visibility: 'deny', agencies: ['FR'] } });
    // Its review date passes (set in the table: moving the clock 40 days would end every session).
    await t.ctx.db
      .updateTable('records')
      .set({ review_at: t.clock.now() })
      .where('id', '=', lapsing.id)
      .execute();
    await runRecordLifecycle(t.ctx);

    const poll = await feed(fr, `&updatedSince=${since}&limit=500`);
    const removedIds = poll.removed!.map((r) => r.id);
    expect(removedIds.sort()).toEqual([deleted.id, moved.id, opened.id, hidden.id, lapsing.id].sort());
    for (const gone of poll.removed!)
      expect(Date.parse(gone.removedAt)).toBeGreaterThan(Date.parse(decodeURIComponent(since)));
    expect(poll.items.map((r) => r.id)).toEqual(expect.arrayContaining([corrected.id, reshared.id]));
    // The United States never had these, and a full listing has nothing to take back.
    const usPoll = await feed(us, `&updatedSince=${since}&limit=500`);
    expect(usPoll.removed!.map((r) => r.id)).not.toContain(deleted.id);
    expect(usPoll.removed!.map((r) => r.id)).toContain(reshared.id);
    expect(usPoll.items.map((r) => r.id)).toContain(moved.id);
    expect((await feed(fr, '&limit=500')).removed).toBeUndefined();
    // Page by page, the cursor goes through both: the same items and removals, each once.
    const seen = { items: [] as string[], removed: [] as string[] };
    let cursor = '';
    for (let pages = 0; pages < 50; pages++) {
      const page = await feed(fr, `&updatedSince=${since}&limit=2${cursor}`);
      expect(page.items.length + page.removed!.length).toBeLessThanOrEqual(2);
      seen.items.push(...page.items.map((r) => r.id));
      seen.removed.push(...page.removed!.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = `&cursor=${page.nextCursor}`;
    }
    expect(seen.removed.sort()).toEqual(removedIds.sort());
    expect(seen.items.sort()).toEqual(poll.items.map((r) => r.id).sort());
    // The owner sees that France was told.
    const told = (
      await as(t.app, await signIn(t.app, 'ke.admin'))(
        'GET',
        '/api/v1/audit?action=record.list&agency=FR&limit=500',
      )
    ).json().items as { details: { removed?: string[] } }[];
    expect(told.some((e) => e.details.removed?.includes(deleted.id))).toBe(true);
  });

  it('partners submit threat data, not persons or documents, and learn which member searched, not who', async () => {
    const partner = await signIn(t.app, 'sentinel.partner');
    const wanted = await as(t.app, partner)('POST', '/api/v1/records', {
      kind: 'person',
      data: { names: [{ full: 'Partner Made Wanted' }], status: 'wanted' },
    });
    expect(expectProblem(wanted, 400, 'validation').errors).toEqual([
      { field: '/body/kind', message: expect.stringMatching(/threat data/) },
    ]);
    const indicator = await as(t.app, partner)('POST', '/api/v1/records', {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'partner-seen-phish.example' },
    });
    expect(indicator.statusCode, indicator.body).toBe(201);
    // Whoever finds it is told it comes from a private partner, on the hit and on the record.
    const found = await check(fr, [{ scheme: 'domain', value: 'partner-seen-phish.example' }]);
    expect(found[0]!.records?.[0]).toMatchObject({ owner: 'PARTNER-SENTINEL', fromPartner: true });
    expect((await as(t.app, fr)('GET', `/api/v1/records/${indicator.json().id}`)).json().fromPartner).toBe(
      true,
    );
    const police = await check(fr, [{ scheme: 'domain', value: 'phish-bank.example' }]);
    expect(police[0]!.records?.[0]?.fromPartner).toBeUndefined();
    const seen = (
      await as(t.app, partner)('GET', `/api/v1/hit-notifications?recordId=${indicator.json().id}`)
    ).json().items;
    expect(seen).toEqual([expect.objectContaining({ searcherAgency: 'FR', searcherName: null })]);
    // Shared with Kenya alone: France's search is a no-hit, and the partner is not told of it —
    // it would learn of a French investigation it had no part in. Kenya's it hears of.
    const forKenya = await as(t.app, partner)('POST', '/api/v1/records', {
      kind: 'crypto-wallet',
      data: { chain: 'ethereum', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
      policy: { visibility: 'allow', agencies: ['KE'], tlp: 'AMBER' },
    });
    expect(forKenya.statusCode, forKenya.body).toBe(201);
    const wallet = [{ scheme: 'wallet', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }];
    expect((await check(fr, wallet))[0]!.outcome).toBe('no-hit');
    expect((await check(ke, wallet))[0]!.outcome).toBe('hit');
    const told = (
      await as(t.app, partner)('GET', `/api/v1/hit-notifications?recordId=${forKenya.json().id}`)
    ).json().items;
    expect(told.map((n: { searcherAgency: string }) => n.searcherAgency)).toEqual(['KE']);
  });
});

describe('hit notifications', () => {
  it('tell the owner who searched, with the outcome, through the list and the event stream', async () => {
    const keAdmin = await signIn(t.app, 'ke.analyst');
    const record = await create(ke, {
      kind: 'crypto-wallet',
      data: { chain: 'ethereum', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
    });
    const before = (await as(t.app, keAdmin)('GET', '/api/v1/hit-notifications?unread=true')).json().unread;
    await check(fr, [{ scheme: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }]);
    await check(ke, [{ scheme: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }]); // own searches do not notify
    const list = (await as(t.app, keAdmin)('GET', '/api/v1/hit-notifications?unread=true')).json();
    expect(list.unread).toBe(before + 1);
    expect(list.items[0]).toMatchObject({
      recordId: record.id,
      searcherAgency: 'FR',
      searcherName: 'fr.officer',
      outcome: 'hit',
      scheme: 'wallet',
    });
    expect(
      (await as(t.app, keAdmin)('POST', `/api/v1/hit-notifications/${list.items[0].id}/read`)).statusCode,
    ).toBe(204);
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/hit-notifications/${list.items[0].id}/read`),
      404,
      'not-found',
    );
    const outbox = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'hit-notification')
      .where('agency', '=', 'KE')
      .execute();
    expect(outbox.some((e) => (e.payload as { recordId: string }).recordId === record.id)).toBe(true);

    // Muted records stay silent.
    await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, { notificationsMuted: true });
    await check(fr, [{ scheme: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }]);
    expect((await as(t.app, keAdmin)('GET', '/api/v1/hit-notifications?unread=true')).json().unread).toBe(
      before,
    );
  });

  it('are streamed as server-sent events', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const keAnalyst = await signIn(t.app, 'ke.analyst');
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
      headers: { cookie: keAnalyst.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const record = await create(ke, passport('EV1234567'));
    await check(us, [{ scheme: 'document', value: 'EV1234567' }]);
    await t.app.events.poll();
    // The stream may first bring notifications of earlier tests' searches: read on to this one.
    const reader = response.body!.getReader();
    let text = '';
    const mark = `"recordId":"${record.id}"`;
    const arrived = () => text.includes(mark) && text.slice(text.indexOf(mark)).includes('\n');
    while (!arrived()) text += new TextDecoder().decode((await reader.read()).value);
    const line = text
      .slice(text.lastIndexOf('event: ', text.indexOf(mark)))
      .split('\n')
      .slice(0, 2);
    expect(line[0]).toBe('event: hit-notification');
    expect(JSON.parse(line[1]!.slice('data: '.length))).toMatchObject({
      searcherAgency: 'US',
      outcome: 'hit',
    });
    controller.abort();
  });
});

describe('search', () => {
  it('answers batches in order and audits them with a fingerprint', async () => {
    await create(ke, { kind: 'financial-account', data: { iban: 'GB82 WEST 1234 5698 7654 32' } });
    const queries = Array.from({ length: 500 }, (_, i) => ({
      scheme: 'iban',
      value: i === 250 ? 'gb82west12345698765432' : `GB${String(i).padStart(2, '0')}NOPE0000000000000${i}`,
    }));
    const invalid = await as(t.app, fr)('POST', '/api/v1/search/identifiers', { queries });
    expect(expectProblem(invalid, 400, 'validation').errors?.[0]?.field).toBe('/body/queries/0/value');
    // A bad country or chain is named as itself, not as the value.
    const badSiblings = await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
      queries: [
        { scheme: 'document', value: 'X1234567', country: 'XX' },
        { scheme: 'wallet', value: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', chain: 'dogecoins' },
      ],
    });
    expect(expectProblem(badSiblings, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      '/body/queries/0/country',
      '/body/queries/1/chain',
    ]);
    queries.forEach((q, i) => {
      if (i !== 250) q.value = 'GB33BUKB20201555555555';
    });
    const results = await check(fr, queries);
    expect(results).toHaveLength(500);
    expect(results.filter((r) => r.outcome === 'hit')).toHaveLength(1);
    expect(results[250]!.outcome).toBe('hit');
    await t.ctx.audit.flush();
    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'search.identifiers')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.principal_name).toBe('fr.officer');
    expect(entry.query_fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(entry.result_count).toBe(1);
    expect(entry.details).toMatchObject({ queries: 500, hits: 1, noHits: 499 });
  });

  it('answers a flight manifest with one unreadable passport when asked to report it (?invalid=report)', async () => {
    await create(ke, passport('RP4455667'));
    const manifest = [
      { scheme: 'document', value: 'P0000001', country: 'KE' },
      { scheme: 'document', value: 'RP4455667', country: 'KE' },
      { scheme: 'mrz', value: 'P<KENNOT<AN<MRZ' }, // unreadable in value
      { scheme: 'document', value: 'X'.repeat(2049) }, // malformed in shape
      { scheme: 'document', value: 'P0000002', country: 'KEN' }, // malformed country
      { scheme: 'document', value: '' }, // an empty field of the manifest
    ];
    // The default is unchanged: the batch is refused, naming every unreadable query.
    const refused = await as(t.app, fr)('POST', '/api/v1/search/identifiers', { queries: manifest });
    expect(expectProblem(refused, 400, 'validation').errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['/body/queries/3/value', '/body/queries/4/country', '/body/queries/5/value']),
    );
    const reported = await as(t.app, fr)('POST', '/api/v1/search/identifiers?invalid=report', {
      queries: manifest,
    });
    expect(reported.statusCode).toBe(200);
    const results = reported.json().results as { outcome: string; errors?: { field: string }[] }[];
    expect(results.map((r) => r.outcome)).toEqual([
      'no-hit',
      'hit',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(results[2]!.errors?.[0]?.field).toBe('/body/queries/2/value');
    expect(results[3]!.errors?.map((e) => e.field)).toEqual(['/body/queries/3/value']);
    expect(results[4]!.errors?.map((e) => e.field)).toEqual(['/body/queries/4/country']);
    expect(results[0]).not.toHaveProperty('errors');
    await t.ctx.audit.flush();
    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'search.identifiers')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ queries: 6, hits: 1, noHits: 1, invalid: 4 });

    // What is wrong with the batch itself, or the query string, still refuses it.
    for (const [url, body, field] of [
      ['/api/v1/search/identifiers?invalid=report', { queries: [] }, '/body/queries'],
      ['/api/v1/search/identifiers?invalid=report', { queries: manifest, extra: 1 }, '/body/extra'],
      ['/api/v1/search/identifiers?invalid=always', { queries: manifest }, '/query/invalid'],
      ['/api/v1/search/identifiers?invalid=always', { queries: manifest.slice(0, 2) }, '/query/invalid'],
    ] as const) {
      const response = await as(t.app, fr)('POST', url, body);
      expect(expectProblem(response, 400, 'validation').errors?.map((e) => e.field)).toContain(field);
    }
  });

  it('finds a recorded domain from its subdomains and from URLs on it, saying how it covers them', async () => {
    const domain = await create(ke, {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'phish-kit.example' },
    });
    const ip = await create(ke, { kind: 'cyber-indicator', data: { type: 'ip', value: '198.51.100.201' } });
    const exact = await create(ke, {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'login.phish-kit.example' },
    });
    const results = await check(fr, [
      { scheme: 'domain', value: 'secure.login.phish-kit.example' },
      { scheme: 'domain', value: 'login.phish-kit.example' },
      { scheme: 'url', value: 'hxxps://mail.phish-kit[.]example/reset?u=1' },
      { scheme: 'url', value: 'http://198.51.100.201/payload.bin' },
      { scheme: 'domain', value: 'phish-kit.example.org' },
      { scheme: 'domain', value: 'other.example' },
    ]);
    const found = (r: (typeof results)[number]) =>
      (r.records ?? []).map((x: { id: string; matched?: string }) => [x.id, x.matched ?? 'exact']);
    expect(found(results[0]!)).toEqual(
      expect.arrayContaining([
        [exact.id, 'parent-domain'],
        [domain.id, 'parent-domain'],
      ]),
    );
    expect(found(results[1]!)).toEqual(
      expect.arrayContaining([
        [exact.id, 'exact'],
        [domain.id, 'parent-domain'],
      ]),
    );
    expect(found(results[2]!)).toEqual([[domain.id, 'parent-domain']]);
    expect(found(results[3]!)).toEqual([[ip.id, 'url-host']]);
    // A name that merely contains it, or another domain under the same top level, is not covered.
    expect(results[4]!.outcome).toBe('no-hit');
    expect(results[5]!.outcome).toBe('no-hit');
  });

  it('checks passports by MRZ and IP addresses against ranges', async () => {
    await create(ke, { kind: 'cyber-indicator', data: { type: 'ip', value: '198.51.100.0/24' } });
    const results = await check(fr, [
      { scheme: 'ip', value: '198.51.100.77' },
      { scheme: 'ip', value: '198.51.101.1' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['hit', 'no-hit']);
    expect(results[0]!.records?.[0]).toMatchObject({ matched: 'range' });

    // A Kenyan passport, as a border reader sends it: the two lines of its MRZ.
    await create(ke, passport('MZ7654321'));
    const digit = (text: string) =>
      String(
        [...text].reduce(
          (sum, c, i) =>
            sum + (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * [7, 3, 1][i % 3]!,
          0,
        ) % 10,
      );
    const number = `MZ7654321${digit('MZ7654321')}`;
    const born = `800101${digit('800101')}`;
    const expires = `300101${digit('300101')}`;
    const optional = `${'<'.repeat(14)}${digit('<'.repeat(14))}`;
    const line2 = `${number}KEN${born}M${expires}${optional}${digit(number + born + expires + optional)}`;
    const mrz = `P<KENMWANGI<<JOHN${'<'.repeat(44 - 17)}\n${line2}`;
    const [byMrz, specimen] = await check(fr, [
      { scheme: 'mrz', value: mrz },
      {
        scheme: 'mrz',
        value: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
      },
    ]);
    expect(byMrz).toMatchObject({ outcome: 'hit', records: [{ data: { number: 'MZ7654321' } }] });
    // ICAO's specimen (state "Utopia") is checked by its number alone, and says so.
    expect(specimen).toMatchObject({ outcome: 'no-hit', warnings: [expect.stringContaining('specimen')] });
  });

  it('find what officers have in hand: long URLs, wallet URIs, upper-case bech32, digits of any script, UN documents', async () => {
    const url = `https://login-portal.example/verify?session=${'a1b2c3'.repeat(250)}`;
    await create(ke, { kind: 'cyber-indicator', data: { type: 'url', value: url } });
    await create(ke, {
      kind: 'crypto-wallet',
      data: { chain: 'bitcoin', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    });
    await create(ke, {
      kind: 'vehicle',
      data: { vin: '1M8GDM9AXKP042788', plate: '١٢٣٤ ب ح د', registrationCountry: 'SA' },
    });
    const results = await check(fr, [
      { scheme: 'url', value: url },
      { scheme: 'wallet', value: 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ' },
      { scheme: 'wallet', value: 'bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.1' },
      { scheme: 'plate', value: '1234 ب ح د', country: 'SA' },
      // The country as people type it.
      { scheme: 'plate', value: '1234 ب ح د', country: 'sa' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit']);

    // A United Nations laissez-passer: checked by its number alone, and said so.
    const [unDocument] = await check(fr, [
      {
        scheme: 'mrz',
        value: 'P<UNOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
      },
    ]);
    expect(unDocument).toMatchObject({
      outcome: 'no-hit',
      warnings: [expect.stringContaining('the United Nations (UNO), not a state')],
    });
  });

  it('keys written before digits of every script were folded are folded by migration 0013', async () => {
    const record = await create(ke, { kind: 'firearm', data: { serialNumber: 'GX-4471', make: 'Glock' } });
    // As a record written before: its serial keyed with Arabic-Indic digits.
    await t.ctx.db
      .updateTable('record_identifiers')
      .set({ value: 'GX٤٤٧١' })
      .where('record_id', '=', record.id)
      .where('scheme', '=', 'firearm-serial')
      .execute();
    await t.ctx.db
      .updateTable('records')
      .set({ search_keys: ['firearm-serial:GX٤٤٧١'] })
      .where('id', '=', record.id)
      .execute();
    const sqlText = fs.readFileSync(path.join(MIGRATIONS_DIR, '0013_digits_of_every_script.sql'), 'utf8');
    await t.ctx.database.rawTransaction((tx) => tx.exec(sqlText));
    const [found] = await check(fr, [{ scheme: 'firearm-serial', value: 'GX 4471' }]);
    expect(found!.outcome).toBe('hit');
    const row = await t.ctx.db
      .selectFrom('records')
      .select('search_keys')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row.search_keys).toEqual(['firearm-serial:GX4471']);
  });

  it('free search recognises what was typed', async () => {
    await create(ke, { kind: 'cyber-indicator', data: { type: 'email', value: 'Extortion@Mail.example' } });
    const response = await as(t.app, fr)('GET', '/api/v1/search?q=extortion%40mail.example');
    const body = response.json();
    expect(body.interpretations[0].scheme).toBe('email');
    expect(body.results[0].outcome).toBe('hit');
  });

  it('machines check with API keys scoped to records:read', async () => {
    const admin = await signIn(t.app, 'fr.admin');
    const { key } = (
      await as(t.app, admin)('POST', '/api/v1/api-keys', { name: 'border', permissions: ['records:read'] })
    ).json();
    const response = await withKey(t.app, key)('POST', '/api/v1/search/identifiers', {
      queries: [{ scheme: 'document', value: 'PA0000001' }],
    });
    expect(response.json().results[0].outcome).toBe('hit');
    expectProblem(await withKey(t.app, key)('POST', '/api/v1/records', passport('Z1')), 403, 'forbidden');
  });
});

describe('review and lapse', () => {
  it("list an agency's own records (a bureau's with its units'), newest first, page by page", async () => {
    const keCyber = await signIn(t.app, 'ke.cyber');
    await create(ke, passport('L1000001'));
    await create(keCyber, { kind: 'cyber-indicator', data: { type: 'domain', value: 'list-test.example' } });
    await create(ke, { kind: 'cyber-indicator', data: { type: 'domain', value: 'list-test-2.example' } });
    await create(fr, { kind: 'cyber-indicator', data: { type: 'domain', value: 'list-test-fr.example' } });
    const gone = await create(ke, passport('L1000002'));
    await as(t.app, ke)('DELETE', `/api/v1/records/${gone.id}?reason=entered+twice`);

    const truth = async (owners: string[], status = 'active', kind?: string) =>
      (
        await t.ctx.db
          .selectFrom('records')
          .select('id')
          .where('owner_agency', 'in', owners)
          .where('status', '=', status)
          .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => r.id);
    const pages = async (session: Session, query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await as(t.app, session)(
          'GET',
          `/api/v1/records?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.statusCode).toBe(200);
        const body = page.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(3);
        ids.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      return ids;
    };
    // Every kind, the bureau's and its units', in order, each once; never another country's.
    expect(await pages(ke, '')).toEqual(await truth(['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA']));
    expect(await pages(ke, '&kind=cyber-indicator')).toEqual(
      await truth(['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA'], 'active', 'cyber-indicator'),
    );
    // A unit sees its own only; another bureau none of these.
    expect(await pages(keCyber, '')).toEqual(await truth(['KE-CYBER']));
    expect(await pages(fr, '&kind=cyber-indicator')).toEqual(
      await truth(['FR'], 'active', 'cyber-indicator'),
    );
    expect(await pages(ke, '&status=deleted')).toContain(gone.id);
    expect(await pages(ke, '')).not.toContain(gone.id);

    // The review queue: the bureau's and its units' records whose review falls within six
    // months, read owner by owner and merged newest first; never another country's.
    const soon = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();
    for (const [session, value, days] of [
      [ke, 'review-soon-1.example', 30],
      [keCyber, 'review-soon-2.example', 100],
      [ke, 'review-soon-3.example', 170],
      [ke, 'review-later.example', 200],
      [keCyber, 'review-soon-4.example', 1],
      [fr, 'review-soon-fr.example', 30],
    ] as const)
      await create(session, {
        kind: 'cyber-indicator',
        data: { type: 'domain', value },
        reviewAt: soon(days),
      });
    await create(ke, { ...passport('L1000003'), reviewAt: soon(60) });
    const dueBy = new Date(t.clock.now().getTime() + REVIEW_NOTICE_MS);
    const dueTruth = async (owners: string[], kind?: string) =>
      (
        await t.ctx.db
          .selectFrom('records')
          .select('id')
          .where('owner_agency', 'in', owners)
          .where('status', '=', 'active')
          .where('review_at', '<=', dueBy)
          .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => r.id);
    const keDue = await pages(ke, '&reviewDue=true');
    expect(keDue).toHaveLength(5);
    expect(keDue).toEqual(await dueTruth(['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA']));
    expect(await pages(ke, '&reviewDue=true&kind=cyber-indicator')).toEqual(
      await dueTruth(['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA'], 'cyber-indicator'),
    );
    expect(await pages(keCyber, '&reviewDue=true')).toEqual(await dueTruth(['KE-CYBER']));
    expect(await pages(fr, '&reviewDue=true')).toEqual(await dueTruth(['FR']));
  });

  it('reminds six months ahead, lapses on the date, restores on extension, purges after the grace period', async () => {
    const record = await create(ke, {
      ...passport('RV1234567'),
      reviewAt: new Date(t.clock.now().getTime() + 365 * 86_400_000).toISOString(),
    });
    const forgotten = await create(ke, {
      ...passport('RV7654321'),
      reviewAt: new Date(t.clock.now().getTime() + 365 * 86_400_000).toISOString(),
    });
    t.clock.advance(190 * 86_400_000);
    await runRecordLifecycle(t.ctx);
    const reminder = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'record.review-due')
      .execute();
    expect(reminder.some((e) => (e.payload as { recordId: string }).recordId === record.id)).toBe(true);
    const due = (
      await as(t.app, await signIn(t.app, 'ke.officer'))('GET', '/api/v1/records?reviewDue=true&limit=500')
    ).json().items;
    expect(due.map((r: { id: string }) => r.id)).toContain(record.id);

    t.clock.advance(180 * 86_400_000);
    await runRecordLifecycle(t.ctx);
    const officer = await signIn(t.app, 'ke.officer');
    expect((await as(t.app, officer)('GET', `/api/v1/records/${record.id}`)).json().status).toBe('lapsed');
    const other = await signIn(t.app, 'fr.officer');
    expect((await check(other, [{ scheme: 'document', value: 'RV1234567' }]))[0]!.outcome).toBe('no-hit');

    const extended = await as(t.app, officer)('POST', `/api/v1/records/${record.id}/extend`, {
      reason: 'suspect still at large',
    });
    expect(extended.json().status).toBe('active');
    expect((await check(other, [{ scheme: 'document', value: 'RV1234567' }]))[0]!.outcome).toBe('hit');

    await as(t.app, officer)('DELETE', `/api/v1/records/${record.id}?reason=document+recovered`);
    t.clock.advance(91 * 86_400_000);
    const { purged } = await runRecordLifecycle(t.ctx);
    expect(purged).toBeGreaterThanOrEqual(1);
    // Purged with everything kept with them: versions, identifiers (the lapsed one kept its own).
    for (const table of ['records', 'record_versions', 'record_identifiers'] as const) {
      const column = table === 'records' ? 'id' : 'record_id';
      const left = await t.ctx.db
        .selectFrom(table)
        .select(column)
        .where(column, 'in', [record.id, forgotten.id])
        .execute();
      expect(left, table).toEqual([]);
    }
  });

  it('goes on at once while a round fills its batch: a bulk import falling due on one day', async () => {
    const count = LIFECYCLE_BATCH + 1;
    const now = t.clock.now();
    await sql`
      INSERT INTO records (id, kind, owner_agency, data, summary, policy, status, version, review_at,
        created_by, created_at, updated_by, updated_at)
      SELECT gen_random_uuid(), 'vehicle', 'KE', '{}'::jsonb, 'bulk-due', '{"visibility": "all"}'::jsonb, 'active', 1,
        ${now}::timestamptz + interval '30 days', 'test', ${now}, 'test', ${now}
      FROM generate_series(1, ${count}::int) g`.execute(t.ctx.db);
    const lifecycle = recordJobs.find((j) => j.name === 'records.lifecycle')!;
    expect(await lifecycle.run(t.ctx)).toEqual({ more: true });
    expect(await lifecycle.run(t.ctx)).toEqual({ more: false });
    const left = await t.ctx.db
      .selectFrom('records')
      .select('id')
      .where('summary', '=', 'bulk-due')
      .where('review_notified_at', 'is', null)
      .execute();
    expect(left).toEqual([]);
    await t.ctx.db.deleteFrom('records').where('summary', '=', 'bulk-due').execute();
  });
});
