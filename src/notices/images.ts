import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { actsAsRequester } from '../access/notices.ts';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { withoutMetadata } from './image-metadata.ts';
import { editable, type Kind, type Status } from './lifecycle.ts';
import { present } from './service.ts';
import { type Db, loadVisible, recordEvent, viewOf } from './store.ts';

/**
 * Photographs of a notice's subject. Records refer to attachments by id but Concord has no
 * store for records' files yet, so notices keep their own: small images in the database
 * (bytea), JPEG or PNG only — recognised by their first bytes, whatever the caller says —
 * at most MAX_BYTES each and MAX_IMAGES per notice. They may change while the request is
 * being written; once published they are part of what is signed (by SHA-256).
 */
export const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGES = 6;

export function sniff(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * The largest picture accepted, in pixels: a passport or identity photograph is well under a
 * megapixel, a scene photograph a few. A PNG is compressed, so two megabytes can declare a
 * picture of 16,000 × 16,000 pixels; a PDF print decodes a PNG with transparency whole, and
 * that one took 28 s and 4 GB of memory. Refused at upload, and skipped at print (for
 * pictures stored before).
 */
export const MAX_SIDE = 6000;
export const MAX_PIXELS = 24_000_000;

/** Width and height as the image declares them (PNG IHDR, JPEG start of frame), or null. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniff(bytes);
  if (kind === 'image/png') {
    // Signature, then IHDR first: length 13, type, width, height.
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (kind === 'image/jpeg') {
    // Walk the markers to the first start of frame (SOF0–SOF15 except DHT, JPG and DAC).
    let at = 2;
    while (at + 4 <= bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        at += 2;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (length < 2) return null;
      const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (frame) {
        if (at + 9 > bytes.length) return null;
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
      at += 2 + length;
    }
  }
  return null;
}

/** Why a picture cannot be taken, or null. */
export function sizeProblem(bytes: Uint8Array): string | null {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return 'the image’s dimensions cannot be read';
  if (size.width > MAX_SIDE || size.height > MAX_SIDE || size.width * size.height > MAX_PIXELS)
    return `images are at most ${MAX_SIDE} pixels a side and ${MAX_PIXELS / 1_000_000} megapixels; this one is ${size.width} × ${size.height}`;
  return null;
}

/** Public pictures have numeric ids, as in the public notices API. */
async function newPictureId(db: Db): Promise<string> {
  for (;;) {
    const id = String(randomInt(10_000_000, 99_999_999));
    const taken = await db
      .selectFrom('notice_images')
      .select('id')
      .where('picture_id', '=', id)
      .executeTakeFirst();
    if (!taken) return id;
  }
}

export interface ImageInput {
  contentType: 'image/jpeg' | 'image/png';
  data: string;
  caption?: string;
}

/** Stores an image without the HTTP layer's checks of who may: the demo seeding uses it too. */
export async function storeImage(
  db: Db,
  noticeId: string,
  principal: Principal,
  bytes: Uint8Array,
  contentType: 'image/jpeg' | 'image/png',
  caption: string | null,
  now: Date,
) {
  const count = await db
    .selectFrom('notice_images')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('notice_id', '=', noticeId)
    .executeTakeFirstOrThrow();
  const position = Number(count.n);
  if (position >= MAX_IMAGES) throw problems.conflict(`A notice has at most ${MAX_IMAGES} images.`);
  const pictureId = await newPictureId(db);
  await db
    .insertInto('notice_images')
    .values({
      id: newId(),
      notice_id: noticeId,
      picture_id: pictureId,
      content_type: contentType,
      bytes,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      caption,
      position,
      created_by: principal.name,
      created_at: now,
    })
    .execute();
  return pictureId;
}

async function editableByRequester(ctx: Context, principal: Principal, id: string, action: string) {
  const { row, requester } = await loadVisible(ctx, principal, id, action);
  if (!actsAsRequester(principal, viewOf(row, requester))) {
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'notice',
      objectId: id,
      objectAgency: row.requester_agency,
    });
    throw problems.forbidden('Only the requesting agency changes a request’s images.');
  }
  assertEditable(row.kind, row.status);
  return row;
}

