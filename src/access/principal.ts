import { PERMISSIONS, type Permission, type Role } from './permissions.ts';

export type AgencyKind = 'secretariat' | 'bureau' | 'unit' | 'international-organisation' | 'partner';

export interface AgencyRef {
  code: string;
  kind: AgencyKind;
  country: string | null;
  /** The bureau a unit belongs to. */
  parentCode: string | null;
}

/**
 * Who is acting. Every service call receives one; there is no ambient current user.
 * `system` is the server itself (first start, jobs, the CLI).
 */
export interface Principal {
  type: 'user' | 'api-key' | 'system';
  id: string;
  /** Username, API key name, or "system". */
  name: string;
  agency: AgencyRef;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** An API key's: the user who made it (the person behind what the key does), when a user did. */
  madeBy?: string;
  sessionId?: string;
  /** The HTTP request this call serves, for the audit trail. */
  requestId?: string;
  ip?: string;
}

export function systemPrincipal(requestId?: string): Principal {
  return {
    type: 'system',
    id: 'system',
    name: 'system',
    agency: { code: 'SECRETARIAT', kind: 'secretariat', country: null, parentCode: null },
    roles: ['network-admin'],
    permissions: new Set<Permission>(PERMISSIONS),
    ...(requestId ? { requestId } : {}),
  };
}

/** The server acting for one agency (CLI imports, demo data): audited as system@CODE. */
export function agencySystemPrincipal(agency: AgencyRef): Principal {
  return { ...systemPrincipal(), name: `system@${agency.code}`, agency, roles: [] };
}

/**
 * Whose an upload is (a message's attachment, a record's photograph): its uploader's, as a
 * draft is its author's — a colleague of the same agency could otherwise replace a chunk of
 * it, and the message sent later would carry their bytes with nothing to show it. Known by
 * identity, not name: an API key may be named after anyone.
 */
export function uploaderOf(principal: Pick<Principal, 'type' | 'id'>): string {
  return `${principal.type}:${principal.id}`;
}

/**
 * The person acting: a user, or the user who made the API key acting. Rules about people — a
 * notice is not reviewed by its author — hold through the keys they make.
 */
export function personOf(principal: Principal): string {
  return principal.type === 'api-key' && principal.madeBy ? principal.madeBy : principal.id;
}
