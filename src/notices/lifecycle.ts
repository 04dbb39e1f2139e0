/**
 * The lifecycle of notices and diffusions, as a table: which action moves which kind from
 * which status to which, and who may take it. The service looks transitions up here; a
 * transition not in the table is refused (409 invalid-transition), and the tests walk the
 * table and everything outside it.
 *
 * Notice: draft → submitted ("request being processed") → under-review → published, or
 * returned for more information (edited and submitted again), or refused with grounds;
 * published → extended, suspended (and reinstated), cancelled or expired; its public extract
 * may be removed while it stays in force.
 * Diffusion: draft → circulated at once (in force) → confirmed by a reviewer (stays
 * circulated), withdrawn by a reviewer, cancelled by its sender, or expired.
 */

export const STATUSES = [
  'draft',
  'submitted',
  'under-review',
  'returned',
  'refused',
  'published',
  'suspended',
  'cancelled',
  'expired',
  'circulated',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = [
  'submit',
  'start-review',
  'publish',
  'return',
  'refuse',
  'extend',
  'suspend',
  'reinstate',
  'cancel',
  'expire',
  'circulate',
  'confirm',
  'withdraw',
  'remove-public-extract',
] as const;
export type Action = (typeof ACTIONS)[number];

/** requester: the requesting agency's side; reviewer: the secretariat's compliance reviewers. */
export type Actor = 'requester' | 'reviewer' | 'system';
export type Kind = 'notice' | 'diffusion';

interface Transition {
  kind: Kind;
  action: Action;
  from: readonly Status[];
  /** null: the status stays (extend, confirm). */
  to: Status | null;
  by: readonly Actor[];
}

export const TRANSITIONS: readonly Transition[] = [
  { kind: 'notice', action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: ['requester'] },
  { kind: 'notice', action: 'start-review', from: ['submitted'], to: 'under-review', by: ['reviewer'] },
  { kind: 'notice', action: 'publish', from: ['under-review'], to: 'published', by: ['reviewer'] },
  { kind: 'notice', action: 'return', from: ['under-review'], to: 'returned', by: ['reviewer'] },
  { kind: 'notice', action: 'refuse', from: ['under-review'], to: 'refused', by: ['reviewer'] },
  { kind: 'notice', action: 'extend', from: ['published'], to: null, by: ['requester', 'reviewer'] },
  { kind: 'notice', action: 'suspend', from: ['published'], to: 'suspended', by: ['reviewer'] },
  { kind: 'notice', action: 'reinstate', from: ['suspended'], to: 'published', by: ['reviewer'] },
  {
    kind: 'notice',
    action: 'cancel',
    from: ['draft', 'submitted', 'under-review', 'returned', 'published', 'suspended'],
    to: 'cancelled',
    by: ['requester'],
  },
  { kind: 'notice', action: 'cancel', from: ['published', 'suspended'], to: 'cancelled', by: ['reviewer'] },
  { kind: 'notice', action: 'expire', from: ['published', 'suspended'], to: 'expired', by: ['system'] },
  // Off the public website, still in force for the members: consent withdrawn (a family's),
  // a danger to the person found, the Secretariat's judgement.
  {
    kind: 'notice',
    action: 'remove-public-extract',
    from: ['published', 'suspended'],
    to: null,
    by: ['requester', 'reviewer'],
  },
  { kind: 'diffusion', action: 'circulate', from: ['draft'], to: 'circulated', by: ['requester'] },
  { kind: 'diffusion', action: 'confirm', from: ['circulated'], to: null, by: ['reviewer'] },
  { kind: 'diffusion', action: 'withdraw', from: ['circulated'], to: 'withdrawn', by: ['reviewer'] },
  { kind: 'diffusion', action: 'extend', from: ['circulated'], to: null, by: ['requester'] },
  { kind: 'diffusion', action: 'cancel', from: ['draft', 'circulated'], to: 'cancelled', by: ['requester'] },
  { kind: 'diffusion', action: 'expire', from: ['circulated'], to: 'expired', by: ['system'] },
];

/** Where the action leads from this status for this actor, or undefined when it is not allowed. */
export function transition(kind: Kind, action: Action, from: Status, by: Actor): { to: Status } | undefined {
  const t = TRANSITIONS.find(
    (t) => t.kind === kind && t.action === action && t.from.includes(from) && t.by.includes(by),
  );
  return t ? { to: t.to ?? from } : undefined;
}

/** The actions an actor may take on a notice in this status (for the UI's buttons). */
export function actionsFor(kind: Kind, from: Status, actors: readonly Actor[]): Action[] {
  const out = new Set<Action>();
  for (const t of TRANSITIONS)
    if (t.kind === kind && t.from.includes(from) && t.by.some((b) => actors.includes(b))) out.add(t.action);
  return [...out];
}

/** Content may be edited in these statuses (by the requester). */
export function editable(kind: Kind, status: Status): boolean {
  return kind === 'notice' ? status === 'draft' || status === 'returned' : status === 'draft';
}

/** In force: members see it, it answers searches, it may have a public extract. */
export function inForce(status: Status): boolean {
  return status === 'published' || status === 'circulated';
}
