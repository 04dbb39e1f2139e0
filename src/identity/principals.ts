import { permissionsOf, type Role } from '../access/permissions.ts';
import type { Principal } from '../access/principal.ts';
import { type AgencyRow, agencyRef, type UserRow } from './mappers.ts';

export function userPrincipal(user: UserRow, agency: AgencyRow, extra: Partial<Principal> = {}): Principal {
  const roles = user.roles as Role[];
  return {
    type: 'user',
    id: user.id,
    name: user.username,
    agency: agencyRef(agency),
    roles,
    permissions: permissionsOf(roles),
    ...extra,
  };
}
