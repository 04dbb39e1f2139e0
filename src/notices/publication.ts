import { sql } from 'kysely';
import { indexPerson } from '../names/index.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import type { PersonData } from '../records/kinds/person.ts';
import { personInput } from '../records/person-names.ts';
import { buildExtract, type ExtractType } from './extract.ts';
import { noExtractReason } from './public-state.ts';
import { signNotice } from './signing.ts';
import type { Db, ImageMeta, NoticeRow } from './store.ts';

/**
 * What happens when a notice enters force (published, circulated, reinstated) and when it
 * leaves it (suspended, cancelled, expired, withdrawn): its signature, its name keys (name
 * search over notices) and its public extract. All in the caller's transaction, so that a
 * cancelled notice's extract is gone exactly when the cancellation commits.
 */

export interface SignedNotice {
  v: 1;
  id: string;
  reference: string;
  kind: string;
  type: string;
  requester: string;
  language: string;
  data: unknown;
  translations: unknown;
  subject: unknown;
  assets: unknown;
  audience: unknown;
  images: { pictureId: string; contentType: string; sha256: string }[];
  publishedAt: string;
  validUntil: string;
  version: number;
}

/** The content the secretariat signs: the notice as published, images by their SHA-256. */
export function signedPayload(
  row: Pick<
    NoticeRow,
    | 'id'
    | 'reference'
    | 'kind'
    | 'type'
    | 'requester_agency'
    | 'language'
    | 'data'
    | 'translations'
    | 'subject'
    | 'assets'
    | 'audience'
    | 'version'
  >,
  images: ImageMeta[],
  publishedAt: Date,
  validUntil: Date,
): SignedNotice {
  return {
    v: 1,
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    type: row.type,
    requester: row.requester_agency,
    language: row.language,
    data: row.data,
    translations: row.translations,
    subject: row.subject ?? null,
    assets: row.assets ?? [],
    audience: row.audience,
    images: images.map((i) => ({ pictureId: i.picture_id, contentType: i.content_type, sha256: i.sha256 })),
    publishedAt: publishedAt.toISOString(),
    validUntil: validUntil.toISOString(),
    version: row.version,
  };
}

export async function sign(ctx: Context, payload: SignedNotice, db: Db) {
  return signNotice(ctx, payload, db as Kdb);
}

/** Public extracts change: a counter that the public API's cache keys on. */
async function bumpPublicVersion(db: Db): Promise<void> {
  await sql`
    INSERT INTO settings (key, value) VALUES ('public-extracts-version', '{"n": 1}'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = jsonb_build_object('n', (settings.value->>'n')::int + 1)`.execute(
    db,
  );
}

/** Whether a notice gets a public extract: a type that allows one, the requester's consent, sent to all. */
export function wantsExtract(
  row: Pick<
    NoticeRow,
    'kind' | 'type' | 'public_consent' | 'public_extract_removed_at' | 'audience' | 'subject'
  >,
) {
  return noExtractReason(row) === null && row.subject !== null;
}

export async function enterForce(db: Db, row: NoticeRow, images: ImageMeta[], now: Date): Promise<void> {
  const person = subjectPerson(row);
  await writeNameIndex(db, row.id, person);
  await db.deleteFrom('public_extracts').where('notice_id', '=', row.id).execute();
  if (person && wantsExtract(row)) {
    const extract = buildExtract({
      type: row.type as ExtractType,
      reference: row.reference,
      language: row.language,
      data: row.data as Record<string, unknown>,
      translations: row.translations as Record<string, Record<string, string>>,
      subject: person,
      pictureIds: images.map((i) => i.picture_id),
    });
    await db
      .insertInto('public_extracts')
      .values({ notice_id: row.id, ...extract, published_at: row.published_at ?? now })
      .execute();
    await bumpPublicVersion(db);
  }
}

/** The notice's subject as a person, if it has one. */
export function subjectPerson(row: Pick<NoticeRow, 'subject'>): PersonData | undefined {
  return (row.subject as { data?: PersonData } | null)?.data;
}

/**
 * The subject's prepared name and name keys, replacing whatever the notice had: at entry
 * into force, and when a newer names library re-prepares notices in force (names-reindex.ts).
 */
export async function writeNameIndex(db: Db, noticeId: string, person: PersonData | undefined) {
  await db.deleteFrom('notice_name_keys').where('notice_id', '=', noticeId).execute();
  if (!person) return;
  const { prepared, keys } = indexPerson(personInput(person));
  await db.updateTable('notices').set({ person_match: prepared }).where('id', '=', noticeId).execute();
  if (keys.length > 0)
    await db
      .insertInto('notice_name_keys')
      .values(keys.map((key) => ({ key, notice_id: noticeId })))
      .execute();
}

/** Off the public website at once (the notice itself unchanged). */
export async function removeExtract(db: Db, noticeId: string): Promise<void> {
  const removed = await db.deleteFrom('public_extracts').where('notice_id', '=', noticeId).executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) await bumpPublicVersion(db);
}

export async function leaveForce(db: Db, noticeId: string): Promise<void> {
  await db.deleteFrom('notice_name_keys').where('notice_id', '=', noticeId).execute();
  const removed = await db.deleteFrom('public_extracts').where('notice_id', '=', noticeId).executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) await bumpPublicVersion(db);
}
