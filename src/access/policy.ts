import { type Permission, permissionsOf, ROLES, type Role } from './permissions.ts';
import type { AgencyRef, Principal } from './principal.ts';

/**
 * Access decisions for identity and audit. Pure functions: no database, no clock.
 * Services ask here and nowhere else.
 */

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/** Network-wide powers belong to the secretariat's network admins (and the system itself). */
export function isNetworkAdmin(principal: Principal): boolean {
  return principal.roles.includes('network-admin') && principal.agency.kind === 'secretariat';
}

/**
 * The agencies whose users and keys a principal administers: network admins all of them;
 * an agency admin its own agency and, for a bureau, the units under it.
 */
export function administers(principal: Principal, target: AgencyRef): boolean {
  if (isNetworkAdmin(principal)) return true;
  if (!principal.permissions.has('users:manage') && !principal.permissions.has('api-keys:manage'))
    return false;
  if (target.code === principal.agency.code) return true;
  return principal.agency.kind === 'bureau' && target.parentCode === principal.agency.code;
}

/** Which users a principal may list: its own agency (and units), or all for the network. */
export function canSeeUsersOf(principal: Principal, target: AgencyRef): boolean {
  if (!principal.permissions.has('users:read')) return false;
  if (isNetworkAdmin(principal) || isNetworkAuditor(principal)) return true;
  if (target.code === principal.agency.code) return true;
  return principal.agency.kind === 'bureau' && target.parentCode === principal.agency.code;
}

/** Roles that only make sense in certain kinds of agency. */
export function roleAllowedIn(role: Role, agency: AgencyRef): boolean {
  switch (role) {
    case 'network-admin':
    case 'reviewer':
      return agency.kind === 'secretariat';
    case 'partner':
    case 'partner-admin':
      return agency.kind === 'partner';
    default:
      return agency.kind !== 'partner';
  }
}

/**
 * What any principal of this agency may hold: the permissions of the roles available in an
 * agency of its kind. An API key for the agency carries no more, whoever makes it — a bureau's
 * key with the secretariat's review powers would be a bureau reviewing notices.
 */
export function permissionsAvailableIn(agency: AgencyRef): ReadonlySet<Permission> {
  // It depends on the kind only, and every API-key request asks.
  let available = AVAILABLE_BY_KIND.get(agency.kind);
  if (!available) {
    available = permissionsOf(ROLES.filter((role) => roleAllowedIn(role, agency)));
    AVAILABLE_BY_KIND.set(agency.kind, available);
  }
  return available;
}
const AVAILABLE_BY_KIND = new Map<AgencyRef['kind'], Set<Permission>>();

/** May this principal hand out this role? Never more than one holds (no escalation). */
export function canGrantRole(principal: Principal, role: Role): boolean {
  if (isNetworkAdmin(principal)) return true;
  if (role === 'network-admin') return false;
  return principal.roles.includes('agency-admin') || principal.roles.includes('partner-admin');
}

/** Create a unit under `parent` (or, for network admins, any agency). */
export function canCreateAgency(
  principal: Principal,
  kind: AgencyRef['kind'],
  parentCode: string | null,
): boolean {
  if (!principal.permissions.has('agencies:create')) return false;
  if (isNetworkAdmin(principal)) return true;
  return kind === 'unit' && principal.agency.kind === 'bureau' && parentCode === principal.agency.code;
}

export function isNetworkAuditor(principal: Principal): boolean {
  return principal.roles.includes('auditor') && principal.agency.kind === 'secretariat';
}

/**
 * What part of the audit log a principal may read: network auditors and network admins
 * everything; an agency's admins and auditors what their agency (and, for a bureau, its
 * units) did and what was done to their data.
 */
export type AuditScope =
  | { kind: 'all' }
  /** A bureau's scope also covers its units. */
  | { kind: 'agency'; agencyCode: string; includeUnits: boolean }
  | { kind: 'none' };

export function auditScope(principal: Principal): AuditScope {
  if (!principal.permissions.has('audit:read')) return { kind: 'none' };
  if (isNetworkAuditor(principal) || isNetworkAdmin(principal)) return { kind: 'all' };
  if (
    principal.roles.includes('auditor') ||
    principal.roles.includes('agency-admin') ||
    principal.type === 'api-key'
  ) {
    return {
      kind: 'agency',
      agencyCode: principal.agency.code,
      includeUnits: principal.agency.kind === 'bureau',
    };
  }
  return { kind: 'none' };
}

/** API keys may carry only permissions their creator holds: they narrow, never widen. */
export function narrowPermissions(
  creator: Principal,
  requested: readonly Permission[] | undefined,
): { ok: true; permissions: Permission[] } | { ok: false; excess: Permission[] } {
  const own = [...creator.permissions];
  if (!requested) return { ok: true, permissions: own };
  const excess = requested.filter((p) => !creator.permissions.has(p));
  if (excess.length > 0) return { ok: false, excess };
  return { ok: true, permissions: [...new Set(requested)] };
}
