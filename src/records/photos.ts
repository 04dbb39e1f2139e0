import { createHash } from 'node:crypto';
import { type Principal, uploaderOf } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { lockUntilCommit } from '../platform/db.ts';
import { Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { acceptImage, type ImageType } from '../platform/images.ts';
import { loadRecord, readable } from './service.ts';

/**
 * Photographs of records — a person's photos, a work of art's images. An officer (or key)
 * uploads one (`POST /records/photos`: JPEG or PNG, checked and stripped of its metadata as
 * notices' photographs are, platform/images.ts) and names its id in the record's data; the
 * write that names it binds it to the record (photo-claims.ts). Bound, it is read by those
 * who read the whole record, under the record's policy, and goes when the record is purged;
 * until then it is its uploader's alone, and purged after UNBOUND_KEPT_MS.
 */

/** Uploads wait this long to be named by a record before the lifecycle job removes them. */
export const UNBOUND_KEPT_MS = 86_400_000;
/**
 * Uploads one uploader may have waiting at once: enough for a few records' photographs
 * being written side by side, not a store of megabytes nobody names.
 */
export const MAX_WAITING = 50;

export interface PhotoDto {
  id: string;
  contentType: ImageType;
  bytes: number;
  width: number;
  height: number;
}

export async function uploadPhoto(
  ctx: Context,
  principal: Principal,
  input: { contentType: ImageType; data: string },
): Promise<PhotoDto> {
  const image = acceptImage(input);
  const uploader = uploaderOf(principal);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // One uploader's uploads one at a time, so that the count below holds when written.
    await lockUntilCommit(trx, `concord.records.photos:${uploader}`);
    const waiting = await trx
      .selectFrom('record_photos')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('uploaded_by', '=', uploader)
      .where('record_id', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(waiting.n) >= MAX_WAITING)
      throw new Problem(
        409,
        'too-many-photos-waiting',
        'Too many photographs waiting',
        `You have ${MAX_WAITING} photographs not yet on a record: name them in a record, or wait a day for them to be removed.`,
      );
    await trx
      .insertInto('record_photos')
      .values({
        id,
        agency: principal.agency.code,
        uploaded_by: uploader,
        record_id: null,
        content_type: image.contentType,
        bytes: image.bytes,
        size: image.bytes.length,
        width: image.width,
        height: image.height,
        sha256: createHash('sha256').update(image.bytes).digest('hex'),
        created_at: now,
      })
      .execute();
  });
  await ctx.audit.record({
    principal,
    action: 'record.photo-upload',
    outcome: 'success',
    objectType: 'record-photo',
    objectId: id,
    objectAgency: principal.agency.code,
    details: { size: image.bytes.length, metadataRemoved: image.metadataRemoved },
  });
  return {
    id,
    contentType: image.contentType,
    bytes: image.bytes.length,
    width: image.width,
    height: image.height,
  };
}

export interface PhotoBytes {
  bytes: Buffer;
  contentType: ImageType;
}

/**
 * A record's photograph, to whoever reads the whole record (its policy, and an ended record
 * only to its owner's side). Anyone else — a member the policy keeps out, one with a hit
 * only, a partner not named — is told it does not exist, as of the record itself; audited
 * as a read of the record.
 */
export async function readRecordPhoto(
  ctx: Context,
  principal: Principal,
  recordId: string,
  photoId: string,
): Promise<PhotoBytes> {
  const found = await loadRecord(ctx, recordId);
  const visible = found !== undefined && readable(principal, found);
  const photo = visible
    ? await ctx.db
        .selectFrom('record_photos')
        .select(['bytes', 'content_type'])
        .where('id', '=', photoId)
        .where('record_id', '=', recordId)
        .executeTakeFirst()
    : undefined;
  await ctx.audit.record({
    principal,
    action: 'record.photo-read',
    outcome: photo ? 'success' : visible ? 'failure' : 'denied',
    objectType: 'record',
    objectId: recordId,
    // As a record read answered "not found": the entry must not say whose it is.
    objectAgency: visible ? found.row.owner_agency : undefined,
    details: { photoId },
  });
  if (!found || !visible) throw problems.notFound('record');
  if (!photo) throw problems.notFound('photograph');
  return { bytes: Buffer.from(photo.bytes), contentType: photo.content_type };
}

/** An upload not yet on a record, to its uploader (the form shows what it will save). */
export async function readUpload(ctx: Context, principal: Principal, photoId: string): Promise<PhotoBytes> {
  const photo = await ctx.db
    .selectFrom('record_photos')
    .select(['bytes', 'content_type', 'agency'])
    .where('id', '=', photoId)
    .where('record_id', 'is', null)
    .where('uploaded_by', '=', uploaderOf(principal))
    .where('agency', '=', principal.agency.code)
    .executeTakeFirst();
  await ctx.audit.record({
    principal,
    action: 'record.photo-upload-read',
    outcome: photo ? 'success' : 'denied',
    objectType: 'record-photo',
    objectId: photoId,
    objectAgency: photo ? photo.agency : undefined,
  });
  if (!photo) throw problems.notFound('photograph');
  return { bytes: Buffer.from(photo.bytes), contentType: photo.content_type };
}
