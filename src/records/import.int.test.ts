import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { demoRecord } from './demo.ts';

let t: TestApp;
let ke: Session;
let fr: Session;
beforeAll(async () => {
  t = await createTestApp();
  ke = await signIn(t.app, 'ke.officer');
  fr = await signIn(t.app, 'fr.officer');
});
afterAll(() => t.close());

const importBody = (session: Session, body: string, type: string, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/records:import${query}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': type },
    payload: body,
  });

const count = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_agency', '=', 'KE')
        .executeTakeFirstOrThrow()
    ).n,
  );

const line = (number: string) =>
  JSON.stringify({
    kind: 'travel-document',
    data: { number, type: 'passport', issuingCountry: 'KE', status: 'stolen' },
  });

describe('import', () => {
  it('all-or-nothing writes nothing when a line is bad, and reports each bad line with its field', async () => {
    const before = await count();
    const body = [
      line('IM0000001'),
      '{"kind": "travel-document", "data": {"number": "IM0000002"}}',
      'not json',
      '',
      line('IM0000003'),
    ].join('\n');
    const response = await importBody(ke, body, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ mode: 'all-or-nothing', total: 4, imported: 0, invalidCount: 2 });
    expect(report.invalid[0].line).toBe(2);
    expect(report.invalid[0].errors.map((e: { field: string }) => e.field)).toContain('/data/type');
    expect(report.invalid[1]).toEqual({ line: 3, errors: [{ field: '/', message: 'not valid JSON' }] });
    expect(await count()).toBe(before);
  });

  it('checks each line’s policy as POST /records does', async () => {
    const before = await count();
    const withPolicy = (number: string, policy: unknown) =>
      JSON.stringify({ ...JSON.parse(line(number)), policy });
    const body = [
      withPolicy('IP0000001', { visibility: 'nobody' }),
      withPolicy('IP0000002', { visibility: 'deny', countries: 'FR' }),
      withPolicy('IP0000003', { visibility: 'allow', countries: ['XX'] }),
      withPolicy('IP0000004', { visibility: 'all', handling: 'H3', handlingNote: '  ' }),
      withPolicy('IP0000005', { visibility: 'allow' }),
      withPolicy('IP0000006', { visibility: 'deny', countries: ['FR'], hitOnly: true }),
    ].join('\n');
    const report = (await importBody(ke, body, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 6, imported: 1, invalidCount: 5 });
    expect(
      report.invalid.map((l: { line: number; errors: { field: string }[] }) => [l.line, l.errors[0]!.field]),
    ).toEqual([
      [1, '/policy/visibility'],
      [2, '/policy/countries'],
      [3, '/policy/countries/0'],
      [4, '/policy/handlingNote'],
      [5, '/policy/agencies'],
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('holds review dates to the same bounds as POST /records', async () => {
    const withReview = (number: string, reviewAt: string) =>
      JSON.stringify({ ...JSON.parse(line(number)), reviewAt });
    const body = [
      withReview('RV0000001', '2099-01-01T00:00:00Z'),
      withReview('RV0000002', '2001-01-01T00:00:00Z'),
      withReview('RV0000003', new Date(Date.now() + 86_400_000 * 365).toISOString()),
    ].join('\n');
    const report = (await importBody(ke, body, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 3, imported: 1, invalidCount: 2 });
    expect(report.invalid).toEqual([
      { line: 1, errors: [{ field: '/reviewAt', message: 'at most 10 years ahead' }] },
      { line: 2, errors: [{ field: '/reviewAt', message: 'must be in the future' }] },
    ]);
    // As POST /records reads them: a date that does not exist, a list; a day as spreadsheets
    // write it is taken at midnight UTC.
    const shapes = [
      withReview('RV0000004', '2030-02-30T00:00:00Z'),
      JSON.stringify({ ...JSON.parse(line('RV0000005')), reviewAt: ['2030-06-01T00:00:00Z'] }),
      withReview('RV0000006', '2030-02-30'),
      withReview('RV0000007', '2030-06-01'),
    ].join('\n');
    const refused = (await importBody(ke, shapes, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(refused).toMatchObject({ total: 4, imported: 1, invalidCount: 3 });
    expect(refused.invalid.map((l: { errors: { field: string }[] }) => l.errors[0]!.field)).toEqual([
      '/reviewAt',
      '/reviewAt',
      '/reviewAt',
    ]);
  });

  it('reports the warnings POST /records would give, line by line, and reads spreadsheet booleans', async () => {
    const csv = [
      'vin,plate,registrationCountry,policy.visibility,policy.countries[],policy.hitOnly',
      // A wrong check digit: recorded, and said so (a legitimate foreign VIN may fail it).
      '1M8GDM9AYKP042788,KCX 001A,KE,allow,KE,TRUE',
      '1M8GDM9AXKP042788,KCX 002A,KE,allow,KE,Yes',
      '2T1BURHE0JC014702,KCX 003A,KE,allow,KE,maybe',
    ].join('\n');
    const report = (await importBody(ke, csv, 'text/csv', '?kind=vehicle&mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 3, imported: 2, invalidCount: 1, warnedCount: 1 });
    expect(report.warned).toEqual([
      { line: 2, warnings: [{ field: '/data/vin', message: expect.stringContaining('check digit') }] },
    ]);
    expect(report.invalid[0]).toMatchObject({ line: 4, errors: [{ field: '/policy/hitOnly' }] });
    // TRUE and Yes were read as true: outside KE, a restricted hit, not none.
    const results = (
      await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
        queries: [
          { scheme: 'plate', value: 'KCX 001A', country: 'KE' },
          { scheme: 'plate', value: 'KCX 002A', country: 'KE' },
        ],
      })
    ).json().results;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['restricted-hit', 'restricted-hit']);
  });

  it('skip-invalid writes the good lines', async () => {
    const before = await count();
    const body = [line('IM0000011'), line('IM0000012'), '{"kind":"vehicle","data":{"vin":"X1"}}'].join('\n');
    const report = (await importBody(ke, body, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 3, imported: 2, invalidCount: 1 });
    expect(await count()).toBe(before + 2);
    const results = (
      await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
        queries: [{ scheme: 'document', value: 'IM0000012' }],
      })
    ).json().results;
    expect(results[0].outcome).toBe('hit');
  });

  it('keeps an imported record’s history: its first version survives later corrections', async () => {
    const report = (await importBody(ke, line('IM0000021'), 'application/x-ndjson')).json();
    expect(report.imported).toBe(1);
    const officer = as(t.app, ke);
    const mine = (await officer('GET', '/api/v1/records?kind=travel-document&limit=500')).json().items;
    const record = mine.find((r: { data: { number: string } }) => r.data.number === 'IM0000021');
    let history = (await officer('GET', `/api/v1/records/${record.id}/history`)).json().items;
    expect(history).toMatchObject([
      { version: 1, action: 'import', data: { number: 'IM0000021', status: 'stolen' } },
    ]);

    await officer('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, status: 'lost' },
      reason: 'owner reported it lost, not stolen',
    });
    await officer('PATCH', `/api/v1/records/${record.id}`, { notificationsMuted: true });
    history = (await officer('GET', `/api/v1/records/${record.id}/history`)).json().items;
    expect(history).toMatchObject([
      { version: 1, action: 'import', data: { status: 'stolen' }, policy: { visibility: 'all' } },
      { version: 2, action: 'update', data: { status: 'lost' } },
    ]);
  });

  it('finds an imported record’s keys again when it is corrected or deleted', async () => {
    await importBody(ke, line('IM0000031'), 'application/x-ndjson');
    const officer = as(t.app, ke);
    const mine = (await officer('GET', '/api/v1/records?kind=travel-document&limit=500')).json().items;
    const record = mine.find((r: { data: { number: string } }) => r.data.number === 'IM0000031');
    const outcome = async (number: string) =>
      (
        await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
          queries: [{ scheme: 'document', value: number }],
        })
      ).json().results[0].outcome;
    expect(await outcome('IM0000031')).toBe('hit');

    await officer('PATCH', `/api/v1/records/${record.id}`, { data: { ...record.data, number: 'IM0000032' } });
    expect(await outcome('IM0000031')).toBe('no-hit');
    expect(await outcome('IM0000032')).toBe('hit');
    const keys = await t.ctx.db
      .selectFrom('record_identifiers')
      .select(['scheme', 'value'])
      .where('record_id', '=', record.id)
      .execute();
    expect(keys).toEqual([{ scheme: 'document', value: 'IM0000032' }]);

    await officer('DELETE', `/api/v1/records/${record.id}?reason=recovered`);
    expect(await outcome('IM0000032')).toBe('no-hit');
    const left = await t.ctx.db
      .selectFrom('record_identifiers')
      .select('value')
      .where('record_id', '=', record.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('reports lines with a NUL or a lone surrogate as invalid, never failing the import', async () => {
    // Such text cannot be stored (jsonb refuses it): it once failed the whole import with a 500.
    const before = await count();
    const ndjson = [
      line('NU0000001'),
      '{"kind":"travel-document","data":{"number":"NU0000002","type":"passport","issuingCountry":"KE","status":"stolen","notes":"a\\u0000b"}}',
      '{"kind":"travel-document","data":{"number":"NU0000003","type":"passport","issuingCountry":"KE","status":"stolen","notes":"\\ud800"}}',
    ].join('\n');
    const report = (await importBody(ke, ndjson, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 3, imported: 1, invalidCount: 2 });
    expect(
      report.invalid.map((i: { line: number; errors: { field: string }[] }) => [i.line, i.errors[0]!.field]),
    ).toEqual([
      [2, '/data/notes'],
      [3, '/data/notes'],
    ]);
    const csv = [
      'number,type,issuingCountry,status',
      'NU0000004,passport,KE,lost',
      'NU0000005,passport,KE,lo\u0000st',
    ].join('\n');
    const csvReport = (
      await importBody(ke, csv, 'text/csv', '?kind=travel-document&mode=skip-invalid')
    ).json();
    expect(csvReport).toMatchObject({ total: 2, imported: 1, invalidCount: 1 });
    expect(csvReport.invalid[0].line).toBe(3);
    expect(csvReport.invalid[0].errors[0].message).toContain('column status');
    expect(await count()).toBe(before + 2);
  });

  it('reports a CSV row with a cell too few or too many as its own line, and reads on', async () => {
    const before = await count();
    const rows = Array.from({ length: 50 }, (_, i) => `RC${String(i).padStart(7, '0')},passport,KE,lost`);
    rows[29] = 'RC9999999,passport,KE';
    rows[40] = 'RC8888888,passport,KE,lost,extra';
    const csv = ['number,type,issuingCountry,status', ...rows].join('\n');
    const report = (await importBody(ke, csv, 'text/csv', '?kind=travel-document&mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 50, imported: 48, invalidCount: 2 });
    expect(report.invalid).toEqual([
      { line: 31, errors: [{ field: '/', message: 'has 3 cells where the header has 4 columns' }] },
      { line: 42, errors: [{ field: '/', message: 'has 5 cells where the header has 4 columns' }] },
    ]);
    expect(await count()).toBe(before + 48);
  });

  it('reads CSV with nested fields and lists', async () => {
    const csv = [
      'number,type,issuingCountry,status,policy.visibility,policy.countries[]',
      'CS0000001,passport,KE,lost,allow,FR;US',
      'CS0000002,id-card,KE,stolen,,',
    ].join('\n');
    const report = (await importBody(ke, csv, 'text/csv', '?kind=travel-document')).json();
    expect(report).toMatchObject({ total: 2, imported: 2, invalidCount: 0 });
    const results = (
      await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
        queries: [{ scheme: 'document', value: 'CS0000001' }],
      })
    ).json().results;
    expect(results[0].outcome).toBe('hit');
    // The owner reads the lists it imported; France, in them, sees the markings only.
    const own = (await as(t.app, ke)('GET', `/api/v1/records/${results[0].records[0].id}`)).json();
    expect(own.policy).toMatchObject({ visibility: 'allow', countries: ['FR', 'US'] });
    expect(results[0].records[0].policy).toEqual({ visibility: 'allow' });
    // A column named twice would keep only the last one's cells: refused on the header's line.
    const twice = (
      await importBody(ke, 'kind,names.0.full,names.0.full\nperson,A B,C D', 'text/csv', '?mode=skip-invalid')
    ).json();
    expect(twice).toMatchObject({ imported: 0, invalid: [{ line: 1, errors: [{ field: '/' }] }] });
    expect(twice.invalid[0].errors[0].message).toMatch(/names\.0\.full" appears twice/);
  });

  it('refuses CSV columns that would reach a prototype or make a huge list, and NDJSON prototype keys', async () => {
    // `__proto__.x` once set Object.prototype.x in the server process (every object then had
    // it), and `names.99999999.full` made a list of 100 million slots: the process ran out of memory.
    const before = await count();
    for (const column of [
      '__proto__.polluted',
      'names.__proto__.polluted',
      'constructor.prototype.polluted',
      'names.99999999.full',
      'names.-1.full',
      'Document Number',
    ]) {
      const csv = [`number,type,issuingCountry,status,${column}`, 'PP0000001,passport,KE,lost,yes'].join(
        '\n',
      );
      const response = await importBody(ke, csv, 'text/csv', '?kind=travel-document&mode=skip-invalid');
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(report).toMatchObject({ imported: 0, invalidCount: 1 });
      expect(report.invalid[0].line).toBe(1);
      expect(report.invalid[0].errors[0].message).toContain(`column "${column}": not a field path`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const ndjson = [
      '{"kind":"travel-document","data":{"number":"PP0000002","type":"passport","issuingCountry":"KE","status":"lost","__proto__":{"polluted":true}}}',
      '{"kind":"travel-document","constructor":{"prototype":{"polluted":true}},"data":{"number":"PP0000003","type":"passport","issuingCountry":"KE","status":"lost"}}',
      line('PP0000004'),
    ].join('\n');
    const report = (await importBody(ke, ndjson, 'application/x-ndjson', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ total: 3, imported: 1, invalidCount: 2 });
    expect(report.invalid.map((i: { errors: { message: string }[] }) => i.errors[0]!.message)).toEqual([
      'holds a __proto__ or constructor.prototype key',
      'holds a __proto__ or constructor.prototype key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('imports generated demo records of every kind', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => JSON.stringify(demoRecord('KE', i)));
    const report = (await importBody(ke, lines.join('\n'), 'application/x-ndjson')).json();
    expect(report.invalid).toEqual([]);
    expect(report.imported).toBe(90);
  });

  it('refuses other content types and needs the import permission', async () => {
    const wrong = await importBody(ke, line('X'), 'application/json');
    expect([400, 415]).toContain(wrong.statusCode);
    // A type no parser takes: the answer names the two this endpoint does.
    const plain = expectProblem(await importBody(ke, line('X'), 'text/plain'), 415, 'unsupported-media-type');
    expect(plain.detail).toBe('Send application/x-ndjson or text/csv.');
    const analyst = await signIn(t.app, 'ke.analyst');
    expectProblem(await importBody(analyst, line('IM9'), 'application/x-ndjson'), 403, 'forbidden');
  });

  it('exports my records in the import format', async () => {
    const response = await as(t.app, ke)('GET', '/api/v1/records:export?kind=travel-document');
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const lines = response.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.data.number === 'CS0000001')).toBe(true);
    expect(lines.every((l) => l.kind === 'travel-document')).toBe(true);
    // Round trip: what was exported imports again (into another owner it would fail the issuing-country rule).
    const again = (await importBody(ke, response.body, 'application/x-ndjson')).json();
    expect(again.invalidCount).toBe(0);
  });
});

describe('imports by the owner’s own references (externalRef)', () => {
  const refLine = (ref: string, number: string, extra: object = {}) =>
    JSON.stringify({
      kind: 'travel-document',
      externalRef: ref,
      data: { number, type: 'passport', issuingCountry: 'KE', status: 'stolen' },
      ...extra,
    });
  const ndjson = (session: Session, lines: string[], query = '') =>
    importBody(session, lines.join('\n'), 'application/x-ndjson', query).then((r) => {
      expect(r.statusCode).toBe(200);
      return r.json();
    });
  const byRef = async (ref: string) => {
    const response = await as(t.app, ke)('GET', `/api/v1/records?externalRef=${encodeURIComponent(ref)}`);
    expect(response.statusCode).toBe(200);
    return response.json().items as {
      id: string;
      data: { number: string };
      policy: object;
      externalRef: string;
    }[];
  };
  const hits = async (number: string) =>
    (
      await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
        queries: [{ scheme: 'document', value: number, country: 'KE' }],
      })
    ).json().results[0].outcome;

  it('finds a reference spelt as a GUID in capitals as it was written (ids alone are read in lower case)', async () => {
    const guid = '6F9619FF-8B86-D011-B42D-00C04FC964FF';
    const made = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'travel-document',
      externalRef: guid,
      data: { number: 'GU1234567', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await byRef(guid)).map((r) => r.id)).toEqual([made.json().id]);
    expect(await byRef(guid.toLowerCase())).toEqual([]);
  });

  it('makes no duplicates when the same file comes again, and updates what changed', async () => {
    const file = [
      refLine('KE-REG/1', 'XR0000001'),
      refLine('KE-REG/2', 'XR0000002'),
      refLine('KE-REG/3', 'XR0000003'),
    ];
    const before = await count();
    expect(await ndjson(ke, file)).toMatchObject({ imported: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await ndjson(ke, file)).toMatchObject({ imported: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await count()).toBe(before + 3);

    // The register corrected a number: the record follows, its old number no longer answers.
    file[1] = refLine('KE-REG/2', 'XR0000022');
    expect(await ndjson(ke, file)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await count()).toBe(before + 3);
    const [updated] = await byRef('KE-REG/2');
    expect(updated!.data.number).toBe('XR0000022');
    expect(await hits('XR0000002')).toBe('no-hit');
    expect(await hits('XR0000022')).toBe('hit');
    const history = (await as(t.app, ke)('GET', `/api/v1/records/${updated!.id}/history`)).json().items;
    expect(history.map((v: { version: number; action: string }) => [v.version, v.action])).toEqual(
      expect.arrayContaining([
        [1, 'import'],
        [2, 'import'],
      ]),
    );
    expect(history.find((v: { version: number }) => v.version === 1).data.number).toBe('XR0000002');

    // The export carries the references: exported and imported again, nothing changes.
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/records:export?kind=travel-document',
      headers: { cookie: ke.cookie },
    });
    const mine = exported.body.split('\n').filter((l) => l.includes('"KE-REG/'));
    expect(mine).toHaveLength(3);
    expect(await ndjson(ke, mine)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('keeps a policy the owner set since when the line gives none, and takes one the line gives', async () => {
    await ndjson(ke, [refLine('KE-POL/1', 'XP0000001')]);
    const [record] = await byRef('KE-POL/1');
    const restricted = { visibility: 'allow', agencies: ['KE'] };
    expect(
      (await as(t.app, ke)('PATCH', `/api/v1/records/${record!.id}`, { policy: restricted })).statusCode,
    ).toBe(200);
    expect(await hits('XP0000001')).toBe('no-hit');
    expect(await ndjson(ke, [refLine('KE-POL/1', 'XP0000011')])).toMatchObject({ updated: 1 });
    expect((await byRef('KE-POL/1'))[0]!.policy).toMatchObject(restricted);
    expect(await hits('XP0000011')).toBe('no-hit');
    await ndjson(ke, [refLine('KE-POL/1', 'XP0000011', { policy: { visibility: 'all' } })]);
    expect(await hits('XP0000011')).toBe('hit');
  });

  it('refuses a reference given twice in a file, or to a record of another kind — all-or-nothing writes nothing', async () => {
    const twice = await ndjson(ke, [refLine('KE-DUP/1', 'XD0000001'), refLine('KE-DUP/1', 'XD0000002')]);
    expect(twice).toMatchObject({ imported: 0, created: 0, invalidCount: 1 });
    expect(twice.invalid[0]).toMatchObject({ line: 2, errors: [{ field: '/externalRef' }] });
    expect(twice.invalid[0].errors[0].message).toContain('line 1');

    await ndjson(ke, [refLine('KE-KIND/1', 'XK0000001')]);
    const vehicle = JSON.stringify({
      kind: 'vehicle',
      externalRef: 'KE-KIND/1',
      data: { vin: '1HGCM82633A004352' },
    });
    const before = await count();
    const refused = await ndjson(ke, [refLine('KE-KIND/2', 'XK0000002'), vehicle]);
    expect(refused).toMatchObject({ imported: 0, created: 0, invalidCount: 1 });
    expect(refused.invalid[0]).toMatchObject({ line: 2, errors: [{ field: '/kind' }] });
    expect(await count()).toBe(before);
    const skipped = await ndjson(ke, [refLine('KE-KIND/2', 'XK0000002'), vehicle], '?mode=skip-invalid');
    expect(skipped).toMatchObject({ imported: 1, created: 1, invalidCount: 1 });
    expect(await count()).toBe(before + 1);

    const blank = await ndjson(ke, [refLine('   ', 'XK0000003')]);
    expect(blank.invalid[0]).toMatchObject({ line: 1, errors: [{ field: '/externalRef' }] });
  });

  it('two imports of one file at once make each record once', async () => {
    const file = Array.from({ length: 40 }, (_, i) =>
      refLine(`KE-RACE/${i}`, `XC${String(i).padStart(7, '0')}`),
    );
    const before = await count();
    const reports = await Promise.all([
      ndjson(ke, file, '?mode=skip-invalid'),
      ndjson(ke, file, '?mode=skip-invalid'),
    ]);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 40]);
    expect(reports.map((r) => r.unchanged).sort()).toEqual([0, 40]);
    expect(await count()).toBe(before + 40);
  });

  it('brings a lapsed record back when the line moves its review date, and says so when it does not', async () => {
    await ndjson(ke, [refLine('KE-LAPSE/1', 'XL0000001')]);
    const [record] = await byRef('KE-LAPSE/1');
    await t.ctx.db
      .updateTable('records')
      .set({ status: 'lapsed', ended_at: new Date() })
      .where('id', '=', record!.id)
      .execute();
    const stays = await ndjson(ke, [refLine('KE-LAPSE/1', 'XL0000001')]);
    expect(stays).toMatchObject({ unchanged: 1, warnedCount: 1 });
    expect(stays.warned[0].warnings[0].field).toBe('/reviewAt');
    const reviewAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
    expect(await ndjson(ke, [refLine('KE-LAPSE/1', 'XL0000001', { reviewAt })])).toMatchObject({
      updated: 1,
    });
    const after = (await as(t.app, ke)('GET', `/api/v1/records/${record!.id}`)).json();
    expect(after).toMatchObject({ status: 'active', reviewAt });
  });

  it('says at once when a CSV file names no kind, rather than on every line', async () => {
    const csv =
      'number,type,issuingCountry,status\nXN0000001,passport,KE,stolen\nXN0000002,passport,KE,stolen\n';
    const report = (await importBody(ke, csv, 'text/csv', '?mode=skip-invalid')).json();
    expect(report).toMatchObject({ imported: 0, invalidCount: 1 });
    expect(report.invalid[0]).toMatchObject({
      line: 1,
      errors: [{ message: expect.stringContaining('no kind column') }],
    });
  });

  it('refuses a null policy rather than reading it as the default over the owner’s', async () => {
    await ndjson(ke, [
      refLine('KE-NULL/1', 'XU0000001', { policy: { visibility: 'allow', agencies: ['KE'] } }),
    ]);
    const refused = await ndjson(ke, [refLine('KE-NULL/1', 'XU0000001', { policy: null })]);
    expect(refused).toMatchObject({ imported: 0, invalidCount: 1 });
    expect(refused.invalid[0]).toMatchObject({ line: 1, errors: [{ field: '/policy' }] });
    expect((await byRef('KE-NULL/1'))[0]!.policy).toMatchObject({ visibility: 'allow', agencies: ['KE'] });
    expect(await hits('XU0000001')).toBe('no-hit');
  });

  it('finds a reference among deleted records when asked, and by review date', async () => {
    await ndjson(ke, [refLine('KE-GONE/1', 'XG0000001')]);
    const [record] = await byRef('KE-GONE/1');
    await as(t.app, ke)(
      'DELETE',
      `/api/v1/records/${record!.id}?reason=${encodeURIComponent('entered twice')}`,
    );
    expect(await byRef('KE-GONE/1')).toEqual([]);
    const deleted = await as(t.app, ke)('GET', '/api/v1/records?externalRef=KE-GONE%2F1&status=deleted');
    expect(deleted.json().items.map((r: { id: string }) => r.id)).toEqual([record!.id]);
    await ndjson(ke, [refLine('KE-DUE/1', 'XG0000002')]);
    const due = await as(t.app, ke)('GET', '/api/v1/records?externalRef=KE-DUE%2F1&reviewDue=true');
    expect(due.json().items).toEqual([]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'a reference changed while an import runs waits for it, and neither fails',
    async () => {
      const made = await as(t.app, ke)('POST', '/api/v1/records', {
        kind: 'travel-document',
        externalRef: 'KE-LOCK/X',
        data: { number: 'XW9999999', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
      });
      const file = [
        ...Array.from({ length: 4000 }, (_, i) => refLine(`KE-LOCK/${i}`, `XW${String(i).padStart(7, '0')}`)),
        refLine('KE-LOCK/X', 'XW9999999'),
      ];
      const importing = ndjson(ke, file);
      // Once the import holds the owner's reference lock (its first batch), change the reference
      // of the record its last line names.
      await expect
        .poll(
          async () =>
            Number(
              (
                await sql<{
                  n: string;
                }>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`.execute(
                  t.ctx.db,
                )
              ).rows[0]!.n,
            ),
          { timeout: 20_000, interval: 5 },
        )
        .toBeGreaterThan(0);
      const patching = as(t.app, ke)('PATCH', `/api/v1/records/${made.json().id}`, {
        externalRef: 'KE-LOCK/Y',
      });
      const [report, patched] = await Promise.all([importing, patching]);
      expect(report).toMatchObject({ created: 4000, unchanged: 1, invalidCount: 0 });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().externalRef).toBe('KE-LOCK/Y');
    },
  );

  it('tells the feeds of those a re-imported line no longer shares the record with', async () => {
    const toFrance = { policy: { visibility: 'allow', agencies: ['FR'] } };
    expect(await ndjson(ke, [refLine('KE-FEED/1', 'FD0000001', toFrance)])).toMatchObject({ created: 1 });
    const [record] = await byRef('KE-FEED/1');
    t.clock.advance(1000);
    const since = encodeURIComponent(t.clock.now().toISOString());
    t.clock.advance(1000);
    const poll = async () =>
      (await as(t.app, fr)('GET', `/api/v1/records?scope=shared&updatedSince=${since}&limit=500`)).json() as {
        items: { id: string }[];
        removed: { id: string }[];
      };
    // The same line again changes nothing and takes nothing back.
    expect(await ndjson(ke, [refLine('KE-FEED/1', 'FD0000001', toFrance)])).toMatchObject({ unchanged: 1 });
    expect((await poll()).removed).toEqual([]);
    expect(
      await ndjson(ke, [
        refLine('KE-FEED/1', 'FD0000001', { policy: { visibility: 'allow', agencies: ['US'] } }),
      ]),
    ).toMatchObject({ updated: 1 });
    const after = await poll();
    expect(after.removed.map((r) => r.id)).toEqual([record!.id]);
    expect(after.items.map((r) => r.id)).not.toContain(record!.id);
  });

  it('reads externalRef from a CSV column', async () => {
    const csv = 'externalRef,number,type,issuingCountry,status\nKE-CSV/1,XV0000001,passport,KE,stolen\n';
    const first = await importBody(ke, csv, 'text/csv', '?kind=travel-document');
    expect(first.json()).toMatchObject({ created: 1 });
    const again = await importBody(ke, csv, 'text/csv', '?kind=travel-document');
    expect(again.json()).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('one record per reference through the API too; the reference is the owner’s to see', async () => {
    const body = {
      kind: 'travel-document',
      externalRef: 'KE-API/1',
      data: { number: 'XA0000001', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
    };
    const created = await as(t.app, ke)('POST', '/api/v1/records', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().externalRef).toBe('KE-API/1');
    const again = await as(t.app, ke)('POST', '/api/v1/records', {
      ...body,
      data: { ...body.data, number: 'XA0000002' },
    });
    const problem = expectProblem(again, 409, 'external-ref-taken');
    expect(problem).toMatchObject({ existingId: created.json().id });
    expect(problem.errors?.[0]?.field).toBe('/body/externalRef');

    const other = await as(t.app, ke)('POST', '/api/v1/records', {
      ...body,
      externalRef: 'KE-API/2',
      data: { ...body.data, number: 'XA0000003' },
    });
    const taken = await as(t.app, ke)('PATCH', `/api/v1/records/${other.json().id}`, {
      externalRef: 'KE-API/1',
    });
    expectProblem(taken, 409, 'external-ref-taken');
    // Another agency's record with the same reference is no conflict: references are each owner's own.
    const french = await as(t.app, fr)('POST', '/api/v1/records', {
      kind: 'vehicle',
      externalRef: 'KE-API/1',
      data: { vin: 'WVWZZZ1JZXW000001' },
    });
    expect(french.statusCode).toBe(201);

    // Others never see it, in the record or in a hit.
    const seen = await as(t.app, fr)('GET', `/api/v1/records/${created.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('externalRef');
    expect(JSON.stringify((await as(t.app, fr)('GET', '/api/v1/search?q=XA0000001')).json())).not.toContain(
      'KE-API/1',
    );

    // Cleared, or its record deleted, the reference may be given again.
    const cleared = await as(t.app, ke)('PATCH', `/api/v1/records/${other.json().id}`, { externalRef: null });
    expect(cleared.json()).not.toHaveProperty('externalRef');
    await as(t.app, ke)(
      'DELETE',
      `/api/v1/records/${created.json().id}?reason=${encodeURIComponent('entered in error')}`,
    );
    const reused = await as(t.app, ke)('POST', '/api/v1/records', body);
    expect(reused.statusCode).toBe(201);
    expect((await byRef('KE-API/1')).map((r) => r.id)).toEqual([reused.json().id]);
  });
});
