import { base64url } from 'jose';
import { sql } from 'kysely';
import { sendsAs } from '../access/messaging.ts';
import { type Principal, uploaderOf } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  type AttachmentRef,
  type ContentAttachment,
  chunkHeaderProblem,
  encryptChunk,
  joinCompact,
  newAttachmentKey,
  splitCompact,
} from './envelope.ts';
import { custodyOf } from './keys.ts';
import { DEFAULT_CHUNK } from './schema.ts';
import { sealedAs, vaultOf } from './vault.ts';

interface SealedMeta {
  name: string;
  contentType: string;
  key: string;
}

/** What an upload needs to become part of a message's content. */
export interface UploadMeta {
  id: string;
  content: ContentAttachment;
}

async function uploaderCustody(ctx: Context, agency: string): Promise<'self' | 'server'> {
  return (await custodyOf(ctx.db, [agency])).get(agency) === 'self' ? 'self' : 'server';
}

async function receivedCount(ctx: Context, id: string): Promise<{ received: number; missing: number[] }> {
  const rows = await ctx.db
    .selectFrom('attachment_chunks')
    .select('idx')
    .where('attachment_id', '=', id)
    .execute();
  return { received: rows.length, missing: [] as number[] };
}

async function statusDto(
  ctx: Context,
  row: {
    id: string;
    custody: 'self' | 'server';
    size: unknown;
    chunk_size: number;
    chunks: number;
    status: 'uploading' | 'sent';
    created_at: Date;
  },
) {
  const have = new Set(
    (
      await ctx.db.selectFrom('attachment_chunks').select('idx').where('attachment_id', '=', row.id).execute()
    ).map((r) => r.idx),
  );
  const missing: number[] = [];
  for (let i = 0; i < row.chunks && missing.length < 1000; i++) if (!have.has(i)) missing.push(i);
  return {
    id: row.id,
    custody: row.custody,
    size: Number(row.size),
    chunkSize: row.chunk_size,
    chunks: row.chunks,
    received: have.size,
    missing,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Starts an upload: its size and chunking are fixed now, so that every chunk can be checked
 * as it arrives and an interrupted upload resumes with the chunks still missing.
 */
export async function createUpload(
  ctx: Context,
  principal: Principal,
  input: { size: number; chunkSize?: number; name?: string; contentType?: string },
) {
  const sender = sendsAs(principal);
  if (!sender) throw problems.forbidden('You may not send messages.');
  if (input.size > ctx.config.attachmentMaxBytes)
    throw problems.invalidField(
      '/body/size',
      `at most ${ctx.config.attachmentMaxBytes} bytes (CONCORD_ATTACHMENT_MAX_BYTES)`,
    );
  const custody = await uploaderCustody(ctx, sender.code);
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK;
  const attachmentId = newId();
  let sealed: string | null = null;
  if (custody === 'server') {
    if (!input.name)
      throw problems.invalidField('/body/name', 'is required: the server encrypts it into the message');
    const meta: SealedMeta = {
      name: input.name,
      contentType: input.contentType ?? 'application/octet-stream',
      key: base64url.encode(newAttachmentKey()),
    };
    sealed = vaultOf(ctx).seal(JSON.stringify(meta), sealedAs.attachment(attachmentId));
  } else if (input.name || input.contentType) {
    throw problems.invalidField(
      input.name ? '/body/name' : '/body/contentType',
      'your agency holds its own keys: name and type go inside the encrypted content, not here',
    );
  }
  const row = await ctx.db
    .insertInto('attachments')
    .values({
      id: attachmentId,
      agency: sender.code,
      created_by: principal.name,
      uploaded_by: uploaderOf(principal),
      custody,
      size: input.size,
      chunk_size: chunkSize,
      chunks: Math.ceil(input.size / chunkSize),
      sealed_meta: sealed,
      created_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.record({
    principal,
    action: 'message.attachment.create',
    outcome: 'success',
    objectType: 'attachment',
    objectId: row.id,
    objectAgency: sender.code,
    details: { size: input.size, chunks: row.chunks, custody },
  });
  return statusDto(ctx, row);
}

/** Whose the upload is: its uploader's (its agency's, for one made before uploaders were kept). */
function isUploader(row: { agency: string; uploaded_by: string | null }, agency: string, uploader: string) {
  return row.agency === agency && (row.uploaded_by === null || row.uploaded_by === uploader);
}

async function ownUpload(ctx: Context, principal: Principal, id: string, action: string) {
  const row = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (
    !row ||
    !isUploader(row, principal.agency.code, uploaderOf(principal)) ||
    !principal.permissions.has('messages:send')
  ) {
    await ctx.audit.record({ principal, action, outcome: 'denied', objectType: 'attachment', objectId: id });
    throw problems.notFound('upload');
  }
  return row;
}

export async function uploadStatus(ctx: Context, principal: Principal, id: string) {
  const row = await ownUpload(ctx, principal, id, 'message.attachment.status');
  await ctx.audit.record({
    principal,
    action: 'message.attachment.status',
    outcome: 'success',
    objectType: 'attachment',
    objectId: id,
    objectAgency: row.agency,
  });
  return statusDto(ctx, row);
}

/**
 * Stores one chunk. A server-held uploader sends plaintext (over TLS), encrypted here before
 * it is written; a self-held one sends the chunk's compact JWE. Sending a chunk again
 * replaces it, so a client retries without asking what arrived.
 */
export async function uploadChunk(
  ctx: Context,
  principal: Principal,
  id: string,
  index: number,
  body: Buffer,
  contentType: string,
) {
  const row = await ownUpload(ctx, principal, id, 'message.attachment.chunk');
  if (row.status !== 'uploading')
    throw new Problem(409, 'attachment-sent', 'Attachment sent', 'This attachment was sent with a message.');
  if (index >= row.chunks)
    throw problems.invalidField(
      '/path/index',
      row.chunks === 0
        ? 'this upload is empty: it has no chunks to send'
        : row.chunks === 1
          ? 'this upload has one chunk, 0'
          : `this upload has ${row.chunks} chunks, 0–${row.chunks - 1}`,
    );
  const size = Number(row.size);
  const expected = index < row.chunks - 1 ? row.chunk_size : size - row.chunk_size * (row.chunks - 1);
  let parts: ReturnType<typeof splitCompact>;
  if (row.custody === 'server') {
    if (contentType !== 'application/octet-stream')
      throw problems.invalidField(
        '/headers/content-type',
        'must be application/octet-stream (the chunk’s bytes)',
      );
    if (body.length !== expected)
      throw problems.invalidField('/body', `chunk ${index} must be ${expected} bytes, got ${body.length}`);
    const meta = JSON.parse(vaultOf(ctx).open(row.sealed_meta!, sealedAs.attachment(id))) as SealedMeta;
    parts = splitCompact(await encryptChunk(base64url.decode(meta.key), id, index, body));
  } else {
    if (contentType !== 'application/jose')
      throw problems.invalidField(
        '/headers/content-type',
        'must be application/jose (the chunk as a compact JWE)',
      );
    const compact = body.toString('utf8').trim();
    const problem = chunkHeaderProblem(compact, id, index);
    if (problem) throw problems.invalidField('/body', `the chunk ${problem}`);
    parts = splitCompact(compact);
    if (parts.ciphertext.length !== expected)
      throw problems.invalidField(
        '/body',
        `chunk ${index} must hold ${expected} bytes, its ciphertext has ${parts.ciphertext.length}`,
      );
  }
  // Written only while the upload is still open, in the same statement that checks it: the
  // row lock makes a send that takes the attachment wait for this write, and a write after
  // the send find nothing to write to (a chunk replaced under a sent message otherwise).
  const written = await sql<{ idx: number }>`
    WITH open_upload AS (
      SELECT id FROM attachments WHERE id = ${id} AND status = 'uploading' FOR SHARE
    )
    INSERT INTO attachment_chunks (attachment_id, idx, protected, iv, ciphertext, tag)
    SELECT id, ${index}, ${parts.protected}, ${parts.iv}, ${parts.ciphertext}, ${parts.tag} FROM open_upload
    ON CONFLICT (attachment_id, idx) DO UPDATE
      SET protected = EXCLUDED.protected, iv = EXCLUDED.iv, ciphertext = EXCLUDED.ciphertext, tag = EXCLUDED.tag
    RETURNING idx`.execute(ctx.db);
  if (written.rows.length === 0)
    throw new Problem(409, 'attachment-sent', 'Attachment sent', 'This attachment was sent with a message.');
  await ctx.audit.record({
    principal,
    action: 'message.attachment.chunk',
    outcome: 'success',
    objectType: 'attachment',
    objectId: id,
    objectAgency: row.agency,
    details: { index, bytes: expected },
  });
  const { received } = await receivedCount(ctx, id);
  return { id, index, received, chunks: row.chunks, complete: received === row.chunks };
}

export async function deleteUpload(ctx: Context, principal: Principal, id: string): Promise<void> {
  const row = await ownUpload(ctx, principal, id, 'message.attachment.delete');
  const sent = () =>
    new Problem(409, 'attachment-sent', 'Attachment sent', 'A sent attachment stays with its message.');
  if (row.status !== 'uploading') throw sent();
  // Not if a message took it meanwhile.
  const deleted = await ctx.db
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('status', '=', 'uploading')
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw sent();
  await ctx.audit.record({
    principal,
    action: 'message.attachment.delete',
    outcome: 'success',
    objectType: 'attachment',
    objectId: id,
    objectAgency: row.agency,
  });
}

/**
 * The uploads a message is to carry, checked: the sender's, complete, unsent, of the
 * sender's custody. A self-held forward may carry its original's attachments.
 */
const NONE_CARRIED: ReadonlySet<string> = new Set();

/** The attachments a forward carries from its original: they are not uploads of its own. */
export async function carriedAttachments(
  ctx: Context,
  forwardOf: string | null | undefined,
): Promise<Set<string>> {
  if (!forwardOf) return new Set();
  const rows = await ctx.db
    .selectFrom('message_attachments')
    .select('attachment_id')
    .where('message_id', '=', forwardOf)
    .execute();
  return new Set(rows.map((r) => r.attachment_id));
}

/**
 * Takes a message's uploads before it is stored. Checked by loadUploads alone, two messages
 * sent at once with the same upload each found it unsent and both carried it; one
 * conditional update takes them all or none. The function returned gives them back if the
 * message is then not stored. Attachments a forward carries from its original are not taken.
 */
export async function claimUploads(
  ctx: Context,
  ids: string[],
  field: string,
  now: Date,
  carried: ReadonlySet<string> = NONE_CARRIED,
): Promise<() => Promise<void>> {
  const wanted = ids.filter((id) => !carried.has(id));
  if (wanted.length === 0) return async () => {};
  const taken = (
    await ctx.db
      .updateTable('attachments')
      .set({ status: 'sent', sent_at: now })
      .where('id', 'in', wanted)
      .where('status', '=', 'uploading')
      .returning('id')
      .execute()
  ).map((r) => r.id);
  const release = async () => {
    if (taken.length > 0)
      await ctx.db
        .updateTable('attachments')
        .set({ status: 'uploading', sent_at: null })
        .where('id', 'in', taken)
        .execute();
  };
  if (taken.length < wanted.length) {
    await release();
    const got = new Set(taken);
    throw problems.validation(
      ids.flatMap((id, i) =>
        carried.has(id) || got.has(id)
          ? []
          : [{ field: `${field}/${i}`, message: 'already sent with another message' }],
      ),
    );
  }
  return release;
}

export async function loadUploads(
  ctx: Context,
  uploader: { agency: string; id: string },
  ids: string[],
  custody: 'self' | 'server',
  field: string,
  declared?: AttachmentRef[],
  carried: ReadonlySet<string> = NONE_CARRIED,
): Promise<UploadMeta[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.selectFrom('attachments').selectAll().where('id', 'in', ids).execute();
  const counts = await ctx.db
    .selectFrom('attachment_chunks')
    .select(['attachment_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('attachment_id', 'in', ids)
    .groupBy('attachment_id')
    .execute();
  const received = new Map(counts.map((c) => [c.attachment_id, Number(c.n)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const out: UploadMeta[] = [];
  ids.forEach((id, i) => {
    const row = byId.get(id);
    const at = `${field}/${i}`;
    if (carried.has(id) && row) {
      if (declared && (Number(row.size) !== declared[i]?.size || row.chunks !== declared[i]?.chunks))
        errors.push({ field: at, message: 'size and chunks must be those of the original’s attachment' });
      return;
    }
    if (!row || !isUploader(row, uploader.agency, uploader.id))
      errors.push({ field: at, message: 'no such upload of yours' });
    else if (row.status !== 'uploading')
      errors.push({ field: at, message: 'already sent with another message' });
    else if (row.custody !== custody)
      errors.push({ field: at, message: 'uploaded under another key custody' });
    else if ((received.get(id) ?? 0) !== row.chunks)
      errors.push({
        field: at,
        message: `incomplete: ${received.get(id) ?? 0} of ${row.chunks} chunks uploaded`,
      });
    else if (declared && (Number(row.size) !== declared[i]?.size || row.chunks !== declared[i]?.chunks))
      errors.push({
        field: at,
        message: `size and chunks must be those of the upload (${row.size} bytes, ${row.chunks} chunks)`,
      });
    else if (custody === 'server') {
      const meta = JSON.parse(vaultOf(ctx).open(row.sealed_meta!, sealedAs.attachment(id))) as SealedMeta;
      out.push({
        id,
        content: {
          id,
          name: meta.name,
          contentType: meta.contentType,
          size: Number(row.size),
          chunks: row.chunks,
          chunkSize: row.chunk_size,
          key: meta.key,
        },
      });
    }
  });
  if (errors.length > 0) throw problems.validation(errors);
  return out;
}

/** A stored chunk as its compact JWE. */
export async function chunkCompact(
  ctx: Context,
  attachmentId: string,
  index: number,
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('attachment_chunks')
    .selectAll()
    .where('attachment_id', '=', attachmentId)
    .where('idx', '=', index)
    .executeTakeFirst();
  return row ? joinCompact(row) : null;
}

/** Removes uploads never sent within a week (the job runs daily). */
export async function purgeStaleUploads(ctx: Context): Promise<number> {
  const now = ctx.clock.now().getTime();
  // Not those a draft lists: a draft kept a week would lose its attachments.
  const result = await ctx.db
    .deleteFrom('attachments')
    .where('status', '=', 'uploading')
    .where('created_at', '<', new Date(now - 7 * 86_400_000))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('message_drafts as d')
            .select('d.id')
            .where(sql<boolean>`attachments.id = ANY(d.attachment_ids)`),
        ),
      ),
    )
    .executeTakeFirst();
  // Taken by a message that was then never stored (the process stopped between the two):
  // no message carries it, a day later.
  const orphans = await ctx.db
    .deleteFrom('attachments')
    .where('status', '=', 'sent')
    .where('sent_at', '<', new Date(now - 86_400_000))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('message_attachments as m')
            .select('m.attachment_id')
            .whereRef('m.attachment_id', '=', 'attachments.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) + Number(orphans.numDeletedRows);
}
