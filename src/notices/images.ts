import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { actsAsRequester } from '../access/notices.ts';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { acceptImage, type ImageType } from '../platform/images.ts';
import { editable, type Kind, type Status } from './lifecycle.ts';
import { present } from './service.ts';
import { type Db, loadVisible, recordEvent, viewOf } from './store.ts';

/**
 * Photographs of a notice's subject: small images in the database (bytea), checked and
 * stripped of their metadata as every uploaded image is (platform/images.ts), at most
 * MAX_IMAGES per notice. They may change while the request is being written; once published
 * they are part of what is signed (by SHA-256).
 */
export const MAX_IMAGES = 6;

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
  contentType: ImageType;
  data: string;
  caption?: string;
}

/** Stores an image without the HTTP layer's checks of who may: the demo seeding uses it too. */
export async function storeImage(
  db: Db,
  noticeId: string,
  principal: Principal,
  bytes: Uint8Array,
  contentType: ImageType,
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
  // Where and when it was taken, and by whom, stay out of what is stored, signed and published.
  const { bytes: picture, contentType, metadataRemoved } = acceptImage(input);
  const now = ctx.clock.now();
  const pictureId = await ctx.db.transaction().execute(async (trx) => {
    await lockEditable(trx, id);
    const stored = await storeImage(trx, id, principal, picture, contentType, input.caption ?? null, now);
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
    details: { pictureId, size: picture.length, metadataRemoved },
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
