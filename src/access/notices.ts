import { type AgencyKind, type Principal, personOf } from './principal.ts';
import { inAudience, isOwnerSide, type RecordOwner, type RecordPolicy } from './records.ts';

/**
 * Who may see, request, edit and review notices and diffusions. Pure functions: the
 * notices services ask here and nowhere else.
 *
 * - The requester's side (the requesting agency, its bureau, a bureau's units) sees its
 *   requests in every status, and acts on them as the requester.
 * - The secretariat's reviewers see every request once submitted (never drafts), every
 *   diffusion once circulated, and act as reviewers — but never on a request they wrote.
 * - Members see notices in force (published) and diffusions in force (circulated)
 *   addressed to them: a notice goes to every member unless its requester excluded some;
 *   a diffusion to the members it names.
 * - Private partners see none.
 */

export interface NoticeView {
  kind: 'notice' | 'diffusion';
  status: string;
  requester: RecordOwner;
  audience: RecordPolicy;
  createdBy: string;
  /** Published (a notice) or circulated (a diffusion) at some time. */
  wasInForce?: boolean;
}

export type NoticeAccess = 'requester' | 'reviewer' | 'member' | 'none';

const SUBMITTED_OR_LATER = (status: string) => status !== 'draft';

export function isReviewer(principal: Principal): boolean {
  return principal.permissions.has('notices:review') && principal.agency.kind === 'secretariat';
}

export function noticeAccess(principal: Principal, notice: NoticeView): NoticeAccess {
  if (!principal.permissions.has('notices:read') && !principal.permissions.has('notices:review'))
    return 'none';
  if (principal.agency.kind === 'partner') return 'none';
  if (principal.permissions.has('notices:read') && isOwnerSide(principal.agency, notice.requester))
    return 'requester';
  if (isReviewer(principal) && SUBMITTED_OR_LATER(notice.status)) return 'reviewer';
  if (
    principal.permissions.has('notices:read') &&
    (notice.status === 'published' || notice.status === 'circulated') &&
    inAudience(principal.agency, notice.audience)
  )
    return 'member';
  return 'none';
}

const ENDED = new Set(['suspended', 'cancelled', 'expired', 'withdrawn']);

/**
 * A member that could read a notice while it was in force is told, when it asks for it
 * again, that it no longer is — its reference, state and since when, nothing of its content —
 * rather than "not found": an officer holding a printed copy must learn not to act on it.
 */
export function learnsNoticeEnded(principal: Principal, notice: NoticeView): boolean {
  return (
    principal.permissions.has('notices:read') &&
    principal.agency.kind !== 'partner' &&
    notice.wasInForce === true &&
    ENDED.has(notice.status) &&
    inAudience(principal.agency, notice.audience)
  );
}

/** Creates, edits, submits, extends and cancels its own agency's requests. */
export function actsAsRequester(principal: Principal, notice: NoticeView): boolean {
  return principal.permissions.has('notices:request') && isOwnerSide(principal.agency, notice.requester);
}

/** Reviews: a secretariat reviewer, and not the person who wrote the request (four eyes). */
export function actsAsReviewer(principal: Principal, notice: NoticeView): boolean {
  if (!isReviewer(principal)) return false;
  // Four eyes: not the author, nor the author through a key they made.
  return principal.type === 'system' || personOf(principal) !== notice.createdBy;
}

/** Whether the principal's agency may request a notice of a type (the type says which kinds). */
export function mayRequestType(principal: Principal, requesters: readonly AgencyKind[]): boolean {
  return principal.permissions.has('notices:request') && requesters.includes(principal.agency.kind);
}
