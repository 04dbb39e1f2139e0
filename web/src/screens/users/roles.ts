import type { AgencyKind, Role, User } from '../../api/client';
import type { useMe } from '../../auth/session';

export const ROLES: Role[] = [
  'officer',
  'supervisor',
  'analyst',
  'reviewer',
  'agency-admin',
  'network-admin',
  'auditor',
  'partner',
  'partner-admin',
];

/** Mirrors the server's rules so the form offers only what can succeed (the server decides). */
export function roleAllowedIn(role: Role, kind: AgencyKind): boolean {
  if (role === 'network-admin' || role === 'reviewer') return kind === 'secretariat';
  if (role === 'partner' || role === 'partner-admin') return kind === 'partner';
  return kind !== 'partner';
}

export function grantableRoles(me: ReturnType<typeof useMe>, kind: AgencyKind): Role[] {
  return ROLES.filter(
    (role) =>
      roleAllowedIn(role, kind) &&
      (me.isNetworkAdmin ||
        (role !== 'network-admin' &&
          (me.roles.includes('agency-admin') || me.roles.includes('partner-admin')))),
  );
}

export function canManageUser(me: ReturnType<typeof useMe>, user: Pick<User, 'agency'>): boolean {
  if (!me.can('users:manage')) return false;
  if (me.isNetworkAdmin) return true;
  if (user.agency === me.agency.code) return true;
  return me.agency.kind === 'bureau' && user.agency.startsWith(`${me.agency.code}-`);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random initial password (18 characters, about 105 bits), to hand over securely. */
export function generatePassword(length = 18): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
