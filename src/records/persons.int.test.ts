import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { runRecordLifecycle } from './jobs.ts';
import { reindexPersonNames } from './person-names-job.ts';

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

interface Candidate {
  outcome: 'hit' | 'restricted-hit';
  recordId?: string;
  score: number;
  band: string;
  explanation?: { text: string; items: { field: string; kind: string }[] };
  owner?: string;
  hitRef?: string;
  record?: { id: string; data: { names: { full: string }[] } };
}

const person = (names: string[], extra: object = {}, policy?: object) => ({
  kind: 'person',
  data: { names: names.map((full) => ({ full })), status: 'wanted', ...extra },
  ...(policy ? { policy } : {}),
});

async function create(session: Session, body: object): Promise<{ id: string; data: object }> {
  const response = await as(t.app, session)('POST', '/api/v1/records', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function search(session: Session, body: object): Promise<{ query: object; candidates: Candidate[] }> {
  const response = await as(t.app, session)('POST', '/api/v1/search/persons', body);
  if (response.statusCode !== 200) throw new Error(`search failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const rankOf = (candidates: Candidate[], id: string) => candidates.findIndex((c) => c.recordId === id);

describe('person search by name', () => {
  it('finds a Russian record typed the German, French or airline way, and says why', async () => {
    const record = await create(
      ke,
      person(['Щербаков Сергей Юрьевич'], { dateOfBirth: '1975-03-02', sex: 'M', nationalities: ['RU'] }),
    );
    await create(ke, person(['Сергей Кузнецов'], { dateOfBirth: '1975-03-02', sex: 'M' }));
    for (const name of ['Schtscherbakow Sergej', 'Chtcherbakov Serguei', 'SHCHERBAKOV SERGEY']) {
      const { candidates } = await search(fr, { name, dateOfBirth: '1975', sex: 'M' });
      expect(rankOf(candidates, record.id), name).toBe(0);
      const top = candidates[0]!;
      expect(top.band).not.toBe('weak');
      expect(top.explanation!.text).toMatch(/family name/);
      expect(top.explanation!.items.some((i) => i.field === 'date of birth')).toBe(true);
      expect(top.record!.data.names[0]!.full).toBe('Щербаков Сергей Юрьевич');
    }
  });

  it('takes a person with the fields other systems send — names, date of birth, sex, nationalities — and no status', async () => {
    const response = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'person',
      data: {
        names: [{ full: 'محمد عبد الرحمن الشامي' }],
        dateOfBirth: '1981',
        sex: 'M',
        nationalities: ['EG'],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().summary).toBe('Person: محمد عبد الرحمن الشامي (born 1981, EG)');
    const { candidates } = await search(fr, { name: 'Mohamed Abdelrahman El Shami', dateOfBirth: '1981' });
    expect(candidates[0]?.recordId).toBe(response.json().id);
  });

  it('meets Arabic script and its romanisations, and Chinese names in either order', async () => {
    const arabic = await create(ke, person(['محمد عبد الرحمن'], { dateOfBirth: '1980-06-01' }));
    const chinese = await create(ke, person(['张伟'], { dateOfBirth: '1988-11-20', sex: 'M' }));
    for (const name of ['Mohammed Abdulrahman', 'Mohamed Abderrahmane']) {
      const { candidates } = await search(fr, { name, dateOfBirth: '1980-06-01' });
      expect(rankOf(candidates, arabic.id), name).toBe(0);
    }
    for (const name of ['Zhang Wei', 'Wei Zhang', 'Chang Wei']) {
      const { candidates } = await search(fr, { name, dateOfBirth: '1988-11-20' });
      expect(rankOf(candidates, chinese.id), name).toBe(0);
    }
  });

  it('answers a different person with nothing strong', async () => {
    await create(ke, person(['Jean-Pierre Dubois'], { dateOfBirth: '1962-01-15', sex: 'M' }));
    const { candidates } = await search(fr, { name: 'Ngozi Okonkwo', dateOfBirth: '1962-01-15', sex: 'F' });
    expect(candidates.filter((c) => c.band === 'strong')).toEqual([]);
  });

  it('follows the owner’s policy: hit-only gives a restricted hit without names; hidden gives nothing', async () => {
    const hitOnly = await create(
      ke,
      person(
        ['Oluwaseun Adeyemi-Bakare'],
        { dateOfBirth: '1991' },
        {
          visibility: 'allow',
          agencies: ['US'],
          hitOnly: true,
        },
      ),
    );
    const hidden = await create(
      ke,
      person(['Thaddeus Vanterpool'], { dateOfBirth: '1979' }, { visibility: 'allow', agencies: ['US'] }),
    );
    const restricted = await as(t.app, fr)('POST', '/api/v1/search/persons', {
      name: 'Oluwaseun Adeyemi Bakare',
    });
    const candidate = (restricted.json().candidates as Candidate[])[0]!;
    expect(candidate).toMatchObject({ outcome: 'restricted-hit', owner: 'KE' });
    expect(candidate.hitRef).toBeTruthy();
    expect(restricted.body).not.toContain(hitOnly.id);
    expect(restricted.body).not.toContain('Adeyemi-Bakare');
    expect(Object.keys(candidate).sort()).toEqual(['band', 'hitRef', 'outcome', 'owner', 'score']);
    // Its score is its band's floor: guesses at the date of birth or the spelling move nothing
    // the searcher sees (a precise score would let them be confirmed one by one).
    expect(candidate).toMatchObject({ band: 'strong', score: 0.82 });
    for (const guess of [
      { name: 'Oluwaseun Adeyemi-Bakare', dateOfBirth: '1991' },
      { name: 'Oluwaseun Adeyemi Bakare', dateOfBirth: '1990' },
      { name: 'Oluwaseun Adeyemi Bakare', sex: 'F' },
    ]) {
      const probe = (await as(t.app, fr)('POST', '/api/v1/search/persons', guess)).json().candidates[0];
      expect(probe, JSON.stringify(guess)).toMatchObject({ outcome: 'restricted-hit', score: 0.82 });
    }
    // The reference the searcher quotes is one the owner holds.
    const notified = await t.ctx.db
      .selectFrom('hit_notifications')
      .selectAll()
      .where('id', '=', candidate.hitRef!)
      .executeTakeFirst();
    expect(notified).toMatchObject({ record_id: hitOnly.id, outcome: 'restricted-hit', scheme: 'name' });

    const none = await as(t.app, fr)('POST', '/api/v1/search/persons', { name: 'Thaddeus Vanterpool' });
    expect(none.body).not.toContain(hidden.id);
    expect(none.body).not.toContain('Vanterpool",');
    expect((none.json().candidates as Candidate[]).some((c) => c.owner === 'KE' && c.band === 'strong')).toBe(
      false,
    );

    // The listed agency and the owner's side see the person.
    expect(rankOf((await search(us, { name: 'Thaddeus Vanterpool' })).candidates, hidden.id)).toBe(0);
    expect(rankOf((await search(ke, { name: 'Thaddeus Vanterpool' })).candidates, hidden.id)).toBe(0);

    // Nor does the searcher's own audit entry, which its agency's auditors read, count the
    // person it could not see.
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details', 'result_count'])
      .where('action', '=', 'search.persons')
      .where('principal_name', '=', 'fr.officer')
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    // France's last search was the one that could not see the hidden person.
    const ofNone = audited[0]!;
    expect(ofNone.result_count).toBe(none.json().candidates.length);
    const { strong, possible, weak, ...rest } = ofNone.details as Record<string, unknown>;
    expect([strong, possible, weak].reduce((a: number, b) => a + (b as number), 0)).toBe(ofNone.result_count);
    expect(Object.values(rest).filter((v) => typeof v === 'number')).toEqual([]);
  });

  it('scope own finds only the caller’s side’s persons, and notifies no one', async () => {
    // The persons a notice may be requested on: a bureau's and its units', a unit's and its
    // bureau's; another country's namesake, open to all, is left out and not told.
    const keCyber = await signIn(t.app, 'ke.cyber');
    const keAnalyst = await signIn(t.app, 'ke.analyst');
    const frAnalyst = await signIn(t.app, 'fr.analyst');
    const mine = await create(ke, person(['Achieng Otieno Auma'], { dateOfBirth: '1990-02-02' }));
    const units = await create(keCyber, person(['Achieng Otieno'], { dateOfBirth: '1990' }));
    const french = await create(fr, person(['Achieng Otieno Auma'], { dateOfBirth: '1990-02-02' }));
    const unread = async (s: Session) =>
      (await as(t.app, s)('GET', '/api/v1/hit-notifications?unread=true')).json().unread as number;
    const frBefore = await unread(frAnalyst);
    const keBefore = await unread(keAnalyst);

    const all = await search(ke, { name: 'Achieng Otieno', dateOfBirth: '1990-02-02' });
    expect(all.candidates.map((c) => c.recordId)).toEqual(expect.arrayContaining([mine.id, french.id]));
    const own = await search(ke, { name: 'Achieng Otieno', dateOfBirth: '1990-02-02', scope: 'own' });
    const ids = own.candidates.map((c) => c.recordId);
    expect(ids).toEqual(expect.arrayContaining([mine.id, units.id]));
    expect(ids).not.toContain(french.id);
    expect(own.candidates.every((c) => c.outcome === 'hit')).toBe(true);
    // A unit finds its bureau's person too, not another country's.
    const fromUnit = (await search(keCyber, { name: 'Achieng Otieno Auma', scope: 'own' })).candidates;
    expect(fromUnit.map((c) => c.recordId)).toEqual(expect.arrayContaining([mine.id, units.id]));
    expect(fromUnit.map((c) => c.recordId)).not.toContain(french.id);

    // Only the search over everyone told France; the own-side searches told nobody.
    expect(await unread(frAnalyst)).toBe(frBefore + 1);
    expect(await unread(keAnalyst)).toBe(keBefore);
    expectProblem(
      await as(t.app, ke)('POST', '/api/v1/search/persons', { name: 'Achieng', scope: 'mine' }),
      400,
      'validation',
    );
  });

  it('notifies the owner of strong matches, and audits the search without the name', async () => {
    const keAnalyst = await signIn(t.app, 'ke.analyst');
    const record = await create(ke, person(['Wanjiru Kamau Njoroge'], { dateOfBirth: '1985-04-04' }));
    const before = (await as(t.app, keAnalyst)('GET', '/api/v1/hit-notifications?unread=true')).json().unread;
    await search(fr, { name: 'Wanjiru Njoroge', dateOfBirth: '1985-04-04' });
    const list = (await as(t.app, keAnalyst)('GET', '/api/v1/hit-notifications?unread=true')).json();
    expect(list.unread).toBe(before + 1);
    expect(list.items[0]).toMatchObject({ recordId: record.id, searcherAgency: 'FR', scheme: 'name' });

    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'search.persons')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.principal_name).toBe('fr.officer');
    expect(entry.query_fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(entry)).not.toMatch(/Wanjiru|Njoroge/i);
  });

  it('refuses bad input with the field named, never a 500', async () => {
    const post = (body: object) => as(t.app, fr)('POST', '/api/v1/search/persons', body);
    const cases: [object, string][] = [
      [{}, '/body/name'],
      [{ name: '' }, '/body/name'],
      [{ name: '!!! 123 ???' }, '/body/name'],
      [{ name: '\u200f\u200e\u0000' }, '/body/name'],
      [{ name: 'Anna', dateOfBirth: '1975-13-01' }, '/body/dateOfBirth'],
      [{ name: 'Anna', dateOfBirth: 'yesterday' }, '/body/dateOfBirth'],
      [{ name: 'Anna', dateOfBirth: '1975-02-30' }, '/body/dateOfBirth'],
      [{ name: 'Anna', sex: 'female' }, '/body/sex'],
      [{ name: 'Anna', nationality: 'UK' }, '/body/nationality'],
      [{ name: 'Anna', limit: 500 }, '/body/limit'],
      [{ name: 'Anna', alias: 'x' }, '/body/alias'],
      [{ name: 'A'.repeat(301) }, '/body/name'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await post(body), 400, 'validation');
      expect(
        problem.errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    // A malformed value is explained in words, not as the pattern it failed.
    const malformed = expectProblem(await post({ name: 'Anna', dateOfBirth: '75' }), 400, 'validation');
    expect(malformed.errors![0]!.message).toMatch(/YYYY-MM-DD/);
    expect(malformed.errors![0]!.message).not.toMatch(/\\d|\^/);
    // Hostile but valid text is answered.
    expect((await post({ name: '🙂 Иван 🙂 \u202eИванов' })).statusCode).toBe(200);
    // A person recorded with no letters of a name could never be found by name: refused too.
    for (const full of ['😀', '!!! 123', '\u200f'])
      expect(
        expectProblem(
          await as(t.app, ke)('POST', '/api/v1/records', {
            kind: 'person',
            data: { names: [{ full }], status: 'wanted' },
          }),
          400,
          'validation',
        ).errors?.map((e) => e.field),
      ).toEqual(['/body/data/names/0/full']);
  });

  it('keeps up with corrections and deletion', async () => {
    const record = await create(ke, person(['Kipchoge Mutai Rotich'], { dateOfBirth: '1990-02-02' }));
    expect(rankOf((await search(fr, { name: 'Kipchoge Rotich' })).candidates, record.id)).toBe(0);
    await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { names: [{ full: 'Barasa Wekesa Simiyu' }], status: 'wanted', dateOfBirth: '1990-02-02' },
      reason: 'wrong person recorded',
    });
    expect(rankOf((await search(fr, { name: 'Kipchoge Rotich' })).candidates, record.id)).toBe(-1);
    expect(rankOf((await search(fr, { name: 'Barasa Simiyu' })).candidates, record.id)).toBe(0);
    await as(t.app, ke)('DELETE', `/api/v1/records/${record.id}?reason=withdrawn`);
    expect(rankOf((await search(fr, { name: 'Barasa Simiyu' })).candidates, record.id)).toBe(-1);
  });

  it('finds imported persons, and persons recorded before name matching once reindexed', async () => {
    const body = [
      JSON.stringify(person(['Nikos Papadopoulos'], { dateOfBirth: '1970' })),
      JSON.stringify(person(['Νίκος Παπαδόπουλος'], { dateOfBirth: '1970' })),
    ].join('\n');
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import?mode=all-or-nothing',
      headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(report.json().imported).toBe(2);
    const found = (await search(fr, { name: 'Nikos Papadopoulos', dateOfBirth: '1970' })).candidates;
    expect(found.filter((c) => c.band === 'strong')).toHaveLength(2);

    // Persons as earlier versions left them: no prepared names and no name keys, or the
    // prepared form and keys of an older library.
    const legacy = await create(ke, person(['Siddharth Raghunathan'], { dateOfBirth: '1983' }));
    const older = await create(ke, person(['Oluwaseun Adebayo'], { dateOfBirth: '1979' }));
    await sql`DELETE FROM record_identifiers WHERE record_id = ${legacy.id} AND scheme = 'name'`.execute(
      t.ctx.db,
    );
    await sql`UPDATE records SET person_match = NULL, search_keys = '{}' WHERE id = ${legacy.id}`.execute(
      t.ctx.db,
    );
    await sql`UPDATE records SET person_match = jsonb_set(person_match, '{iv}', '1') WHERE id = ${older.id}`.execute(
      t.ctx.db,
    );
    await sql`DELETE FROM settings WHERE key = 'names-index-version'`.execute(t.ctx.db);
    expect(rankOf((await search(fr, { name: 'Siddharth Raghunathan' })).candidates, legacy.id)).toBe(-1);
    // A round at a time, in record order, each going on from where the last stopped.
    const first = await reindexPersonNames(t.ctx, 1);
    expect(first).toEqual({ persons: 1, last: legacy.id });
    expect(await reindexPersonNames(t.ctx, 1, first.last)).toEqual({ persons: 1, last: older.id });
    expect(rankOf((await search(fr, { name: 'Siddharth Raghunathan' })).candidates, legacy.id)).toBe(0);
    expect(rankOf((await search(fr, { name: 'Oluwaseun Adebayo' })).candidates, older.id)).toBe(0);
    expect((await reindexPersonNames(t.ctx, 1, older.id)).persons).toBe(0);
    // Done: the next run only looks at the version it noted.
    await sql`UPDATE records SET person_match = jsonb_set(person_match, '{iv}', '1') WHERE id = ${older.id}`.execute(
      t.ctx.db,
    );
    expect((await reindexPersonNames(t.ctx)).persons).toBe(0);
    // The reindexed keys are the record's own again, so a correction still removes them.
    await as(t.app, ke)('PATCH', `/api/v1/records/${legacy.id}`, {
      data: { names: [{ full: 'Someone Else Entirely' }], status: 'wanted' },
    });
    expect(rankOf((await search(fr, { name: 'Siddharth Raghunathan' })).candidates, legacy.id)).toBe(-1);
  });

  it('answers the search box when what was typed is a name', async () => {
    const record = await create(ke, person(['Amina Wanjiku Mwangi']));
    const free = (
      await as(t.app, fr)('GET', `/api/v1/search?q=${encodeURIComponent('amina mwangi')}`)
    ).json();
    expect(rankOf(free.persons.candidates, record.id)).toBe(0);
    const number = (await as(t.app, fr)('GET', '/api/v1/search?q=AB1234567')).json();
    expect(number.persons).toBeUndefined();
  });

  // Last: moving the clock ends the sessions above.
  it('stops finding a person whose record lapsed', async () => {
    const lapsing = await create(ke, {
      ...person(['Otieno Achieng Odhiambo']),
      reviewAt: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    });
    expect(rankOf((await search(fr, { name: 'Otieno Odhiambo' })).candidates, lapsing.id)).toBe(0);
    t.clock.advance(31 * 86_400_000);
    await runRecordLifecycle(t.ctx);
    fr = await signIn(t.app, 'fr.officer');
    expect(rankOf((await search(fr, { name: 'Otieno Odhiambo' })).candidates, lapsing.id)).toBe(-1);
  });
});
