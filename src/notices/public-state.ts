import type { RecordPolicy } from '../access/records.ts';
import type { NoticeRow } from './store.ts';
import { noticeType } from './types.ts';

/**
 * Whether a notice is, or will be, on the public website. Pure, from the notice's own row,
 * so that lists can say it without a query per row. The rule is publication.ts's
 * (`wantsExtract`, which writes the extract when the notice enters force): a notice — not a
 * diffusion — of a type with a public extract, with the requester's consent, sent to all.
 *
 * - `public`: in force, its extract is served by the public notices API;
 * - `on-publication`: not yet in force; publishing it also publishes the extract;
 * - `removed`: it was public and is no longer in force (a reinstated one is public again);
 * - `none`: it has no public extract, for `reason`.
 */
export const PUBLIC_EXTRACT_STATES = ['public', 'on-publication', 'removed', 'none'] as const;
export type PublicExtractState = (typeof PUBLIC_EXTRACT_STATES)[number];
export type NoExtractReason =
  | 'diffusion'
  | 'type'
  | 'consent'
  | 'removed-from-public'
  | 'audience'
  | 'refused';

/** Why a notice, whatever its state, can have no public extract; null when it can. */
export function noExtractReason(
  row: Pick<NoticeRow, 'kind' | 'type' | 'public_consent' | 'public_extract_removed_at' | 'audience'>,
): NoExtractReason | null {
  if (row.kind === 'diffusion') return 'diffusion';
  if (!noticeType(row.type)?.publicExtract) return 'type';
  if (!row.public_consent) return 'consent';
  if (row.public_extract_removed_at) return 'removed-from-public';
  if ((row.audience as RecordPolicy).visibility !== 'all') return 'audience';
  return null;
}

export function publicExtractOf(
  row: Pick<
    NoticeRow,
    'kind' | 'type' | 'public_consent' | 'public_extract_removed_at' | 'audience' | 'status'
  >,
): {
  state: PublicExtractState;
  reason: NoExtractReason | null;
} {
  const none = (reason: NoExtractReason) => ({ state: 'none' as const, reason });
  const reason = noExtractReason(row);
  if (reason) return none(reason);
  switch (row.status) {
    case 'published':
      return { state: 'public', reason: null };
    case 'draft':
    case 'submitted':
    case 'under-review':
    case 'returned':
      return { state: 'on-publication', reason: null };
    case 'refused':
      return none('refused');
    default:
      return { state: 'removed', reason: null };
  }
}
