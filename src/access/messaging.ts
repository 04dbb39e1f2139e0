import type { AgencyRef, Principal } from './principal.ts';

/**
 * Who may read, send, forward and manage what in secure messaging and the 24/7 network.
 * Pure functions: no database, no clock. The messaging services ask here and nowhere else.
 */

/** Private partners are not part of the messaging network (they receive records marked for them). */
export function takesPartInMessaging(agency: AgencyRef): boolean {
  return agency.kind !== 'partner';
}

/**
 * A mailbox is one agency's. Its users read it; a bureau's users also read its units'
 * (the bureau is the country's contact point), never the other way round.
 */
export function readsMailbox(principal: Principal, mailbox: AgencyRef): boolean {
  if (!principal.permissions.has('messages:read')) return false;
  if (!takesPartInMessaging(principal.agency)) return false;
  return (
    principal.agency.code === mailbox.code ||
    (principal.agency.kind === 'bureau' && mailbox.parentCode === principal.agency.code)
  );
}

/** Messages leave only from one's own agency: a bureau does not write as its unit. */
export function sendsAs(principal: Principal): AgencyRef | null {
  if (!principal.permissions.has('messages:send') || !takesPartInMessaging(principal.agency)) return null;
  return principal.agency;
}

/** Keys, custody and webhooks: one's own agency's (and a bureau's admins, its units'). */
export function managesMessagingOf(principal: Principal, agency: AgencyRef): boolean {
  if (!principal.permissions.has('messaging:manage')) return false;
  return (
    principal.agency.code === agency.code ||
    (principal.agency.kind === 'bureau' && agency.parentCode === principal.agency.code)
  );
}

/** The same organisation for TLP purposes: an agency, its bureau and the bureau's units. */
export function sameOrganisation(a: AgencyRef, b: AgencyRef): boolean {
  const root = (x: AgencyRef) => x.parentCode ?? x.code;
  return root(a) === root(b);
}

export interface Markings {
  handling: 'H0' | 'H1' | 'H2' | 'H3';
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
  /** H3's restriction, in words. */
  handlingNote?: string | null;
}

const HANDLING_RANK: Record<Markings['handling'], number> = { H0: 0, H1: 1, H2: 2, H3: 3 };
const TLP_RANK: Record<Markings['tlp'], number> = { CLEAR: 0, GREEN: 1, AMBER: 2, 'AMBER+STRICT': 3, RED: 4 };

/**
 * Where a forward's markings are looser than its original's: a forward carries the
 * original's restrictions (or stricter ones), or the next forward — checked against the
 * forward's markings — would be free of them.
 */
export function loweredMarkings(
  original: Markings,
  forward: Markings,
): ('handling' | 'handlingNote' | 'tlp')[] {
  const lowered: ('handling' | 'handlingNote' | 'tlp')[] = [];
  if (HANDLING_RANK[forward.handling] < HANDLING_RANK[original.handling]) lowered.push('handling');
  // An H3 original's restriction travels as its originator wrote it: another note in its
  // place ("none") would be the restriction removed.
  else if (
    original.handling === 'H3' &&
    forward.handling === 'H3' &&
    original.handlingNote &&
    forward.handlingNote !== original.handlingNote
  )
    lowered.push('handlingNote');
  if (TLP_RANK[forward.tlp] < TLP_RANK[original.tlp]) lowered.push('tlp');
  return lowered;
}

export type ForwardRefusal =
  /** TLP:RED is for the named recipients only: ask the originator to send it. */
  | 'tlp-red'
  /** TLP:AMBER+STRICT stays inside the recipient's organisation. */
  | 'tlp-amber-strict'
  /** H2 (no dissemination) and H3 (restrictions in the note) need the originator's permission. */
  | 'needs-permission'
  /** The target already holds the message. */
  | 'already-recipient';

/**
 * What forwarding a message to each target would break. `parties` are the agencies that
 * already hold it (its sender and recipients); `granted` the targets its originator allowed.
 */
export function forwardRefusals(
  markings: Markings,
  forwarder: AgencyRef,
  targets: AgencyRef[],
  parties: ReadonlySet<string>,
  granted: ReadonlySet<string>,
): { agency: string; reason: ForwardRefusal }[] {
  const refusals: { agency: string; reason: ForwardRefusal }[] = [];
  for (const target of targets) {
    if (parties.has(target.code)) refusals.push({ agency: target.code, reason: 'already-recipient' });
    else if (markings.tlp === 'RED') refusals.push({ agency: target.code, reason: 'tlp-red' });
    else if (markings.tlp === 'AMBER+STRICT' && !sameOrganisation(forwarder, target))
      refusals.push({ agency: target.code, reason: 'tlp-amber-strict' });
    else if ((markings.handling === 'H2' || markings.handling === 'H3') && !granted.has(target.code))
      refusals.push({ agency: target.code, reason: 'needs-permission' });
  }
  return refusals;
}

/** Only the originating agency decides on a request to forward its message. */
export function decidesForwarding(principal: Principal, originator: string): boolean {
  return principal.permissions.has('messages:send') && principal.agency.code === originator;
}

// ---- the 24/7 network -----------------------------------------------------------------

export type UrgentSide = 'requester' | 'responder';

/** Which side of an urgent request the principal is on, if any (a bureau acts for its units). */
export function urgentSide(principal: Principal, from: AgencyRef, to: AgencyRef): UrgentSide | null {
  if (!principal.permissions.has('urgent:read')) return null;
  const actsFor = (agency: AgencyRef) =>
    principal.agency.code === agency.code ||
    (principal.agency.kind === 'bureau' && agency.parentCode === principal.agency.code);
  if (actsFor(to)) return 'responder';
  if (actsFor(from)) return 'requester';
  return null;
}

export type UrgentStatus = 'sent' | 'acknowledged' | 'in-progress' | 'executed' | 'refused' | 'expired';
export type UrgentAction = 'acknowledge' | 'start' | 'execute' | 'refuse' | 'renew';

const TRANSITIONS: Record<UrgentAction, { from: UrgentStatus[]; to: UrgentStatus }> = {
  acknowledge: { from: ['sent'], to: 'acknowledged' },
  start: { from: ['sent', 'acknowledged'], to: 'in-progress' },
  execute: { from: ['sent', 'acknowledged', 'in-progress'], to: 'executed' },
  refuse: { from: ['sent', 'acknowledged', 'in-progress'], to: 'refused' },
  renew: { from: ['executed'], to: 'executed' },
};

/** The state an action leads to, or null when it does not apply in this state. */
export function urgentTransition(status: UrgentStatus, action: UrgentAction): UrgentStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}

/** Every action on a request is the responding side's: the country asked holds the data. */
export function actsOnUrgent(principal: Principal, side: UrgentSide | null): boolean {
  return side === 'responder' && principal.permissions.has('urgent:write');
}

/**
 * A country's 24/7 entry is kept by its bureau alone: the entry decides which unit takes the
 * country's urgent requests, and a unit's admin could otherwise turn them to its own desk.
 */
export function keepsContactPoint(principal: Principal, country: string): boolean {
  return (
    principal.permissions.has('urgent:manage') &&
    principal.agency.kind === 'bureau' &&
    principal.agency.country === country
  );
}

/** Network-wide settings and statistics belong to the secretariat. */
export function managesNetworkDeadlines(principal: Principal): boolean {
  return principal.permissions.has('urgent:manage') && principal.agency.kind === 'secretariat';
}
