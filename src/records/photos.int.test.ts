import fs from 'node:fs';
import path from 'node:path';
/**
 * Records' photographs (src/records/photos.ts, photo-claims.ts): uploaded without their
 * metadata, bound to the record that names them in its own write, read only by those who
 * read the whole record, and purged when unnamed for a day or with their record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { portraitPng } from '../notices/portrait.ts';
import { jpegWithGps } from '../platform/image-fixtures.ts';
import { MIGRATIONS_DIR } from '../platform/migrate.ts';
import { runRecordLifecycle } from './jobs.ts';

let t: TestApp;
let ke: Session;
let keSupervisor: Session;
let keCyber: Session;
let fr: Session;
let us: Session;
let partner: Session;

beforeAll(async () => {
  t = await createTestApp();
  ke = await signIn(t.app, 'ke.officer');
  keSupervisor = await signIn(t.app, 'ke.supervisor');
  keCyber = await signIn(t.app, 'ke.cyber');
  fr = await signIn(t.app, 'fr.officer');
  us = await signIn(t.app, 'us.officer');
  partner = await signIn(t.app, 'sentinel.partner');
});
afterAll(() => t.close());

const png = (seed: number) => Buffer.from(portraitPng(seed, 16, 20));

async function upload(session: Session, bytes: Uint8Array = png(1), contentType = 'image/png') {
  const response = await as(t.app, session)('POST', '/api/v1/records/photos', {
    contentType,
    data: Buffer.from(bytes).toString('base64'),
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; contentType: string; bytes: number; width: number; height: number };
}

const person = (photos: string[], policy?: object) => ({
  kind: 'person',
  data: { names: [{ full: 'Amina Wanjiru Otieno' }], status: 'wanted', photos },
  ...(policy ? { policy } : {}),
});

async function create(session: Session, body: object) {
  const response = await as(t.app, session)('POST', '/api/v1/records', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; version: number; data: Record<string, unknown> };
}

const readPhoto = (session: Session, recordId: string, photoId: string) =>
  as(t.app, session)('GET', `/api/v1/records/${recordId}/photos/${photoId}`);

const recordCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const photoRow = (id: string) =>
  t.ctx.db.selectFrom('record_photos').select(['record_id']).where('id', '=', id).executeTakeFirst();

describe('record photographs', () => {
  it('are uploaded, named by a record and read by those its policy lets read it, and no one else', async () => {
    const picture = png(2);
    const uploaded = await upload(ke, picture);
    expect(uploaded).toMatchObject({
      contentType: 'image/png',
      bytes: picture.length,
      width: 16,
      height: 20,
    });
    // Waiting to be named: its uploader's alone.
    const waiting = await as(t.app, ke)('GET', `/api/v1/records/photos/${uploaded.id}`);
    expect(waiting.statusCode).toBe(200);
    expect(Buffer.from(waiting.rawPayload).equals(picture)).toBe(true);
    for (const other of [keSupervisor, keCyber, fr])
      expect((await as(t.app, other)('GET', `/api/v1/records/photos/${uploaded.id}`)).statusCode).toBe(404);

    const record = await create(ke, person([uploaded.id], { visibility: 'allow', agencies: ['FR'] }));
    expect(record.data.photos).toEqual([uploaded.id]);
    expect((await photoRow(uploaded.id))?.record_id).toBe(record.id);
    // Named, it is read through its record, not as an upload.
    expect((await as(t.app, ke)('GET', `/api/v1/records/photos/${uploaded.id}`)).statusCode).toBe(404);

    for (const reader of [ke, keCyber, fr]) {
      const response = await readPhoto(reader, record.id, uploaded.id);
      expect(response.statusCode).toBe(200);
      expect(Buffer.from(response.rawPayload).equals(picture)).toBe(true);
      expect(response.headers).toMatchObject({
        'content-type': 'image/png',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-disposition': 'inline',
      });
    }
    // A member the policy keeps out and a partner it does not name: no such thing, never "forbidden".
    for (const outsider of [us, partner])
      expectProblem(await readPhoto(outsider, record.id, uploaded.id), 404, 'not-found');
    // Another record's id in the path does not reach it.
    const other = await create(ke, person([]));
    expectProblem(await readPhoto(ke, other.id, uploaded.id), 404, 'not-found');

    await t.ctx.audit.flush();
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['agency_code', 'outcome', 'object_agency'])
      .where('action', '=', 'record.photo-read')
      .where('object_id', '=', record.id)
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { agency_code: 'FR', outcome: 'success', object_agency: 'KE' },
        { agency_code: 'US', outcome: 'denied', object_agency: null },
      ]),
    );
  });

  it('a hit-only record shows its photographs to no one outside its audience', async () => {
    const uploaded = await upload(ke, png(3));
    const record = await create(
      ke,
      person([uploaded.id], { visibility: 'allow', agencies: ['FR'], hitOnly: true }),
    );
    expectProblem(await readPhoto(us, record.id, uploaded.id), 404, 'not-found');
    expect((await readPhoto(fr, record.id, uploaded.id)).statusCode).toBe(200);
  });

  it('refuses ids that are not the writer’s own free uploads, naming the field, and writes nothing', async () => {
    const bound = await upload(ke, png(4));
    await create(ke, person([bound.id]));
    const mine = await upload(ke, png(5));
    const colleagues = await upload(keSupervisor, png(6));
    const foreign = await upload(fr, png(7));
    const before = await recordCount();
    const cases: [string[], string, string][] = [
      [
        ['0190a6c4-8f5e-7000-8000-00000000dead'],
        '/body/data/photos/0',
        'no such photograph among your uploads',
      ],
      [[mine.id, foreign.id], '/body/data/photos/1', 'no such photograph among your uploads'],
      [[colleagues.id], '/body/data/photos/0', 'no such photograph among your uploads'],
      [[bound.id], '/body/data/photos/0', 'is a photograph of another record'],
      [[mine.id, mine.id], '/body/data/photos/1', 'is listed twice'],
      [['not-a-photo-id'], '/body/data/photos/0', 'must be an id (a UUID)'],
      // A form the uuid format once let through and PostgreSQL refuses (a 500).
      [[`urn:uuid:${mine.id}`], '/body/data/photos/0', 'must be an id (a UUID)'],
    ];
    for (const [ids, field, message] of cases) {
      const response = await as(t.app, ke)('POST', '/api/v1/records', person(ids));
      const errors = expectProblem(response, 400, 'validation').errors!;
      expect(errors).toEqual([{ field, message: expect.stringContaining(message) }]);
    }
    const art = await as(t.app, ke)('POST', '/api/v1/records', {
      kind: 'work-of-art',
      data: { title: 'Mask', objectType: 'mask', images: [mine.id, foreign.id] },
    });
    expect(expectProblem(art, 400, 'validation').errors![0]!.field).toBe('/body/data/images/1');
    expect(await recordCount()).toBe(before);
    // The good upload in a refused write was not taken: it still waits for a record.
    expect((await photoRow(mine.id))?.record_id).toBeNull();

    // A correction naming a wrong id changes nothing either.
    const record = await create(ke, person([mine.id]));
    const patch = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, photos: [foreign.id] },
    });
    expect(expectProblem(patch, 400, 'validation').errors![0]!.field).toBe('/body/data/photos/0');
    const after = (await as(t.app, ke)('GET', `/api/v1/records/${record.id}`)).json();
    expect(after.version).toBe(record.version);
    expect((await photoRow(mine.id))?.record_id).toBe(record.id);
  });

  it('one upload named by two writes at once goes to one record only', async () => {
    const contested = await upload(ke, png(18));
    const [a, b] = await Promise.all([
      as(t.app, ke)('POST', '/api/v1/records', person([contested.id])),
      as(t.app, ke)('POST', '/api/v1/records', person([contested.id])),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 400]);
    const winner = (a.statusCode === 201 ? a : b).json();
    expect((await photoRow(contested.id))?.record_id).toBe(winner.id);
  });

  it('a correction adds photographs and deletes those it leaves out', async () => {
    const first = await upload(ke, png(8));
    const second = await upload(ke, png(9));
    const record = await create(ke, person([first.id]));
    const added = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, photos: [first.id, second.id] },
    });
    expect(added.statusCode).toBe(200);
    expect((await readPhoto(ke, record.id, second.id)).statusCode).toBe(200);
    // A bureau corrects its unit's records with its own uploads.
    const unitRecord = await create(keCyber, person([]));
    const bureaus = await upload(ke, png(10));
    const onUnit = await as(t.app, ke)('PATCH', `/api/v1/records/${unitRecord.id}`, {
      data: { ...unitRecord.data, photos: [bureaus.id] },
    });
    expect(onUnit.statusCode).toBe(200);
    expect((await readPhoto(keCyber, unitRecord.id, bureaus.id)).statusCode).toBe(200);

    const removed = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...record.data, photos: [second.id] },
    });
    expect(removed.statusCode).toBe(200);
    expect(await photoRow(first.id)).toBeUndefined();
    expectProblem(await readPhoto(ke, record.id, first.id), 404, 'not-found');
    // The correction's audit entry names the photograph it took off.
    const entries = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'record.update')
        .where('object_id', '=', record.id)
        .execute()
    ).map((e) => e.details as { photosRemoved?: string[] });
    expect(entries.some((d) => d.photosRemoved?.includes(first.id))).toBe(true);
    // A policy change alone leaves them as they are.
    const policy = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      policy: { visibility: 'allow', agencies: ['FR'] },
    });
    expect(policy.statusCode).toBe(200);
    expect((await photoRow(second.id))?.record_id).toBe(record.id);
  });

  it('stores a photograph without where it was taken', async () => {
    const GPS = 'GPS 1.2921S 36.8219E taken at the family home';
    const tagged = jpegWithGps(GPS);
    expect(Buffer.from(tagged).toString('latin1')).toContain(GPS);
    const uploaded = await upload(ke, tagged, 'image/jpeg');
    expect(uploaded).toMatchObject({ contentType: 'image/jpeg', width: 8, height: 6 });
    expect(uploaded.bytes).toBeLessThan(tagged.length);
    const record = await create(ke, person([uploaded.id]));
    const read = await readPhoto(fr, record.id, uploaded.id);
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(read.rawPayload.length).toBe(uploaded.bytes);
    expect(read.rawPayload.toString('latin1')).not.toContain('GPS');
    expect(read.rawPayload.toString('latin1')).not.toContain('Exif');
  });

  it('refuses what is not a JPEG or PNG image', async () => {
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      as(t.app, ke)('POST', '/api/v1/records/photos', payload, headers);
    const text = await post({
      contentType: 'image/png',
      data: Buffer.from('%PDF-1.7 not a picture').toString('base64'),
    });
    expect(expectProblem(text, 400, 'validation').errors).toEqual([
      { field: '/body/data', message: 'is neither a JPEG nor a PNG image' },
    ]);
    const lying = await post({ contentType: 'image/jpeg', data: png(11).toString('base64') });
    expect(expectProblem(lying, 400, 'validation').errors![0]!.field).toBe('/body/contentType');
    const gif = await post({ contentType: 'image/gif', data: png(11).toString('base64') });
    expect(expectProblem(gif, 400, 'validation').errors![0]!.field).toBe('/body/contentType');
    const cut = await post({ contentType: 'image/png', data: png(12).subarray(0, 60).toString('base64') });
    expect(expectProblem(cut, 400, 'validation').errors![0]!.field).toBe('/body/data');
    // The raw bytes, not the JSON upload: the server takes no such body.
    const raw = await post(png(13), { 'content-type': 'image/png' });
    expect(raw.statusCode).toBe(415);
    // Those who do not write records upload nothing.
    const analyst = await signIn(t.app, 'ke.analyst');
    expect(
      (
        await as(t.app, analyst)('POST', '/api/v1/records/photos', {
          contentType: 'image/png',
          data: png(1).toString('base64'),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('are named by imported lines, checked as POST checks them', async () => {
    const mine = await upload(ke, png(14));
    const foreign = await upload(fr, png(15));
    const lines = [
      {
        kind: 'person',
        data: { names: [{ full: 'Imported Person' }], status: 'missing', photos: [mine.id] },
      },
      {
        kind: 'person',
        data: { names: [{ full: 'Second Person' }], status: 'missing', photos: [foreign.id] },
      },
      { kind: 'person', data: { names: [{ full: 'Third Person' }], status: 'missing', photos: [mine.id] } },
    ];
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import?mode=skip-invalid',
      headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.created).toBe(1);
    expect(report.invalid).toEqual([
      {
        line: 2,
        errors: [{ field: '/data/photos/0', message: expect.stringContaining('no such photograph') }],
      },
      { line: 3, errors: [{ field: '/data/photos/0', message: 'is a photograph of another record' }] },
    ]);
    expect((await photoRow(mine.id))?.record_id).not.toBeNull();
    expect((await photoRow(foreign.id))?.record_id).toBeNull();
    // An id in capitals is the same upload; one in urn: form is an invalid line, not a stopped import.
    const shouted = await upload(ke, png(16));
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import?mode=skip-invalid',
      headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
      payload: [
        { kind: 'person', data: { names: [{ full: 'Capital Id' }], photos: [shouted.id.toUpperCase()] } },
        { kind: 'person', data: { names: [{ full: 'Urn Id' }], photos: [`urn:uuid:${shouted.id}`] } },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ created: 1, invalidCount: 1 });
    expect((await photoRow(shouted.id))?.record_id).not.toBeNull();
  });

  it('ids stored before photographs were kept (migration 0044) are taken out, so the record can be corrected', async () => {
    const real = await upload(ke, png(17));
    const record = await create(ke, person([real.id]));
    const art = await create(ke, { kind: 'work-of-art', data: { title: 'Old Mask', objectType: 'mask' } });
    // As records written before 0043: ids that name no photograph.
    await t.ctx.db
      .updateTable('records')
      .set({ data: { ...(record.data as object), photos: ['IMG_0001', real.id.toUpperCase(), 'scan-2'] } })
      .where('id', '=', record.id)
      .execute();
    await t.ctx.db
      .updateTable('records')
      .set({ data: { ...(art.data as object), images: ['front', 'back'] } })
      .where('id', '=', art.id)
      .execute();
    const sqlText = fs.readFileSync(
      path.join(MIGRATIONS_DIR, '0044_record_photo_ids_without_photos.sql'),
      'utf8',
    );
    await t.ctx.database.rawTransaction((tx) => tx.exec(sqlText));
    const after = (await as(t.app, ke)('GET', `/api/v1/records/${record.id}`)).json();
    expect(after.data.photos).toEqual([real.id.toUpperCase()]);
    const artAfter = (await as(t.app, ke)('GET', `/api/v1/records/${art.id}`)).json();
    expect(artAfter.data.images).toBeUndefined();
    // The web form's correction, the data sent back whole, goes through.
    const corrected = await as(t.app, ke)('PATCH', `/api/v1/records/${record.id}`, {
      data: { ...after.data, marks: ['scar on the left hand'] },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
  });

  it('a register’s line that does not name photographs keeps the record’s; one naming none takes them off', async () => {
    const photo = await upload(ke, png(18));
    const importLines = async (lines: object[]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/records:import',
        headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
        payload: lines.map((l) => JSON.stringify(l)).join('\n'),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const line = (data: object) => ({
      kind: 'person',
      externalRef: 'KE-REG/PHOTO-1',
      data: { names: [{ full: 'Register Person' }], status: 'wanted', ...data },
    });
    expect(await importLines([line({ photos: [photo.id] })])).toMatchObject({ created: 1 });
    // The nightly register knows nothing of photographs: its corrected line keeps them.
    expect(await importLines([line({ dateOfBirth: '1970' })])).toMatchObject({ updated: 1 });
    const kept = (await as(t.app, ke)('GET', '/api/v1/records?externalRef=KE-REG%2FPHOTO-1')).json().items[0];
    expect(kept.data).toMatchObject({ dateOfBirth: '1970', photos: [photo.id] });
    expect((await photoRow(photo.id))?.record_id).toBe(kept.id);
    // A line that says "no photographs" takes them off, as a correction does.
    expect(await importLines([line({ dateOfBirth: '1970', photos: [] })])).toMatchObject({ updated: 1 });
    expect(await photoRow(photo.id)).toBeUndefined();
  });

  it('are purged when no record names them within a day, and with their record', async () => {
    const waiting = await upload(ke, png(16));
    const kept = await upload(ke, png(17));
    const record = await create(ke, person([kept.id]));
    const deleted = await as(t.app, ke)(
      'DELETE',
      `/api/v1/records/${record.id}?reason=${encodeURIComponent('entered in error')}`,
    );
    expect(deleted.statusCode).toBe(200);
    // Deleted, the owner still reads it until the purge; others do not.
    expect((await readPhoto(ke, record.id, kept.id)).statusCode).toBe(200);
    expectProblem(await readPhoto(fr, record.id, kept.id), 404, 'not-found');

    t.clock.advance(23 * 3_600_000);
    await runRecordLifecycle(t.ctx);
    expect(await photoRow(waiting.id)).toBeDefined();
    t.clock.advance(2 * 3_600_000);
    const { uploadsPurged } = await runRecordLifecycle(t.ctx);
    expect(uploadsPurged).toBeGreaterThanOrEqual(1);
    expect(await photoRow(waiting.id)).toBeUndefined();
    expect((await photoRow(kept.id))?.record_id).toBe(record.id);

    t.clock.advance((t.config.recordPurgeDays + 1) * 86_400_000);
    const { purged } = await runRecordLifecycle(t.ctx);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await photoRow(kept.id)).toBeUndefined();
  });
});
