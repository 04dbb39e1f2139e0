import type { Selectable } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { DraftBody } from './schema.ts';
import type { MessageDraftTable } from './tables.ts';
import { sealedAs, vaultOf } from './vault.ts';

/**
 * Drafts of people composing in the web UI. A draft is nobody's message yet, so it is not
 * encrypted to recipients: it is sealed whole under the KEK, readable only by its author.
 */
type DraftRow = Selectable<MessageDraftTable>;

function requireUser(principal: Principal): void {
  if (principal.type !== 'user') throw problems.forbidden('Drafts belong to people: systems send directly.');
}

function dto(ctx: Context, row: DraftRow) {
  return {
    id: row.id,
    draft: JSON.parse(vaultOf(ctx).open(row.sealed, sealedAs.draft(row.id))) as DraftBody,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listDrafts(ctx: Context, principal: Principal) {
  requireUser(principal);
  const rows = await ctx.db
    .selectFrom('message_drafts')
    .selectAll()
    .where('user_id', '=', principal.id)
    .orderBy('updated_at', 'desc')
    .limit(200)
    .execute();
  await ctx.audit.record({
    principal,
    action: 'message.draft.list',
    outcome: 'success',
    resultCount: rows.length,
  });
  return { items: rows.map((r) => dto(ctx, r)) };
}

async function ownDraft(ctx: Context, principal: Principal, id: string, action: string) {
  requireUser(principal);
  const row = await ctx.db
    .selectFrom('message_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', principal.id)
    .executeTakeFirst();
  if (!row) {
    await ctx.audit.record({ principal, action, outcome: 'denied', objectType: 'draft', objectId: id });
    throw problems.notFound('draft');
  }
  return row;
}

export async function getDraft(ctx: Context, principal: Principal, id: string) {
  const row = await ownDraft(ctx, principal, id, 'message.draft.read');
  await ctx.audit.record({
    principal,
    action: 'message.draft.read',
    outcome: 'success',
    objectType: 'draft',
    objectId: id,
  });
  return dto(ctx, row);
}

export async function saveDraft(ctx: Context, principal: Principal, body: DraftBody, id?: string) {
  requireUser(principal);
  const now = ctx.clock.now();
  const draftId = id ?? newId();
  const sealed = vaultOf(ctx).seal(JSON.stringify(body), sealedAs.draft(draftId));
  const attachment_ids = body.attachments ?? [];
  let row: DraftRow;
  if (id) {
    await ownDraft(ctx, principal, id, 'message.draft.update');
    const saved = await ctx.db
      .updateTable('message_drafts')
      .set({ sealed, attachment_ids, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    // Deleted meanwhile (from another tab, another click).
    if (!saved) throw problems.notFound('draft');
    row = saved;
  } else {
    row = await ctx.db
      .insertInto('message_drafts')
      .values({
        id: draftId,
        agency: principal.agency.code,
        user_id: principal.id,
        sealed,
        attachment_ids,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  await ctx.audit.record({
    principal,
    action: id ? 'message.draft.update' : 'message.draft.create',
    outcome: 'success',
    objectType: 'draft',
    objectId: row.id,
    objectAgency: principal.agency.code,
  });
  return dto(ctx, row);
}

export async function deleteDraft(ctx: Context, principal: Principal, id: string): Promise<void> {
  await ownDraft(ctx, principal, id, 'message.draft.delete');
  await ctx.db.deleteFrom('message_drafts').where('id', '=', id).execute();
  await ctx.audit.record({
    principal,
    action: 'message.draft.delete',
    outcome: 'success',
    objectType: 'draft',
    objectId: id,
  });
}