/** A notice's pictures change only while the notice may be edited (409 otherwise). */
function assertEditable(kind: Kind, status: string): void {
  if (!editable(kind, status as Status))
    throw new Problem(
      409,
      'invalid-transition',
      'Not editable',
      `The images of a ${status} ${kind} cannot change.`,
    );
}

/**
 * Pictures change one at a time per notice, and only while it is still editable: several
 * uploads at once each counted the pictures before any was written (six at position 0, and
 * past the limit), and one could land on a request submitted meanwhile.
 */
async function lockEditable(trx: Db, id: string): Promise<void> {
  const now = await trx
    .selectFrom('notices')
    .select(['kind', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  assertEditable(now.kind, now.status);
}

export async function addImage(ctx: Context, principal: Principal, id: string, input: ImageInput) {
  const row = await editableByRequester(ctx, principal, id, 'notice.image-add');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.data.replace(/\s+/g, '')))
    throw problems.invalidField('/body/data', 'must be base64');
  const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
  if (bytes.length > MAX_BYTES) throw problems.invalidField('/body/data', `at most ${MAX_BYTES} bytes`);
  const sniffed = sniff(bytes);
  if (!sniffed) throw problems.invalidField('/body/data', 'is neither a JPEG nor a PNG image');
  if (sniffed !== input.contentType)
    throw problems.invalidField('/body/contentType', `the image is ${sniffed}, not ${input.contentType}`);
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) throw problems.invalidField('/body/data', tooLarge);
  // Where and when it was taken, and by whom, stay out of what is stored, signed and published.
  const picture = withoutMetadata(bytes, sniffed);
  if (!picture) throw problems.invalidField('/body/data', 'the image is truncated or malformed');
  const now = ctx.clock.now();
  const pictureId = await ctx.db.transaction().execute(async (trx) => {
    await lockEditable(trx, id);
    const stored = await storeImage(trx, id, principal, picture, sniffed, input.caption ?? null, now);
    await recordEvent(
      trx,
      id,
      principal,
      {
        action: 'image-add',
        from: row.status as Status,
        to: row.status as Status,
        details: { pictureId: stored },
      },
      now,
    );
    await trx
      .updateTable('notices')
      .set({ updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    return stored;
  });
  await ctx.audit.record({
    principal,
    action: 'notice.image-add',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
    details: { pictureId, size: picture.length, metadataRemoved: bytes.length - picture.length },
  });
  const fresh = await ctx.db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(ctx, principal, fresh);
}

export async function removeImage(ctx: Context, principal: Principal, id: string, pictureId: string) {
  const row = await editableByRequester(ctx, principal, id, 'notice.image-remove');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await lockEditable(trx, id);
    const removed = await trx
      .deleteFrom('notice_images')
      .where('notice_id', '=', id)
      .where('picture_id', '=', pictureId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw problems.notFound('image');
    await recordEvent(
      trx,
      id,
      principal,
      {
        action: 'image-remove',
        from: row.status as Status,
        to: row.status as Status,
        details: { pictureId },
      },
      now,
    );
    await trx
      .updateTable('notices')
      .set({ updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
  });
  await ctx.audit.record({
    principal,
    action: 'notice.image-remove',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
    details: { pictureId },
  });
  const fresh = await ctx.db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(ctx, principal, fresh);
}

/** An image's bytes, to whoever may see the notice. */
export async function readImage(ctx: Context, principal: Principal, id: string, pictureId: string) {
  const { row } = await loadVisible(ctx, principal, id, 'notice.image-read');
  const image = await ctx.db
    .selectFrom('notice_images')
    .select(['bytes', 'content_type'])
    .where('notice_id', '=', id)
    .where('picture_id', '=', pictureId)
    .executeTakeFirst();
  if (!image) throw problems.notFound('image');
  await ctx.audit.record({
    principal,
    action: 'notice.image-read',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
    details: { pictureId },
  });
  return { bytes: Buffer.from(image.bytes), contentType: image.content_type };
}
