import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { Problem } from '../platform/errors.ts';
import type { PersonData } from '../records/kinds/person.ts';
import { buildExtract, type ExtractType, pathId } from './extract.ts';
import { editable, type Status } from './lifecycle.ts';
import { collectionPath } from './public.ts';
import { type NoExtractReason, publicExtractOf } from './public-state.ts';
import { subjectPerson } from './publication.ts';
import { subjectSnapshot } from './service.ts';
import { imagesOf, loadVisible, type NoticeRow } from './store.ts';

/**
 * What the public sees of a notice — for the requester and the reviewer before they publish,
 * and for anyone reading it after. In force, it is the stored extract the public notices API
 * serves; before, the same builder (extract.ts) run on what would be published, so the
 * preview cannot drift from the public answer.
 */

const WHY: Record<NoExtractReason | 'not-in-force' | 'no-subject', string> = {
  diffusion: 'Diffusions have no public extract.',
  type: 'Notices of this type have no public extract.',
  consent: 'The requester did not consent to a public extract.',
  'removed-from-public': 'It was taken off the public website; it stays in force for the members.',
  audience: 'The notice is kept from some members: only a notice to all members is put before the public.',
  refused: 'The request was refused: it will not be published.',
  'not-in-force': 'The notice is no longer in force: its public extract was removed from the public website.',
  'no-subject': 'The request names no subject yet.',
};

function noExtract(reason: keyof typeof WHY, internal: boolean): Problem {
  // Members are not told why (an audience that leaves some out is not theirs to learn).
  return new Problem(
    409,
    'no-public-extract',
    'No public extract',
    internal ? WHY[reason] : 'This notice has no public extract.',
    internal ? { reason } : {},
  );
}

/** The subject as it would be published: live from the record while the requester writes it. */
async function subjectOf(ctx: Context, principal: Principal, row: NoticeRow, requesterWrites: boolean) {
  if (requesterWrites && row.subject_record_id) {
    try {
      const live = await subjectSnapshot(ctx, principal, row.subject_record_id, '/subjectRecordId');
      return live.data as PersonData;
    } catch {
      return undefined;
    }
  }
  return subjectPerson(row);
}

export async function publicPreview(ctx: Context, principal: Principal, id: string) {
  const { row, access } = await loadVisible(ctx, principal, id, 'notice.public-preview');
  const internal = access !== 'member';
  const { state, reason } = publicExtractOf(row);
  if (state === 'none') throw noExtract(reason!, internal);
  if (state === 'removed') throw noExtract('not-in-force', internal);
  const type = row.type as ExtractType;
  const path = `${collectionPath(type)}/${pathId(row.reference)}`;
  let listing: Record<string, unknown>;
  let detail: Record<string, unknown>;
  let images: { pictureId: string; href: string }[];
  const stored =
    state === 'public'
      ? await ctx.db
          .selectFrom('public_extracts')
          .select(['listing', 'detail', 'picture_ids'])
          .where('notice_id', '=', row.id)
          .executeTakeFirst()
      : undefined;
  if (stored) {
    listing = stored.listing as Record<string, unknown>;
    detail = stored.detail as Record<string, unknown>;
    images = stored.picture_ids.map((p) => ({ pictureId: p, href: `${path}/images/${p}` }));
  } else {
    const writing = access === 'requester' && editable(row.kind, row.status as Status);
    const subject = await subjectOf(ctx, principal, row, writing);
    if (!subject) throw noExtract('no-subject', internal);
    const pictures = (await imagesOf(ctx.db, [row.id])).get(row.id) ?? [];
    const built = buildExtract({
      type,
      reference: row.reference,
      language: row.language,
      data: row.data as Record<string, unknown>,
      translations: row.translations as Record<string, Record<string, string>>,
      subject,
      pictureIds: pictures.map((p) => p.picture_id),
    });
    listing = built.listing;
    detail = built.detail;
    // Not public yet: the photographs are read where the notice's readers read them.
    images = built.picture_ids.map((p) => ({ pictureId: p, href: `/api/v1/notices/${row.id}/images/${p}` }));
  }
  await ctx.audit.record({
    principal,
    action: 'notice.public-preview',
    outcome: 'success',
    objectType: 'notice',
    objectId: row.id,
    objectAgency: row.requester_agency,
  });
  return { state, type, path, listing, detail, images };
}
