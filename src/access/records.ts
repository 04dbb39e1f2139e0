import { isBlank } from '../platform/blank-text.ts';
import { isCountryCode } from '../records/normalise/text.ts';
import type { AgencyRef, Principal } from './principal.ts';

/**
 * The owner's access policy on a record (DESIGN.md "Access policy"). Set by the owning
 * agency, evaluated here and nowhere else, for every read path: get, search, lists, exports.
 */
export interface RecordPolicy {
  /** all: every member agency; allow: only the listed; deny: every member but the listed. */
  visibility: 'all' | 'allow' | 'deny';
  /** Agency codes. Listing a bureau includes its units. */
  agencies?: string[];
  /** ISO 3166-1 alpha-2 codes: every agency of those countries. */
  countries?: string[];
  /** Members outside the audience learn that a record exists (a restricted hit), not what it holds; partners, nothing. */
  hitOnly?: boolean;
  /** H0 crime prevention only; H1 not in judicial proceedings without permission; H2 no dissemination without permission; H3 see handlingNote. */
  handling?: 'H0' | 'H1' | 'H2' | 'H3';
  handlingNote?: string;
  /** Source reliability (A/B/C/X) and information accuracy (1–4), e.g. "B2". */
  evaluation?: string;
  tlp?: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
  /** Why the data may be used (purpose limitation). */
  purpose?: string;
}

export const DEFAULT_POLICY: RecordPolicy = { visibility: 'all' };

/** What a principal may learn of a record: everything, that it exists, or nothing. */
export type RecordAccess = 'full' | 'existence' | 'none';

export interface RecordOwner {
  code: string;
  country: string | null;
  parentCode: string | null;
  /** The owner's kind where known (bureau, unit, partner…). */
  kind?: string;
}

/**
 * A record's policy as a reader sees it. The owner's side sees all of it; others see the
 * markings that govern their use of the record (handling, evaluation, TLP, purpose), not the
 * lists of which other members may or may not see it — who is trusted with what is the
 * owner's business.
 */
export function policySeenBy(agency: AgencyRef, owner: RecordOwner, policy: RecordPolicy): RecordPolicy {
  if (isOwnerSide(agency, owner)) return policy;
  const { agencies: _agencies, countries: _countries, ...markings } = policy;
  return markings;
}

/** Says a record comes from a private partner: its readers weigh it as such. */
export function fromPartner(owner: RecordOwner): { fromPartner?: true } {
  return owner.kind === 'partner' ? { fromPartner: true } : {};
}

/**
 * Who searched, as the owner's hit notification names them. A private partner learns which
 * member searched, not which officer: officers' names are personal data it has no need of.
 */
export function searcherFor(
  owner: RecordOwner,
  principal: { id: string; name: string },
): { searcher_id: string | null; searcher_name: string | null } {
  return owner.kind === 'partner'
    ? { searcher_id: null, searcher_name: null }
    : { searcher_id: principal.id, searcher_name: principal.name };
}

/**
 * Whether the owner hears of a search that found its record. Police owners hear of every
 * one, seen or not: they decide what to share. A private partner is not told of searches
 * by members it did not share the record with (`none`): it would learn of a police
 * investigation — which member looked for which account or wallet — it had no part in.
 */
export function ownerIsTold(owner: RecordOwner, level: RecordAccess): boolean {
  return !(owner.kind === 'partner' && level === 'none');
}

/**
 * The owner's side: the owning agency, its bureau, and (when the owner is a bureau) the
 * bureau's units. They see and manage everything the owner recorded.
 */
export function isOwnerSide(agency: AgencyRef, owner: RecordOwner): boolean {
  return agency.code === owner.code || agency.code === owner.parentCode || agency.parentCode === owner.code;
}

/** Members of the network: everyone but private partners, who see only what names them. */
function isMember(agency: AgencyRef): boolean {
  return agency.kind !== 'partner';
}

function listed(agency: AgencyRef, policy: RecordPolicy): boolean {
  const agencies = policy.agencies ?? [];
  if (agencies.includes(agency.code)) return true;
  if (agency.parentCode && agencies.includes(agency.parentCode)) return true;
  return agency.country !== null && (policy.countries ?? []).includes(agency.country) && isMember(agency);
}

/**
 * The names under which an owner's allow list names this agency — its code, its bureau's,
 * and for a member its country — as `listed` reads them: what "shared with me" looks for.
 */
export function namesInAllowLists(agency: AgencyRef): { agencies: string[]; countries: string[] } {
  return {
    agencies: [agency.code, ...(agency.parentCode ? [agency.parentCode] : [])],
    countries: agency.country !== null && isMember(agency) ? [agency.country] : [],
  };
}

export function inAudience(agency: AgencyRef, policy: RecordPolicy): boolean {
  switch (policy.visibility) {
    case 'all':
      return isMember(agency);
    case 'allow':
      return listed(agency, policy);
    case 'deny':
      return isMember(agency) && !listed(agency, policy);
  }
}

export function recordAccess(principal: Principal, owner: RecordOwner, policy: RecordPolicy): RecordAccess {
  if (!principal.permissions.has('records:read')) return 'none';
  if (isOwnerSide(principal.agency, owner)) return 'full';
  if (inAudience(principal.agency, policy)) return 'full';
  // "Hit only" tells members whom to ask. A private partner is not one: it would learn that
  // the police hold a person, a wallet, an account (a bank screening its customers against
  // them), and has no channel to ask through.
  return policy.hitOnly && isMember(principal.agency) ? 'existence' : 'none';
}

/** Only the owner's side changes or deletes a record. */
export function canChangeRecord(principal: Principal, owner: RecordOwner): boolean {
  return principal.permissions.has('records:write') && isOwnerSide(principal.agency, owner);
}

/** Inconsistent markings the owner must fix (returned as field errors under /policy). */
export function policyProblems(policy: RecordPolicy): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const hasList = (policy.agencies?.length ?? 0) + (policy.countries?.length ?? 0) > 0;
  if (policy.visibility !== 'all' && !hasList) {
    problems.push({
      field: '/policy/agencies',
      message: `visibility "${policy.visibility}" needs agencies or countries`,
    });
  }
  if (policy.visibility === 'all' && hasList) {
    problems.push({
      field: '/policy/visibility',
      message: 'lists apply only with visibility "allow" or "deny"',
    });
  }
  if (policy.tlp === 'RED' && policy.visibility !== 'allow') {
    problems.push({
      field: '/policy/tlp',
      message: 'TLP:RED is for named recipients: use visibility "allow"',
    });
  }
  // The schema checks the shape (two capitals); a code no country has would name no one.
  (policy.countries ?? []).forEach((code, i) => {
    if (!isCountryCode(code))
      problems.push({
        field: `/policy/countries/${i}`,
        message: `${code} is not an ISO 3166-1 alpha-2 country code`,
      });
  });
  if (policy.handling === 'H3' && (!policy.handlingNote || isBlank(policy.handlingNote))) {
    problems.push({ field: '/policy/handlingNote', message: 'H3 needs the restriction spelled out' });
  }
  return problems;
}
