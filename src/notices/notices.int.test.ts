/**
 * Notices over HTTP: every transition of a notice's lifecycle (and the forbidden ones),
 * the automatic findings, publication with a signature that verifies offline (and a tampered
 * notice that does not), name search by a variant spelling, document checks linked to the
 * notice, access (a principal never sees what it may not), cancellation, expiry, images,
 * statistics and the PDF.
 */

import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { systemPrincipal } from '../access/principal.ts';
import { NAMES_INDEX_VERSION } from '../names/index.ts';
import { reindexNoticeNames } from './names-reindex.ts';
import { portraitPng } from './portrait.ts';
import { verifyNotice } from './signing.ts';
import { FACTS, personRecord, RED_CHECKLIST, redData } from './test-support.ts';
import { expireDue } from './workflow.ts';

describe('notices', () => {
  let t: TestApp;
  let ke: Session;
  let keSupervisor: Session;
  let fr: Session;
  let reviewer: Session;
  let partner: Session;
  let auditor: Session;
  let subjectId: string;
  let noticeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [ke, keSupervisor, fr, reviewer, partner, auditor] = await Promise.all([
      signIn(t.app, 'ke.officer'),
      signIn(t.app, 'ke.supervisor'),
      signIn(t.app, 'fr.officer'),
      signIn(t.app, 'secretariat.reviewer'),
      signIn(t.app, 'sentinel.partner'),
      signIn(t.app, 'ke.auditor'),
    ]);
    subjectId = await personRecord(t.app, ke, {
      names: [
        { full: 'Щербаков Сергей Юрьевич', script: 'Cyrl', type: 'original-script' },
        { full: 'Sergei Shcherbakov', given: 'Sergei', family: 'Shcherbakov', type: 'birth' },
      ],
      dateOfBirth: '1975-03-02',
      nationalities: ['RU'],
      documents: [{ number: 'RU7501234', type: 'passport', issuingCountry: 'RU' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes the catalogue of types as data', async () => {
    const answer = await as(t.app, ke)('GET', '/api/v1/notice-types');
    expect(answer.statusCode).toBe(200);
    const types = answer.json().items as {
      type: string;
      fields: { key: string; required?: boolean }[];
      publicExtract: boolean;
    }[];
    expect(types.map((x) => x.type)).toEqual([
      'red',
      'yellow',
      'blue',
      'black',
      'green',
      'orange',
      'purple',
      'silver',
      'un',
    ]);
    const red = types.find((x) => x.type === 'red')!;
    expect(red.fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      'warrants',
      'facts',
      'extraditionCommitment',
    ]);
    expect(types.filter((x) => x.publicExtract).map((x) => x.type)).toEqual(['red', 'yellow', 'un']);
  });

  it('keeps a draft lenient, refuses bad fields, and submission needs the required data', async () => {
    const bad = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: subjectId,
      data: { warrants: [{ issuingCountry: 'XX', date: '2025-02-30', maxPenaltyYears: 'ten' }], unknown: 1 },
    });
    const problem = expectProblem(bad, 400, 'validation');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual([
      '/body/data/unknown',
      '/body/data/warrants/0/date',
      '/body/data/warrants/0/issuingCountry',
      '/body/data/warrants/0/maxPenaltyYears',
    ]);
    const draft = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: subjectId,
      publicExtract: true,
      data: { facts: 'Too short.' },
    });
    expect(draft.statusCode).toBe(201);
    const body = draft.json();
    noticeId = body.id;
    expect(body.status).toBe('draft');
    expect(body.reference).toMatch(/^2026\/\d{5}$/);
    expect(body.actions).toEqual(expect.arrayContaining(['edit', 'submit', 'cancel']));
    expect(body.subject.data.names[0].full).toBe('Щербаков Сергей Юрьевич');

    const incomplete = expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/submit`),
      422,
      'incomplete',
    );
    expect(incomplete.errors!.map((e) => e.field)).toEqual(['/data/warrants', '/data/extraditionCommitment']);

    // The reviewer sees no draft; another bureau neither.
    expectProblem(await as(t.app, reviewer)('GET', `/api/v1/notices/${noticeId}`), 404, 'not-found');
    expectProblem(await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}`), 404, 'not-found');
    // A colleague of the same bureau edits it; the reviewer may not.
    const edited = await as(t.app, keSupervisor)('PATCH', `/api/v1/notices/${noticeId}`, {
      data: redData({ facts: 'Fraud.' }),
    });
    expect(edited.statusCode).toBe(200);
    expectProblem(
      await as(t.app, reviewer)('PATCH', `/api/v1/notices/${noticeId}`, { data: {} }),
      403,
      'forbidden',
    );
  });

  it('names a subject record deleted since the draft as missing, with the rest', async () => {
    const gone = await personRecord(t.app, ke, { names: [{ full: 'Ivan Petrov' }], dateOfBirth: '1980' });
    const draft = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: gone,
      data: { facts: FACTS },
    });
    expect(draft.statusCode).toBe(201);
    await as(t.app, ke)('DELETE', `/api/v1/records/${gone}?reason=entered+in+error`);
    const incomplete = expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${draft.json().id}/submit`),
      422,
      'incomplete',
    );
    expect(incomplete.errors!.map((e) => e.field)).toEqual([
      '/data/warrants',
      '/data/extraditionCommitment',
      '/subjectRecordId',
    ]);
  });

  it('submits: the request is being processed, with automatic findings', async () => {
    const submitted = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/submit`);
    expect(submitted.statusCode).toBe(200);
    const body = submitted.json();
    expect(body.status).toBe('submitted');
    expect(body.subject.recordId).toBe(subjectId);
    const by = (check: string) => body.findings.filter((f: { check: string }) => f.check === check);
    expect(by('required-data')[0].severity).toBe('ok');
    expect(by('penalty-threshold')[0].severity).toBe('ok');
    expect(
      by('seriousness').some(
        (f: { severity: string; field?: string }) => f.severity === 'warning' && f.field === '/facts',
      ),
    ).toBe(true);
    expect(by('own-national')[0].severity).toBe('ok');
    // Submitted: no more edits, no second submission.
    expectProblem(
      await as(t.app, ke)('PATCH', `/api/v1/notices/${noticeId}`, { data: redData() }),
      409,
      'invalid-transition',
    );
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/submit`),
      409,
      'invalid-transition',
    );
  });

  it('allows decisions only to a reviewer, under review, with grounds and checklist', async () => {
    // The officer cannot take it for review, nor publish.
    expectProblem(await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/start-review`), 403, 'forbidden');
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/review`, { decision: 'publish' }),
      403,
      'forbidden',
    );
    // Not under review yet: no decision.
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
        decision: 'publish',
        checklist: RED_CHECKLIST,
      }),
      409,
      'invalid-transition',
    );
    const queue = await as(t.app, reviewer)('GET', '/api/v1/notices?scope=review');
    expect(queue.json().items.map((n: { id: string }) => n.id)).toContain(noticeId);
    expectProblem(await as(t.app, ke)('GET', '/api/v1/notices?scope=review'), 403, 'forbidden');
    const taken = await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/start-review`);
    expect(taken.json().status).toBe('under-review');
    expect(taken.json().actions).toEqual(expect.arrayContaining(['publish', 'return', 'refuse']));
    // Return needs a reason; refusal needs grounds.
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, { decision: 'return' }),
      400,
      'validation',
    );
    const refuse = expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
        decision: 'refuse',
        reason: 'x',
      }),
      400,
      'validation',
    );
    expect(refuse.errors!.map((e) => e.field)).toEqual(['/body/grounds', '/body/reason']);
    const unchecked = expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
        decision: 'publish',
        checklist: { article2: true },
      }),
      400,
      'validation',
    );
    expect(unchecked.errors!.map((e) => e.field)).toEqual([
      '/body/checklist/article3',
      '/body/checklist/seriousness',
      '/body/checklist/judicialData',
    ]);
  });

  it('returns for more information; the requester sees why, completes and resubmits', async () => {
    const returned = await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
      decision: 'return',
      grounds: ['insufficient-judicial-data'],
      reason: 'The summary of facts does not show the person’s participation: add the facts.',
      checklist: { article2: true, article3: true },
    });
    expect(returned.json().status).toBe('returned');
    const seen = (await as(t.app, ke)('GET', `/api/v1/notices/${noticeId}`)).json();
    expect(seen.status).toBe('returned');
    expect(seen.review.reason).toContain('add the facts');
    expect(seen.actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    const fixed = await as(t.app, ke)('PATCH', `/api/v1/notices/${noticeId}`, {
      data: redData(),
      translations: {
        fr: { '/facts': 'Résumé des faits en français.', '/warrants/0/charges': 'Escroquerie' },
      },
    });
    expect(fixed.statusCode).toBe(200);
    expectProblem(
      await as(t.app, ke)('PATCH', `/api/v1/notices/${noticeId}`, {
        translations: { de: {}, fr: { '/nope': 'x' } },
      }),
      400,
      'validation',
    );
    const image = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/images`, {
      contentType: 'image/png',
      data: portraitPng(3).toString('base64'),
      caption: 'Passport photograph',
    });
    expect(image.statusCode).toBe(200);
    expect(image.json().images).toHaveLength(1);
    const lying = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/images`, {
      contentType: 'image/jpeg',
      data: portraitPng(4).toString('base64'),
    });
    expect(expectProblem(lying, 400, 'validation').errors![0]!.field).toBe('/body/contentType');
    const notImage = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/images`, {
      contentType: 'image/png',
      data: Buffer.from('<svg onload=alert(1)>').toString('base64'),
    });
    expect(expectProblem(notImage, 400, 'validation').errors![0]!.field).toBe('/body/data');
    // A photograph's text chunks (a phone's location, a caption) are not kept, and a picture
    // cut short is refused.
    const png = portraitPng(5);
    const gps = Buffer.from('\0\0\0\x1etEXtComment\0GPS 1.2921S 36.8219E\0\0\0\0', 'latin1');
    gps.writeUInt32BE(gps.length - 12, 0);
    const tagged = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/images`, {
      contentType: 'image/png',
      data: Buffer.concat([png.subarray(0, 33), gps, png.subarray(33)]).toString('base64'),
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const stored = await t.ctx.db
      .selectFrom('notice_images')
      .select(['bytes', 'size'])
      .where('notice_id', '=', noticeId)
      .orderBy('position', 'desc')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.bytes).toString('latin1')).not.toContain('GPS');
    expect(Buffer.from(stored.bytes).equals(png)).toBe(true);
    const cut = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/images`, {
      contentType: 'image/png',
      data: png.subarray(0, png.length - 12).toString('base64'),
    });
    expect(expectProblem(cut, 400, 'validation').errors).toEqual([
      { field: '/body/data', message: 'the image is truncated or malformed' },
    ]);
    const again = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/submit`);
    expect(again.json().status).toBe('submitted');
    expect(
      again
        .json()
        .findings.some(
          (f: { check: string; severity: string }) => f.check === 'seriousness' && f.severity === 'warning',
        ),
    ).toBe(false);
  });

  it('publishes, signed by the secretariat: verifiable offline, tampering detected', async () => {
    await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/start-review`);
    const published = await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
      decision: 'publish',
      checklist: RED_CHECKLIST,
    });
    expect(published.statusCode).toBe(200);
    const body = published.json();
    expect(body.status).toBe('published');
    expect(body.signature.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(new Date(body.validUntil).getUTCFullYear()).toBe(2031);
    const keys = await t.app.inject({ method: 'GET', url: '/api/v1/notices/keys' });
    expect(keys.statusCode).toBe(200);
    const jwks = keys.json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: body.signature.kid });
    expect(jwks.keys[0].d).toBeUndefined();
    const signed = (await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}/signed`)).json();
    expect(await verifyNotice(signed.payload, signed.jws, jwks)).toEqual({
      valid: true,
      kid: body.signature.kid,
    });
    const tampered = structuredClone(signed.payload);
    tampered.data.warrants[0].maxPenaltyYears = 2;
    expect((await verifyNotice(tampered, signed.jws, jwks)).valid).toBe(false);
    expect((await verifyNotice(signed.payload, signed.jws, { keys: [] })).valid).toBe(false);
    // Published: no edits, no second publication; the requester may not suspend.
    expectProblem(
      await as(t.app, ke)('PATCH', `/api/v1/notices/${noticeId}`, { data: redData() }),
      409,
      'invalid-transition',
    );
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/review`, {
        decision: 'publish',
        checklist: RED_CHECKLIST,
      }),
      409,
      'invalid-transition',
    );
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/suspend`, { reason: 'no' }),
      403,
      'forbidden',
    );
  });

  it('goes to every member; members find it by a variant spelling, documents find its subject', async () => {
    const seen = await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().access).toBe('member');
    expect(seen.json().findings).toBeUndefined();
    expect(seen.json().review).toBeUndefined();
    const found = await as(t.app, fr)('POST', '/api/v1/notices/search', {
      name: 'Schtscherbakow Sergej',
      dateOfBirth: '1975',
    });
    expect(found.statusCode).toBe(200);
    const first = found.json().candidates[0];
    expect(first.notice.id).toBe(noticeId);
    expect(first.band).toBe('strong');
    // The passport check finds the subject's record, and the record leads to the notice.
    const check = await as(t.app, fr)('POST', '/api/v1/search/identifiers', {
      queries: [{ scheme: 'document', value: 'RU 750 1234', country: 'RU' }],
    });
    expect(check.json().results[0].outcome).toBe('hit');
    const recordId = check.json().results[0].records[0].id;
    const linked = await as(t.app, fr)('GET', `/api/v1/notices/by-record/${recordId}`);
    expect(linked.json().items.map((n: { reference: string }) => n.reference)).toEqual([
      seen.json().reference,
    ]);
    // Partners and principals without notice permissions see nothing.
    expect((await as(t.app, partner)('GET', `/api/v1/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await as(t.app, auditor)('GET', '/api/v1/notices')).statusCode).toBe(403);
    const list = await as(t.app, fr)('GET', '/api/v1/notices?type=red');
    expect(list.json().items.map((n: { id: string }) => n.id)).toContain(noticeId);
  });

  it('re-prepares notices in force and the refugee list when the names library changes', async () => {
    // As an older library left them: other keys (here none) and an older version stamp.
    await sql`DELETE FROM notice_name_keys WHERE notice_id = ${noticeId}`.execute(t.ctx.db);
    await sql`UPDATE notices SET person_match = jsonb_set(person_match, '{iv}', '1') WHERE id = ${noticeId}`.execute(
      t.ctx.db,
    );
    const listed = (
      await as(t.app, reviewer)('POST', '/api/v1/notices/protected-persons', {
        name: 'Ayaan Warsame Dirie',
        status: 'refugee',
        recognisedBy: 'FR',
      })
    ).json();
    await sql`UPDATE protected_persons SET keys = '{}', person_match = person_match - 'iv' WHERE id = ${listed.id}`.execute(
      t.ctx.db,
    );
    await sql`DELETE FROM settings WHERE key = 'notice-names-index-version'`.execute(t.ctx.db);
    const search = async () =>
      (await as(t.app, fr)('POST', '/api/v1/notices/search', { name: 'Shcherbakov Sergei' })).json()
        .candidates as { notice: { id: string } }[];
    expect((await search()).map((c) => c.notice.id)).not.toContain(noticeId);

    // Two rounds of one entry each, then nothing stale is left and the version is noted.
    expect(await reindexNoticeNames(t.ctx, 1)).toBe(1);
    expect(await reindexNoticeNames(t.ctx, 1)).toBe(1);
    expect(await reindexNoticeNames(t.ctx, 1)).toBe(0);
    expect((await search()).map((c) => c.notice.id)).toContain(noticeId);
    const row = await t.ctx.db
      .selectFrom('protected_persons')
      .select(['keys', 'person_match'])
      .where('id', '=', listed.id)
      .executeTakeFirstOrThrow();
    expect(row.keys.length).toBeGreaterThan(0);
    expect((row.person_match as { iv: number }).iv).toBe(NAMES_INDEX_VERSION);
    const noted = await t.ctx.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'notice-names-index-version')
      .executeTakeFirstOrThrow();
    expect(noted.value).toEqual({ version: NAMES_INDEX_VERSION });
    await as(t.app, reviewer)('DELETE', `/api/v1/notices/protected-persons/${listed.id}`);
  });

  it('serves a public extract with no personal data beyond it', async () => {
    const reference = (await as(t.app, ke)('GET', `/api/v1/notices/${noticeId}`)).json().reference as string;
    const detail = await t.app.inject({
      method: 'GET',
      url: `/notices/v1/red/${reference.replace('/', '-')}`,
    });
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d).toMatchObject({
      entity_id: reference,
      forename: 'SERGEI',
      name: 'SHCHERBAKOV',
      date_of_birth: '1975/03/02',
      sex_id: 'M',
      nationalities: ['RU'],
      height: 1.78,
      languages_spoken_ids: ['ENG', 'SWA'],
    });
    expect(d.arrest_warrants).toEqual([
      {
        issuing_country_id: 'KE',
        charge: 'Fraud by false representation and money laundering',
        charge_translation: null,
      },
    ]);
    expect(JSON.stringify(d)).not.toMatch(/RU7501234|AK7654321|Milimani|records|ke\.officer/);
    const images = (
      await t.app.inject({ method: 'GET', url: `/notices/v1/red/${reference.replace('/', '-')}/images` })
    ).json();
    const picture = images._embedded.images[0].picture_id as string;
    const bytes = await t.app.inject({
      method: 'GET',
      url: `/notices/v1/red/${reference.replace('/', '-')}/images/${picture}`,
    });
    expect(bytes.headers['content-type']).toBe('image/png');
    expect(bytes.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
  });

  it('prints a PDF with the layout’s text', async () => {
    const answer = await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}/pdf`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(answer.rawPayload) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain('RED NOTICE');
    expect(text).toContain('Щербаков Сергей Юрьевич');
    expect(text).toContain('Fraud by false representation');
    expect(text).toContain('Penal Code s. 313');
    expect(text).toMatch(/VALID UNTIL\s+2031/);
  });

  it('refuses pictures too large to decode, and leaves one stored before out of the print', async () => {
    // Two megabytes of PNG can declare 16,000 × 16,000 pixels: printing one with
    // transparency once took 28 s and 4 GB of memory.
    const huge = portraitPng(5);
    huge.writeUInt32BE(16_000, 16);
    huge.writeUInt32BE(16_000, 20);
    const jpeg = (width: number, height: number) =>
      Buffer.from([
        ...[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0],
        ...[0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3],
        ...[1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
        // A scan (its header, a few bytes of data) and the end of the image.
        ...[0xff, 0xda, 0x00, 0x0c, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0, 0x12, 0x34, 0xff, 0xd9],
      ]);
    const draft = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'yellow',
      subjectRecordId: subjectId,
      data: {},
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    for (const [contentType, bytes, message] of [
      ['image/png', huge, 'this one is 16000 × 16000'],
      ['image/jpeg', jpeg(9000, 7000), 'this one is 9000 × 7000'],
      ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0]), 'dimensions cannot be read'],
    ] as const) {
      const refused = expectProblem(
        await as(t.app, ke)('POST', `/api/v1/notices/${id}/images`, {
          contentType,
          data: bytes.toString('base64'),
        }),
        400,
        'validation',
      );
      expect(refused.errors).toEqual([{ field: '/body/data', message: expect.stringContaining(message) }]);
    }
    const small = await as(t.app, ke)('POST', `/api/v1/notices/${id}/images`, {
      contentType: 'image/jpeg',
      data: jpeg(600, 800).toString('base64'),
    });
    expect(small.statusCode).toBe(200);

    // A picture stored before uploads were checked: the print leaves it out instead of decoding it.
    await t.ctx.db
      .updateTable('notice_images')
      .set({ bytes: huge, content_type: 'image/png' })
      .where('notice_id', '=', id)
      .execute();
    const print = await as(t.app, ke)('GET', `/api/v1/notices/${id}/pdf`);
    expect(print.statusCode).toBe(200);
    expect(print.rawPayload.includes('/Subtype /Image')).toBe(false);
    await t.ctx.db
      .updateTable('notice_images')
      .set({ bytes: portraitPng(5) })
      .where('notice_id', '=', id)
      .execute();
    const fine = await as(t.app, ke)('GET', `/api/v1/notices/${id}/pdf`);
    expect(fine.rawPayload.includes('/Subtype /Image')).toBe(true);
  });

  it('extends (re-signed), suspends, reinstates and cancels, removing the extract at once', async () => {
    const before = (await as(t.app, ke)('GET', `/api/v1/notices/${noticeId}`)).json();
    t.clock.advanceMinutes(5);
    const extended = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/extend`, {
      reason: 'Still wanted',
    });
    expect(extended.json().validUntil > before.validUntil).toBe(true);
    expect(extended.json().signature.jws).not.toBe(before.signature.jws);
    const path = `/notices/v1/red/${before.reference.replace('/', '-')}`;
    const suspended = await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/suspend`, {
      reason: 'Checking new information',
    });
    expect(suspended.json().status).toBe('suspended');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    // A member that could read it is told it is not in force now — its state, nothing of it.
    const whileSuspended = expectProblem(
      await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}`),
      410,
      'notice-not-in-force',
    );
    expect(whileSuspended).toMatchObject({ reference: before.reference, currentStatus: 'suspended' });
    expect(JSON.stringify(whileSuspended)).not.toContain('Shcherbakov');
    await as(t.app, reviewer)('POST', `/api/v1/notices/${noticeId}/reinstate`, { reason: 'Confirmed' });
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    // Reinstated, it verifies where a member checks it: signed again over its new version.
    const keys = (await as(t.app, fr)('GET', '/api/v1/notices/keys')).json();
    const signed = (await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}/signed`)).json();
    expect((await verifyNotice(signed.payload, signed.jws, keys)).valid).toBe(true);
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/cancel`, {
        reason: 'compliance',
        note: 'not mine to say',
      }),
      400,
      'validation',
    );
    const cancelled = await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/cancel`, {
      reason: 'person-located',
      note: 'Arrested in Nairobi',
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect(
      expectProblem(await as(t.app, fr)('GET', `/api/v1/notices/${noticeId}`), 410, 'notice-not-in-force'),
    ).toMatchObject({ currentStatus: 'cancelled' });
    const list = (await t.app.inject({ method: 'GET', url: '/notices/v1/red' })).json();
    expect(list._embedded.notices.map((n: { entity_id: string }) => n.entity_id)).not.toContain(
      before.reference,
    );
    expect(
      (await as(t.app, fr)('POST', '/api/v1/notices/search', { name: 'Shcherbakov Sergei' })).json()
        .candidates,
    ).toEqual([]);
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${noticeId}/extend`, { reason: 'again' }),
      409,
      'invalid-transition',
    );
    const history = (await as(t.app, ke)('GET', `/api/v1/notices/${noticeId}/history`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(history).toEqual([
      'create',
      'update',
      'submit',
      'start-review',
      'return',
      'update',
      'image-add',
      'image-add',
      'submit',
      'start-review',
      'publish',
      'extend',
      'suspend',
      'reinstate',
      'cancel',
    ]);
  });

  it('refuses with grounds, flags duplicates and refugees, and counts it all', async () => {
    await as(t.app, reviewer)('POST', '/api/v1/notices/protected-persons', {
      name: 'Hassan Abdi Farah',
      dateOfBirth: '1990-01-01',
      status: 'refugee',
      againstCountry: 'KE',
      recognisedBy: 'FR',
    });
    const refugee = await personRecord(t.app, ke, {
      names: [{ full: 'Hassan Abdi Farah' }],
      dateOfBirth: '1990-01-01',
      nationalities: ['SO'],
      documents: [],
    });
    const draft = (
      await as(t.app, ke)('POST', '/api/v1/notices', {
        type: 'red',
        subjectRecordId: refugee,
        data: redData({ facts: `${FACTS} He also led the opposition party’s protest.` }),
      })
    ).json();
    const submitted = (await as(t.app, ke)('POST', `/api/v1/notices/${draft.id}/submit`)).json();
    const severities = Object.fromEntries(
      submitted.findings.map((f: { check: string; severity: string }) => [f.check, f.severity]),
    );
    // The refugee list is the secretariat's: the requesting country (here, the one the person
    // fled) learns nothing of it from its own request, nor from the audit of its submission.
    expect(severities.refugee).toBeUndefined();
    expect(JSON.stringify(submitted)).not.toMatch(/refugee|recognised/i);
    expect(JSON.stringify((await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}`)).json())).not.toMatch(
      /refugee|recognised/i,
    );
    const asReviewer = (await as(t.app, reviewer)('GET', `/api/v1/notices/${draft.id}`)).json();
    expect(asReviewer.findings).toContainEqual(
      expect.objectContaining({ check: 'refugee', severity: 'error', reviewerOnly: true }),
    );
    expect(severities.neutrality).toBe('warning');
    // A second request on the same record is a duplicate.
    const twin = (
      await as(t.app, ke)('POST', '/api/v1/notices', {
        type: 'red',
        subjectRecordId: refugee,
        data: redData(),
      })
    ).json();
    const twinFindings = (await as(t.app, ke)('POST', `/api/v1/notices/${twin.id}/submit`)).json().findings;
    expect(twinFindings.find((f: { check: string }) => f.check === 'duplicates').severity).toBe('error');
    await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/start-review`);
    // Errors found: publishing needs an explanation.
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/review`, {
        decision: 'publish',
        checklist: RED_CHECKLIST,
      }),
      400,
      'validation',
    );
    const refused = await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/review`, {
      decision: 'refuse',
      grounds: ['refugee', 'article-3-political'],
      reason: 'Recognised refugee; the facts concern a political protest.',
    });
    expect(refused.json().status).toBe('refused');
    const seen = (await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}`)).json();
    expect(seen.review.grounds).toEqual(['refugee', 'article-3-political']);
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/notices/${draft.id}/submit`),
      409,
      'invalid-transition',
    );
    const stats = (await as(t.app, reviewer)('GET', '/api/v1/notices/statistics')).json();
    const red = stats.byType.find((x: { type: string }) => x.type === 'red');
    expect(red).toMatchObject({ requested: 4, published: 1, returned: 1, refused: 1, cancelled: 1 });
    expect(stats.refusalGrounds).toEqual(expect.arrayContaining([{ ground: 'refugee', count: 1 }]));
    expect((await as(t.app, ke)('GET', '/api/v1/notices/statistics')).statusCode).toBe(403);
  });

  it('sends diffusions to chosen members at once; a reviewer withdraws one', async () => {
    const subject = await personRecord(t.app, ke, { names: [{ full: 'Peter Kamau' }], documents: [] });
    const bad = await as(t.app, ke)('POST', '/api/v1/diffusions', { type: 'black', data: {} });
    expectProblem(bad, 400, 'validation');
    // Addressed to no one who could read it: refused, naming each.
    const nobody = await as(t.app, ke)('POST', '/api/v1/diffusions', {
      type: 'red',
      subjectRecordId: subject,
      audience: { visibility: 'allow', agencies: ['NOPE', 'PARTNER-SENTINEL', 'FR'] },
      data: redData(),
    });
    expect(expectProblem(nobody, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      '/body/audience/agencies/0',
      '/body/audience/agencies/1',
    ]);
    const toFrance = async () =>
      (
        await as(t.app, ke)('POST', '/api/v1/diffusions', {
          type: 'red',
          subjectRecordId: subject,
          audience: { visibility: 'allow', countries: ['FR'] },
          data: redData(),
        })
      ).json();
    const draft = await toFrance();
    expect(draft.kind).toBe('diffusion');
    // A draft's summary names its subject already (lists show it).
    expect(draft.summary).toContain('Peter Kamau');
    const circulated = (await as(t.app, ke)('POST', `/api/v1/diffusions/${draft.id}/circulate`)).json();
    expect(circulated.status).toBe('circulated');
    expect(circulated.signature).not.toBeNull();
    const atFrance = await as(t.app, fr)('GET', `/api/v1/notices/${draft.id}`);
    expect(atFrance.statusCode).toBe(200);
    // A member is not told who else received it, nor which officer asked.
    expect(atFrance.json()).toMatchObject({ audience: null, createdBy: null, requester: 'KE' });
    expect((await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}`)).json()).toMatchObject({
      audience: { visibility: 'allow', countries: ['FR'] },
      createdBy: 'ke.officer',
    });
    const br = await signIn(t.app, 'br.officer');
    expect((await as(t.app, br)('GET', `/api/v1/notices/${draft.id}`)).statusCode).toBe(404);
    expect(
      (await as(t.app, br)('POST', '/api/v1/notices/search', { name: 'Peter Kamau' })).json().candidates,
    ).toEqual([]);
    // Nor does Brazil learn of it from its own request's checks on the same person: the
    // reviewer is told of the other diffusion, the requester is not.
    const brSubject = await personRecord(t.app, br, { names: [{ full: 'Peter Kamau' }], documents: [] });
    const brDraft = (
      await as(t.app, br)('POST', '/api/v1/notices', {
        type: 'red',
        subjectRecordId: brSubject,
        data: redData(),
      })
    ).json();
    const brSubmitted = (await as(t.app, br)('POST', `/api/v1/notices/${brDraft.id}/submit`)).json();
    expect(JSON.stringify(brSubmitted.findings)).not.toContain(circulated.reference);
    // Not even from a finding missing: its duplicates check reads as one on a person no notice
    // names.
    const control = await personRecord(t.app, br, {
      names: [{ full: 'Zebulon Quincy Marchetti' }],
      documents: [],
    });
    const controlDraft = (
      await as(t.app, br)('POST', '/api/v1/notices', {
        type: 'red',
        subjectRecordId: control,
        data: redData(),
      })
    ).json();
    const controlSubmitted = (
      await as(t.app, br)('POST', `/api/v1/notices/${controlDraft.id}/submit`)
    ).json();
    const duplicates = (findings: { check: string }[]) => findings.filter((f) => f.check === 'duplicates');
    expect(duplicates(brSubmitted.findings)).toEqual(duplicates(controlSubmitted.findings));
    expect(duplicates(brSubmitted.findings)).toHaveLength(1);
    const reviewed = (await as(t.app, reviewer)('GET', `/api/v1/notices/${brDraft.id}`)).json();
    expect(JSON.stringify(reviewed.findings)).toContain(circulated.reference);
    expect(
      (await as(t.app, fr)('POST', '/api/v1/notices/search', { name: 'Petr Kamau' })).json().candidates[0]
        .notice.id,
    ).toBe(draft.id);
    // Brazil, not addressed, finds nothing — nor does its own audit entry count what it missed.
    const unseen = (await as(t.app, br)('POST', '/api/v1/notices/search', { name: 'Petr Kamau' })).json();
    expect(JSON.stringify(unseen)).not.toContain(draft.id);
    await t.ctx.audit.flush();
    const brSearch = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details', 'result_count'])
      .where('action', '=', 'notice.search')
      .where('agency_code', '=', 'BR')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(brSearch.result_count).toBe(unseen.candidates.length);
    expect(Object.values(brSearch.details ?? {}).filter((v) => typeof v === 'number')).toEqual([]);
    // A notice kept from some members is not put before the public: both at once is refused.
    const hidden = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: subject,
      audience: { visibility: 'deny', countries: ['BR'] },
      publicExtract: true,
      data: redData(),
    });
    expect(expectProblem(hidden, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      '/body/publicExtract',
    ]);
    // A diffusion never gets a public extract, and is not a notice's to publish.
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/review`, {
        decision: 'publish',
        checklist: RED_CHECKLIST,
      }),
      409,
      'invalid-transition',
    );
    const queue = (await as(t.app, reviewer)('GET', '/api/v1/notices?scope=review&kind=diffusion')).json();
    expect(queue.items.map((n: { id: string }) => n.id)).toContain(draft.id);
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/diffusions/${draft.id}/review`, { decision: 'withdraw' }),
      400,
      'validation',
    );
    const withdrawn = await as(t.app, reviewer)('POST', `/api/v1/diffusions/${draft.id}/review`, {
      decision: 'withdraw',
      grounds: ['not-serious'],
      reason: 'A private dispute, not a crime.',
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    // France, which received it, learns it was withdrawn; Brazil, which never did, learns nothing.
    expect(
      expectProblem(await as(t.app, fr)('GET', `/api/v1/notices/${draft.id}`), 410, 'notice-not-in-force'),
    ).toMatchObject({ currentStatus: 'withdrawn' });
    expect((await as(t.app, br)('GET', `/api/v1/notices/${draft.id}`)).statusCode).toBe(404);
    expect((await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}`)).json().review.grounds).toEqual([
      'not-serious',
    ]);

    // Another, confirmed: confirmed once, it may still be withdrawn when something comes to light.
    const second = await toFrance();
    await as(t.app, ke)('POST', `/api/v1/diffusions/${second.id}/circulate`);
    const before = (await as(t.app, reviewer)('GET', `/api/v1/notices/${second.id}`)).json();
    expect(before.actions).toEqual(expect.arrayContaining(['confirm', 'withdraw']));
    const confirmed = await as(t.app, reviewer)('POST', `/api/v1/diffusions/${second.id}/review`, {
      decision: 'confirm',
      checklist: RED_CHECKLIST,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const after = (await as(t.app, reviewer)('GET', `/api/v1/notices/${second.id}`)).json();
    expect(after.actions).not.toContain('confirm');
    expect(after.actions).toContain('withdraw');
    expectProblem(
      await as(t.app, reviewer)('POST', `/api/v1/diffusions/${second.id}/review`, {
        decision: 'confirm',
        checklist: RED_CHECKLIST,
      }),
      409,
      'invalid-transition',
    );
    const later = await as(t.app, reviewer)('POST', `/api/v1/diffusions/${second.id}/review`, {
      decision: 'withdraw',
      grounds: ['article-3-political'],
      reason: 'The court found the proceedings politically motivated.',
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ status: 'withdrawn', review: { decision: 'withdraw' } });
    expect(
      expectProblem(await as(t.app, fr)('GET', `/api/v1/notices/${second.id}`), 410, 'notice-not-in-force'),
    ).toMatchObject({ currentStatus: 'withdrawn' });
    const history = (await as(t.app, ke)('GET', `/api/v1/notices/${second.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['circulate', 'confirm', 'withdraw']),
    );
  });

  /** A Kenyan Yellow Notice with a public extract, requested, reviewed and published. */
  const publishedYellow = async (name: string, data: Record<string, string>) => {
    const subject = await personRecord(t.app, ke, { names: [{ full: name }], sex: 'F', documents: [] });
    const draft = (
      await as(t.app, ke)('POST', '/api/v1/notices', {
        type: 'yellow',
        subjectRecordId: subject,
        publicExtract: true,
        data,
      })
    ).json();
    await as(t.app, ke)('POST', `/api/v1/notices/${draft.id}/submit`);
    await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/start-review`);
    const published = (
      await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/review`, {
        decision: 'publish',
        checklist: { article2: true, dataQuality: true },
      })
    ).json();
    return { draft, published, path: `/notices/v1/yellow/${published.reference.replace('/', '-')}` };
  };

  it('takes a notice off the public website, keeping it in force for the members', async () => {
    const { draft, published, path } = await publishedYellow('Amani Chebet', {
      disappearanceDate: '2026-01-02',
      disappearancePlace: 'Kisumu',
      disappearanceCountry: 'KE',
      circumstances: 'Left the market and did not come home.',
    });
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    expect(published.actions).toContain('remove-public-extract');
    const remove = (session: typeof ke, reason: string) =>
      as(t.app, session)('POST', `/api/v1/notices/${draft.id}/remove-public-extract`, { reason });
    // Another member may not; a reason must say something.
    expect([403, 404]).toContain((await remove(fr, 'The family asked us to.')).statusCode);
    expectProblem(await remove(ke, 'family'), 400, 'validation');
    const removed = await remove(ke, 'The family withdrew its consent to publicity.');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'published', publicExtractState: 'none' });
    expect(removed.json().actions).not.toContain('remove-public-extract');
    // Said as what happened, not as a consent never given; the consent stays as it was.
    expect(removed.json().publicExtract).toBe(true);
    expect(
      expectProblem(
        await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}/public-preview`),
        409,
        'no-public-extract',
      ),
    ).toMatchObject({ reason: 'removed-from-public' });
    // Gone from the public website; still in force, and still verifying, for the members.
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await as(t.app, fr)('GET', `/api/v1/notices/${draft.id}`)).json().status).toBe('published');
    const keys = (await as(t.app, fr)('GET', '/api/v1/notices/keys')).json();
    const signed = (await as(t.app, fr)('GET', `/api/v1/notices/${draft.id}/signed`)).json();
    expect((await verifyNotice(signed.payload, signed.jws, keys)).valid).toBe(true);
    // Once only; suspended and reinstated, it does not go public again.
    expectProblem(await remove(reviewer, 'Danger to the person found.'), 409, 'no-public-extract');
    await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/suspend`, { reason: 'Check' });
    await as(t.app, reviewer)('POST', `/api/v1/notices/${draft.id}/reinstate`, { reason: 'Checked' });
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const history = (await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toContain('remove-public-extract');
  });

  it('expires notices past their validity', async () => {
    const { draft, path } = await publishedYellow('Grace Wanjiru', {
      disappearanceDate: '2025-11-02',
      disappearancePlace: 'Mombasa',
      disappearanceCountry: 'KE',
      circumstances: 'Left school and did not come home.',
    });
    const y = (await t.app.inject({ method: 'GET', url: path })).json();
    expect(y).toMatchObject({ date_of_event: '2025/11/02', place: 'Mombasa', country: 'KE', sex_id: 'F' });
    t.clock.advance(6 * 365.25 * 86_400_000);
    expect(await expireDue(t.ctx, systemPrincipal())).toBeGreaterThanOrEqual(1);
    ke = await signIn(t.app, 'ke.officer');
    expect((await as(t.app, ke)('GET', `/api/v1/notices/${draft.id}`)).json().status).toBe('expired');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });
});
