import { sql, type Transaction } from 'kysely';
import { type Principal, uploaderOf } from '../access/principal.ts';
import type { Tables } from '../platform/db-schema.ts';
import { type FieldError, problems } from '../platform/errors.ts';
import { recordKind } from './kinds/index.ts';

/**
 * Binding photographs to the records that name them (src/records/photos.ts has the upload
 * and the reads). A record names its photographs by id in its data (a person's `photos`, a
 * work of art's `images`); each write of those data checks every id and binds the new ones
 * in the write's own transaction, so that a record never names a photograph it does not
 * hold, and an upload is never on two records.
 */

/** The photograph ids a record's data name, for kinds that have photographs ([] otherwise). */
export function photoIdsOf(kind: string, data: unknown): string[] {
  const field = recordKind(kind)?.photoField;
  if (!field || typeof data !== 'object' || data === null) return [];
  const ids = (data as Record<string, unknown>)[field];
  // The database gives ids back in lower case; an id written in capitals is the same photograph.
  return Array.isArray(ids) ? (ids as string[]).map((id) => id.toLowerCase()) : [];
}

/** The pointer of a kind's photo list under a prefix (`/body/data` for a request, `/data` for an import line). */
export function photoFieldOf(kind: string, prefix: string): string {
  return `${prefix}/${recordKind(kind)?.photoField ?? 'photos'}`;
}

/** Who writes the records: their agency and uploader identity (uploaderOf). */
export interface PhotoWriter {
  agency: string;
  uploader: string;
}

export interface PhotoClaim {
  recordId: string;
  ids: string[];
  /** Where the list is, for the errors: `/body/data/photos`. */
  field: string;
  /** The record existed before this write: photographs it held that the list leaves out are deleted. */
  replacing: boolean;
}

/**
 * Checks and binds the photographs records name. Each id must be the writer's own upload
 * (its agency's, by the same user or key) not on another record — or already on this one.
 * A claim with any id wrong binds none and answers its errors (by position in `claims`);
 * the others are bound, and a replacing claim's photographs no longer named are deleted:
 * a photograph taken off a record is not kept (the history keeps the id, not the picture),
 * and its id is returned in `removed`. The uploads are locked in id order, so that two writers naming the same upload wait for
 * one another rather than both taking it.
 */
export async function claimPhotos(
  trx: Transaction<Tables>,
  writer: PhotoWriter,
  claims: PhotoClaim[],
): Promise<{ failures: Map<number, FieldError[]>; removed: string[] }> {
  const failures = new Map<number, FieldError[]>();
  const removed: string[] = [];
  const wanted = [...new Set(claims.flatMap((c) => c.ids))].sort();
  const rows =
    wanted.length === 0
      ? []
      : await trx
          .selectFrom('record_photos')
          .select(['id', 'agency', 'uploaded_by', 'record_id'])
          .where('id', 'in', wanted)
          .orderBy('id')
          .forUpdate()
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const taken = new Set<string>();
  const binds: { id: string; record_id: string }[] = [];
  const kept: PhotoClaim[] = [];
  claims.forEach((claim, index) => {
    const errors: FieldError[] = [];
    const mine: string[] = [];
    claim.ids.forEach((id, i) => {
      const field = `${claim.field}/${i}`;
      const row = byId.get(id);
      if (claim.ids.indexOf(id) !== i) errors.push({ field, message: 'is listed twice' });
      else if (row?.record_id === claim.recordId) return;
      // Another's upload is no more there than one never made: its id says nothing.
      else if (!row || row.agency !== writer.agency || row.uploaded_by !== writer.uploader)
        errors.push({ field, message: 'no such photograph among your uploads: upload it first' });
      else if (row.record_id !== null || taken.has(id))
        errors.push({ field, message: 'is a photograph of another record' });
      else mine.push(id);
    });
    if (errors.length > 0) {
      failures.set(index, errors);
      return;
    }
    for (const id of mine) {
      taken.add(id);
      binds.push({ id, record_id: claim.recordId });
    }
    if (claim.replacing) kept.push(claim);
  });
  if (binds.length > 0)
    await sql`
      UPDATE record_photos p SET record_id = t.record_id
      FROM jsonb_to_recordset(${JSON.stringify(binds)}::text::jsonb) AS t(id uuid, record_id uuid)
      WHERE p.id = t.id`.execute(trx);
  for (const claim of kept) {
    let taken = trx.deleteFrom('record_photos').where('record_id', '=', claim.recordId);
    if (claim.ids.length > 0) taken = taken.where('id', 'not in', claim.ids);
    removed.push(...(await taken.returning('id').execute()).map((row) => row.id));
  }
  return { failures, removed };
}

/**
 * The photographs of one record written through the API (POST or PATCH): a 400 naming each
 * wrong id (`/body/data/photos/1`), thrown in the write's transaction so nothing is written.
 * Returns the ids of the photographs a correction took off, deleted: its audit entry names them.
 */
export async function claimRecordPhotos(
  trx: Transaction<Tables>,
  principal: Principal,
  recordId: string,
  kind: string,
  data: unknown,
  replacing: boolean,
): Promise<string[]> {
  if (!recordKind(kind)?.photoField) return [];
  const ids = photoIdsOf(kind, data);
  if (ids.length === 0 && !replacing) return [];
  const { failures, removed } = await claimPhotos(
    trx,
    { agency: principal.agency.code, uploader: uploaderOf(principal) },
    [{ recordId, ids, field: photoFieldOf(kind, '/body/data'), replacing }],
  );
  const errors = failures.get(0);
  if (errors) throw problems.validation(errors);
  return removed;
}
