import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { cacheFor } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';
import { withoutMetadata } from '../platform/image-metadata.ts';
import { type ExtractType, foldForSearch, pathId, referenceOf } from './extract.ts';

/**
 * The public notices API: the public extracts of Red, Yellow and UN notices, served without
 * sign-in in the shapes existing clients of the public notices web API read — the same
 * query parameters, HAL-shaped JSON (`total`, `query`, `_embedded.notices`, `_links` with
 * self/first/next/last), `entity_id` as `2026/12345` and `2026-12345` in paths.
 *
 * Cached: answers are kept per process keyed by the extracts' version, a counter that every
 * publication, cancellation, suspension and expiry moves in its own transaction — so a
 * cancelled notice's extract disappears from the next answer of every process, never after
 * a cache lifetime. Responses carry an ETag for conditional requests.
 */

export const MAX_PER_PAGE = 160;
export const DEFAULT_PER_PAGE = 20;
const CACHE_TTL_MS = 60_000;

export interface PublicQuery {
  forename?: string;
  name?: string;
  nationality?: string;
  ageMin?: number;
  ageMax?: number;
  sexId?: string;
  arrestWarrantCountryId?: string;
  freeText?: string;
  unReference?: string;
  page?: number;
  resultPerPage?: number;
}

/** Query parameters in the order the answer's links repeat them. */
const PARAM_ORDER = [
  'forename',
  'name',
  'nationality',
  'ageMin',
  'ageMax',
  'sexId',
  'arrestWarrantCountryId',
  'freeText',
  'unReference',
] as const;

export const collectionPath = (type: ExtractType) =>
  type === 'un' ? '/notices/v1/un/persons' : `/notices/v1/${type}`;

async function extractsVersion(ctx: Context): Promise<number> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'public-extracts-version')
    .executeTakeFirst();
  return Number((row?.value as { n?: number } | undefined)?.n ?? 0);
}

/** Memoises an answer under the extracts' current version. */
async function cached<T>(ctx: Context, key: string, load: () => Promise<T>): Promise<T> {
  const version = await extractsVersion(ctx);
  const cache = cacheFor<string, T>(ctx, 'public-notices', ctx.clock, CACHE_TTL_MS);
  return cache.get(`${version}|${key}`, load);
}

function minusYears(today: Date, years: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

function links(base: string, type: ExtractType, entityId: string, pictures: string[]) {
  const self = `${base}${collectionPath(type)}/${pathId(entityId)}`;
  return {
    self: { href: self },
    images: { href: `${self}/images` },
    ...(pictures[0] ? { thumbnail: { href: `${self}/images/${pictures[0]}` } } : {}),
  };
}

export async function listExtracts(ctx: Context, type: ExtractType, query: PublicQuery, base: string) {
  const page = query.page ?? 1;
  const perPage = query.resultPerPage ?? DEFAULT_PER_PAGE;
  if (perPage > MAX_PER_PAGE) throw problems.invalidField('/query/resultPerPage', `at most ${MAX_PER_PAGE}`);
  if (query.ageMin !== undefined && query.ageMax !== undefined && query.ageMin > query.ageMax)
    throw problems.invalidField('/query/ageMin', 'must not exceed ageMax');
  const given = PARAM_ORDER.filter((k) => query[k] !== undefined && query[k] !== '');
  const key = `${type}?${given.map((k) => `${k}=${query[k]}`).join('&')}&rpp=${perPage}&page=${page}`;
  return cached(ctx, `${base}|${key}`, async () => {
    let q = ctx.db.selectFrom('public_extracts').where('type', '=', type);
    if (query.forename) q = q.where('forename', 'like', `%${foldForSearch(query.forename)}%`);
    if (query.name) q = q.where('name', 'like', `%${foldForSearch(query.name)}%`);
    if (query.nationality) q = q.where(sql<boolean>`${query.nationality.toUpperCase()} = ANY(nationalities)`);
    if (query.arrestWarrantCountryId)
      q = q.where(sql<boolean>`${query.arrestWarrantCountryId.toUpperCase()} = ANY(warrant_countries)`);
    if (query.sexId) q = q.where('sex_id', '=', query.sexId);
    if (query.freeText) q = q.where('search_text', 'like', `%${foldForSearch(query.freeText)}%`);
    if (query.unReference) q = q.where(sql<boolean>`detail->>'un_reference' = ${query.unReference}`);
    const today = ctx.clock.now();
    // Age from the date of birth (partial dates count from their first day).
    if (query.ageMin !== undefined)
      q = q.where(sql<boolean>`birth_date <= ${minusYears(today, query.ageMin)}::date`);
    if (query.ageMax !== undefined)
      q = q.where(sql<boolean>`birth_date > ${minusYears(today, query.ageMax + 1)}::date`);
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      q
        .select(['entity_id', 'listing', 'picture_ids'])
        .orderBy('published_at', 'desc')
        .orderBy('entity_id', 'desc')
        .limit(perPage)
        .offset((page - 1) * perPage)
        .execute(),
    ]);
    const total = Number(count.n);
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const echo: Record<string, unknown> = { page, resultPerPage: perPage };
    for (const k of given) echo[k] = query[k];
    const href = (p: number) => {
      const params = new URLSearchParams();
      for (const k of given) params.set(k, String(query[k]));
      params.set('resultPerPage', String(perPage));
      params.set('page', String(p));
      return { href: `${base}${collectionPath(type)}?${params.toString()}` };
    };
    return {
      total,
      query: echo,
      _embedded: {
        notices: rows.map((r) => ({
          ...(r.listing as Record<string, unknown>),
          _links: links(base, type, r.entity_id, r.picture_ids),
        })),
      },
      _links: {
        self: href(page),
        first: href(1),
        ...(page < lastPage ? { next: href(page + 1) } : {}),
        ...(page > 1 ? { previous: href(Math.min(page - 1, lastPage)) } : {}),
        last: href(lastPage),
      },
    };
  });
}

