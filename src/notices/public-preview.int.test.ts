/**
 * The public preview (GET /notices/{id}/public-preview) and the public extract's state on a
 * notice: before publication the preview is what the public API serves after it, field for
 * field and photograph for photograph; it follows the notice out of force; a notice without
 * an extract says why to its requester and the secretariat, and only that it has none to a
 * member; a principal that may not read the notice gets 404, as for the notice itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { portraitPng } from './portrait.ts';
import { personRecord, RED_CHECKLIST, redData } from './test-support.ts';

describe('public preview of a notice', () => {
  let t: TestApp;
  let ke: Session;
  let fr: Session;
  let reviewer: Session;
  let partner: Session;
  let subjectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [ke, fr, reviewer, partner] = await Promise.all([
      signIn(t.app, 'ke.officer'),
      signIn(t.app, 'fr.officer'),
      signIn(t.app, 'secretariat.reviewer'),
      signIn(t.app, 'sentinel.partner'),
    ]);
    subjectId = await personRecord(t.app, ke, {
      names: [{ full: 'Wanjiku Preview Kamau', given: 'Wanjiku Preview', family: 'Kamau' }],
      placeOfBirth: 'Nakuru',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const preview = (session: Session, id: string) =>
    as(t.app, session)('GET', `/api/v1/notices/${id}/public-preview`);
  const noExtract = (response: Awaited<ReturnType<typeof preview>>) =>
    expectProblem(response, 409, 'no-public-extract') as ReturnType<typeof expectProblem> & {
      reason?: string;
    };
  const read = async (session: Session, id: string) =>
    (await as(t.app, session)('GET', `/api/v1/notices/${id}`)).json();

  async function draft(body: Record<string, unknown>) {
    const answer = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: subjectId,
      data: redData(),
      ...body,
    });
    expect(answer.statusCode).toBe(201);
    return answer.json().id as string;
  }
  async function publish(id: string) {
    expect((await as(t.app, ke)('POST', `/api/v1/notices/${id}/submit`)).statusCode).toBe(200);
    expect((await as(t.app, reviewer)('POST', `/api/v1/notices/${id}/start-review`)).statusCode).toBe(200);
    const published = await as(t.app, reviewer)('POST', `/api/v1/notices/${id}/review`, {
      decision: 'publish',
      checklist: RED_CHECKLIST,
    });
    expect(published.statusCode).toBe(200);
  }

  it('shows before publication exactly what the public API serves after it', async () => {
    const id = await draft({ publicExtract: true });
    const image = await as(t.app, ke)('POST', `/api/v1/notices/${id}/images`, {
      contentType: 'image/png',
      data: portraitPng(7).toString('base64'),
    });
    expect(image.statusCode).toBe(200);
    expect((await read(ke, id)).publicExtractState).toBe('on-publication');

    const before = await preview(ke, id);
    expect(before.statusCode).toBe(200);
    const early = before.json();
    expect(early.state).toBe('on-publication');
    expect(early.type).toBe('red');
    expect(early.detail).toMatchObject({
      forename: 'WANJIKU PREVIEW',
      name: 'KAMAU',
      place_of_birth: 'Nakuru',
      arrest_warrants: [
        { issuing_country_id: 'KE', charge: 'Fraud by false representation and money laundering' },
      ],
    });
    // Never the documents, the facts, the requester or the record.
    const text = JSON.stringify(early);
    for (const secret of ['AK7654321', 'fake investment platforms', 'KE-', subjectId])
      expect(text).not.toContain(secret);
    // Not public yet: the photograph is the notice's own, not a public URL.
    expect(early.images).toHaveLength(1);
    expect(early.images[0].href).toBe(`/api/v1/notices/${id}/images/${early.images[0].pictureId}`);

    await publish(id);
    const reference = (await read(ke, id)).reference as string;
    const path = `/notices/v1/red/${reference.replace('/', '-')}`;
    expect((await read(ke, id)).publicExtractState).toBe('public');
    const served = (await t.app.inject({ method: 'GET', url: path })).json();
    const { _links, _embedded, ...publicDetail } = served;
    expect(early.detail).toEqual(publicDetail);
    expect(early.path).toBe(path);

    // In force: the stored extract, its photographs at the public address; any reader sees it.
    for (const session of [ke, reviewer, fr]) {
      const after = await preview(session, id);
      expect(after.statusCode).toBe(200);
      const body = after.json();
      expect(body.state).toBe('public');
      expect(body.detail).toEqual(publicDetail);
      expect(body.images).toEqual([
        { pictureId: early.images[0].pictureId, href: `${path}/images/${early.images[0].pictureId}` },
      ]);
      const photo = await t.app.inject({ method: 'GET', url: body.images[0].href });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/png');
    }

    await t.ctx.audit.flush();
    const entries = await t.ctx.db
      .selectFrom('audit_log')
      .select(['principal_name', 'object_id', 'outcome'])
      .where('action', '=', 'notice.public-preview')
      .where('object_id', '=', id)
      .execute();
    expect(entries.map((e) => e.principal_name).sort()).toEqual(
      ['fr.officer', 'ke.officer', 'ke.officer', 'secretariat.reviewer'].sort(),
    );

    // Out of force, the extract is gone from the public API and the preview says so.
    const cancelled = await as(t.app, ke)('POST', `/api/v1/notices/${id}/cancel`, {
      reason: 'person-located',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().publicExtractState).toBe('removed');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const removed = noExtract(await preview(ke, id));
    expect(removed.reason).toBe('not-in-force');
  });

  it('says why a notice has no public extract, to the requester and the secretariat', async () => {
    const noConsent = await draft({});
    expect((await read(ke, noConsent)).publicExtractState).toBe('none');
    const problem = noExtract(await preview(ke, noConsent));
    expect(problem.reason).toBe('consent');
    expect(problem.detail).toMatch(/did not consent/);

    const diffusion = await as(t.app, ke)('POST', '/api/v1/diffusions', {
      type: 'red',
      subjectRecordId: subjectId,
      data: redData(),
      audience: { visibility: 'allow', countries: ['FR'] },
    });
    expect(diffusion.statusCode).toBe(201);
    expect(noExtract(await preview(ke, diffusion.json().id)).reason).toBe('diffusion');

    const blue = await as(t.app, ke)('POST', '/api/v1/notices', {
      type: 'blue',
      subjectRecordId: subjectId,
    });
    expect(blue.json().publicExtractState).toBe('none');
    expect(noExtract(await preview(ke, blue.json().id)).reason).toBe('type');

    // Published without consent: a member learns that there is none, not why.
    await publish(noConsent);
    expect(noExtract(await preview(reviewer, noConsent)).reason).toBe('consent');
    const member = noExtract(await preview(fr, noConsent));
    expect(member.reason).toBeUndefined();
    expect(member.detail).toBe('This notice has no public extract.');
  });

  it('answers 404 to whoever may not read the notice, and 403 without the permission', async () => {
    const id = await draft({ publicExtract: true });
    // A draft is the requester's: neither the secretariat nor another bureau reads it.
    expectProblem(await preview(fr, id), 404, 'not-found');
    expectProblem(await preview(reviewer, id), 404, 'not-found');
    expectProblem(await preview(ke, '01900000-0000-7000-8000-000000000000'), 404, 'not-found');
    expectProblem(await preview(partner, id), 403, 'forbidden');
    expectProblem(await preview(ke, 'not-an-id'), 400, 'validation');
    await t.ctx.audit.flush();
    const denied = await t.ctx.db
      .selectFrom('audit_log')
      .select(['principal_name'])
      .where('action', '=', 'notice.public-preview')
      .where('object_id', '=', id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((e) => e.principal_name).sort()).toEqual(['fr.officer', 'secretariat.reviewer']);
  });
});
