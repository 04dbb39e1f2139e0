import { createHash } from 'node:crypto';
/**
 * The public notices API against the documented shapes of the public notices web API
 * (fixtures/public-api-shapes.ts), on the demo notices: query parameters, paging and its
 * links, ids in paths, images, caching, rate limiting of the public routes, and what is
 * never public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/helpers.ts';
import { seedDemoNotices } from './demo.ts';
import {
  ARREST_WARRANT_SHAPE,
  IMAGE_ITEM_SHAPE,
  IMAGES_SHAPE,
  ITEM_LINKS,
  LIST_ITEM_SHAPE,
  LIST_LINKS,
  LIST_QUERY_SHAPE,
  LIST_SHAPE,
  RED_DETAIL_SHAPE,
  shapeMismatches,
  UN_DETAIL_SHAPE,
  YELLOW_DETAIL_SHAPE,
} from './fixtures/public-api-shapes.ts';

const BASE = 'http://localhost:8080';

describe('public notices API', () => {
  let t: TestApp;
  const get = async (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: url.replace(BASE, ''), headers });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoNotices(t.ctx);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists Red Notices in the documented HAL shape, paged', async () => {
    const answer = await get('/notices/v1/red?resultPerPage=5');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = answer.json();
    expect(shapeMismatches(body, LIST_SHAPE)).toEqual([]);
    expect(shapeMismatches(body.query, LIST_QUERY_SHAPE)).toEqual([]);
    expect(body.query).toEqual({ page: 1, resultPerPage: 5 });
    expect(body.total).toBeGreaterThanOrEqual(17);
    for (const link of [...LIST_LINKS, 'next'])
      expect(body._links[link].href).toMatch(/^http:\/\/localhost:8080\/notices\/v1\/red\?/);
    expect(body._links.last.href).toContain(`page=${Math.ceil(body.total / 5)}`);
    expect(body._embedded.notices).toHaveLength(5);
    for (const n of body._embedded.notices) {
      expect(shapeMismatches(n, LIST_ITEM_SHAPE)).toEqual([]);
      expect(n.entity_id).toMatch(/^2026\/\d+$/);
      for (const link of ITEM_LINKS)
        expect(n._links[link].href).toContain(`/notices/v1/red/${n.entity_id.replace('/', '-')}`);
      if (n.date_of_birth) expect(n.date_of_birth).toMatch(/^\d{4}(\/\d{2}(\/\d{2})?)?$/);
    }
    // Every page together is every notice, once.
    const seen = new Set<string>();
    let next: string | undefined = body._links.first.href;
    while (next) {
      const page = (await get(next)).json();
      for (const n of page._embedded.notices) seen.add(n.entity_id);
      next = page._links.next?.href;
    }
    expect(seen.size).toBe(body.total);
  });

  it('filters by the documented parameters', async () => {
    const ids = async (query: string) =>
      (await get(`/notices/v1/red?${query}&resultPerPage=160`))
        .json()
        ._embedded.notices.map((n: { name: string; forename: string }) => `${n.forename} ${n.name}`);
    expect(await ids('name=zhukovsky')).toEqual(['ANATOLY ZHUKOVSKY']);
    expect(await ids('forename=Anatoly&name=Zhukovsky')).toEqual(['ANATOLY ZHUKOVSKY']);
    expect(await ids('nationality=ru')).toEqual(['ANATOLY ZHUKOVSKY']);
    expect(await ids('nationality=KE')).toEqual(
      expect.arrayContaining(['DANIEL OTIENO MWANGI', 'GRACE WANJIRU']),
    );
    expect(await ids('sexId=F')).toEqual(expect.arrayContaining(['GRACE WANJIRU']));
    expect((await ids('sexId=F')).includes('ANATOLY ZHUKOVSKY')).toBe(false);
    expect(await ids('arrestWarrantCountryId=SG')).toHaveLength(4);
    expect(await ids('freeText=ransomware')).toEqual(['ANATOLY ZHUKOVSKY']);
    // Born 1976-04-09: 49 on the test clock's 2026-01-15.
    expect(await ids('ageMin=49&ageMax=49&name=Zhukovsky')).toEqual(['ANATOLY ZHUKOVSKY']);
    expect(await ids('ageMin=50&name=Zhukovsky')).toEqual([]);
    expect(await ids('ageMax=48&name=Zhukovsky')).toEqual([]);
    // The query is echoed, and repeated in the links.
    const body = (await get('/notices/v1/red?nationality=BR&resultPerPage=2&page=2')).json();
    expect(body.query).toEqual({ page: 2, resultPerPage: 2, nationality: 'BR' });
    expect(body._links.self.href).toBe(`${BASE}/notices/v1/red?nationality=BR&resultPerPage=2&page=2`);
    expect(body._links.next).toBeUndefined();
    // Unknown parameters are ignored; bad values are named.
    expect((await get('/notices/v1/red?unknown=1')).statusCode).toBe(200);
    expect(
      expectProblem(await get('/notices/v1/red?resultPerPage=161'), 400, 'validation').errors![0]!.field,
    ).toBe('/query/resultPerPage');
    expect(expectProblem(await get('/notices/v1/red?page=0'), 400, 'validation').errors![0]!.field).toBe(
      '/query/page',
    );
    expect(expectProblem(await get('/notices/v1/red?sexId=X'), 400, 'validation').errors![0]!.field).toBe(
      '/query/sexId',
    );
    expect(
      expectProblem(await get('/notices/v1/red?ageMin=60&ageMax=20'), 400, 'validation').errors![0]!.field,
    ).toBe('/query/ageMin');
  });

  it('shows details, images and pictures in the documented shapes', async () => {
    const scarred = (await get('/notices/v1/red?name=Zhukovsky')).json()._embedded.notices[0];
    expect((await get(scarred._links.self.href)).json().distinguishing_marks).toBe('Scar on the left cheek');
    // Without a photograph, no thumbnail link.
    expect(scarred._links.thumbnail).toBeUndefined();
    const list = (await get('/notices/v1/red?name=Otieno')).json();
    const item = list._embedded.notices[0];
    const detail = (await get(item._links.self.href)).json();
    expect(shapeMismatches(detail, RED_DETAIL_SHAPE)).toEqual([]);
    expect(shapeMismatches(detail.arrest_warrants[0], ARREST_WARRANT_SHAPE)).toEqual([]);
    const images = (await get(detail._links.images.href)).json();
    expect(shapeMismatches(images, IMAGES_SHAPE)).toEqual([]);
    expect(shapeMismatches(images._embedded.images[0], IMAGE_ITEM_SHAPE)).toEqual([]);
    expect(images._links.notice.href).toBe(detail._links.self.href);
    const picture = await get(images._embedded.images[0]._links.self.href);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(detail._links.thumbnail.href).toBe(images._embedded.images[0]._links.self.href);
    // A picture stored with metadata (before uploads left it out) reaches the public without.
    const pictureId = String(images._embedded.images[0].picture_id);
    const stored = await t.ctx.db
      .selectFrom('notice_images')
      .select(['id', 'bytes'])
      .where('picture_id', '=', pictureId)
      .executeTakeFirstOrThrow();
    const original = Buffer.from(stored.bytes);
    const text = Buffer.from('\0\0\0\x1etEXtComment\0GPS 1.2921S 36.8219E\0\0\0\0', 'latin1');
    text.writeUInt32BE(text.length - 12, 0);
    const tagged = Buffer.concat([original.subarray(0, 33), text, original.subarray(33)]);
    await t.ctx.db
      .updateTable('notice_images')
      .set({ bytes: tagged, sha256: createHash('sha256').update(tagged).digest('hex') })
      .where('id', '=', stored.id)
      .execute();
    const served = await get(images._embedded.images[0]._links.self.href);
    expect(served.rawPayload.toString('latin1')).not.toContain('GPS');
    expect(served.rawPayload.equals(original)).toBe(true);
    // Its tag names the bytes served: a cache holding the copy with metadata is not told 304.
    expect(served.headers.etag).toBe(`"${createHash('sha256').update(original).digest('hex')}"`);
    // A French notice carries its English translation of the charge.
    const french = (await get('/notices/v1/red?name=Dubois')).json()._embedded.notices[0];
    const frenchDetail = (await get(french._links.self.href)).json();
    expect(frenchDetail.arrest_warrants[0]).toMatchObject({
      issuing_country_id: 'FR',
      charge: 'Escroquerie en bande organisée et blanchiment',
      charge_translation: 'Organised fraud and money laundering',
    });
    // Unknown ids and pictures of other notices are 404.
    expect((await get('/notices/v1/red/2026-99999')).statusCode).toBe(404);
    expect((await get('/notices/v1/red/not-an-id')).statusCode).toBe(404);
    expect((await get(`${item._links.self.href}/images/12345678`)).statusCode).toBe(404);
  });

  it('serves Yellow and UN notices in their shapes', async () => {
    const yellow = (await get('/notices/v1/yellow')).json();
    expect(yellow.total).toBe(5);
    const y = (await get(yellow._embedded.notices[0]._links.self.href)).json();
    expect(shapeMismatches(y, YELLOW_DETAIL_SHAPE)).toEqual([]);
    const un = (await get('/notices/v1/un/persons')).json();
    expect(un.total).toBe(3);
    expect(un._embedded.notices[0]._links.self.href).toMatch(/\/notices\/v1\/un\/persons\/2026-\d+$/);
    const u = (await get(un._embedded.notices[un.total - 1]._links.self.href)).json();
    expect(shapeMismatches(u, UN_DETAIL_SHAPE)).toEqual([]);
    expect(u).toMatchObject({
      un_reference: 'QDi.299',
      un_resolution: 1267,
      name_in_original_script: expect.any(String),
    });
    expect((await get('/notices/v1/un/persons?unReference=TAi.042')).json().total).toBe(1);
    // Only Red, Yellow and UN are public: a Red Notice id is not a Yellow one.
    expect(
      (await get(`/notices/v1/yellow/${un._embedded.notices[0].entity_id.replace('/', '-')}`)).statusCode,
    ).toBe(404);
  });

  it('never publishes what the requester did not consent to, nor documents or internal data', async () => {
    const all = (await get('/notices/v1/red?resultPerPage=160')).json();
    // Two of the twenty demo Red Notices were published without consent to an extract.
    expect(all.total).toBe(18);
    const text =
      JSON.stringify(all) + JSON.stringify((await get(all._embedded.notices[0]._links.self.href)).json());
    expect(text).not.toMatch(/AK1234567|requester|findings|subject|record|SECRETARIAT|policy/);
  });

  it('answers conditional requests with 304', async () => {
    const first = await get('/notices/v1/yellow');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const again = await get('/notices/v1/yellow', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });

  it('may be read and embedded by any site; a 404 is not kept by caches', async () => {
    const origin = { origin: 'https://news.example' };
    const list = await get('/notices/v1/red', origin);
    expect(list.headers['access-control-allow-origin']).toBe('*');
    expect(list.headers['access-control-expose-headers']).toBe('ETag');
    const item = list.json()._embedded.notices[0];
    const images = (await get(`${item._links.self.href}/images`)).json();
    const picture = await get(images._embedded.images[0]._links.self.href, origin);
    expect(picture.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/notices/v1/red',
      headers: {
        ...origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
    // A value refused names what is accepted, the empty string included.
    const badSex = expectProblem(await get('/notices/v1/red?sexId=X'), 400, 'validation');
    expect(badSex.errors?.[0]?.message).toBe('must be one of: "", F, M, U');
    const gone = await get('/notices/v1/red/2026-99999', origin);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['cache-control']).toBe('no-store');
    expect(gone.headers['access-control-allow-origin']).toBe('*');
    // The rest of Concord stays same-origin.
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/notices/keys', headers: origin });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