async function findExtract(ctx: Context, type: ExtractType, id: string) {
  if (!/^\d{4}-\d{1,9}$/.test(id)) throw problems.notFound('notice');
  const row = await ctx.db
    .selectFrom('public_extracts')
    .select(['entity_id', 'detail', 'picture_ids', 'notice_id'])
    .where('type', '=', type)
    .where('entity_id', '=', referenceOf(id))
    .executeTakeFirst();
  if (!row) throw problems.notFound('notice');
  return row;
}

export async function extractDetail(ctx: Context, type: ExtractType, id: string, base: string) {
  return cached(ctx, `${base}|${type}/${id}`, async () => {
    const row = await findExtract(ctx, type, id);
    return {
      ...(row.detail as Record<string, unknown>),
      _embedded: { links: [] },
      _links: links(base, type, row.entity_id, row.picture_ids),
    };
  });
}

export async function extractImages(ctx: Context, type: ExtractType, id: string, base: string) {
  return cached(ctx, `${base}|${type}/${id}/images`, async () => {
    const row = await findExtract(ctx, type, id);
    const self = `${base}${collectionPath(type)}/${pathId(row.entity_id)}`;
    return {
      _embedded: {
        images: row.picture_ids.map((p) => ({
          picture_id: p,
          _links: { self: { href: `${self}/images/${p}` } },
        })),
      },
      _links: {
        self: { href: `${self}/images` },
        notice: { href: self },
        ...(row.picture_ids[0] ? { thumbnail: { href: `${self}/images/${row.picture_ids[0]}` } } : {}),
      },
    };
  });
}

export async function extractImage(ctx: Context, type: ExtractType, id: string, pictureId: string) {
  const row = await findExtract(ctx, type, id);
  if (!row.picture_ids.includes(pictureId)) throw problems.notFound('image');
  const image = await ctx.db
    .selectFrom('notice_images')
    .select(['bytes', 'content_type', 'sha256'])
    .where('notice_id', '=', row.notice_id)
    .where('picture_id', '=', pictureId)
    .executeTakeFirst();
  if (!image) throw problems.notFound('image');
  // Pictures stored before uploads left their metadata out may still hold it: never to the
  // public (members' copies stay as signed).
  const contentType = image.content_type as 'image/png' | 'image/jpeg';
  const bytes = withoutMetadata(image.bytes, contentType);
  if (!bytes) throw problems.notFound('image');
  // The tag names the bytes served: a cache holding the copy served with its metadata, before
  // it was left out, must not be told (304) that copy is still good.
  const sha256 =
    bytes.length === image.bytes.length ? image.sha256 : createHash('sha256').update(bytes).digest('hex');
  return { bytes: Buffer.from(bytes), contentType, etag: `"${sha256}"` };
}
