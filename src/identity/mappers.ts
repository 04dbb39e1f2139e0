import type { Selectable } from 'kysely';
import type { Role } from '../access/permissions.ts';
import type { AgencyKind, AgencyRef } from '../access/principal.ts';
import type { AgencyTable, UserTable } from '../platform/db-schema.ts';
import type { AgencyDto, UserDto } from './schema.ts';

export type AgencyRow = Selectable<AgencyTable>;
export type UserRow = Selectable<UserTable>;

export function agencyDto(row: AgencyRow): AgencyDto {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as AgencyKind,
    country: row.country,
    parentCode: row.parent_code,
    status: row.status as AgencyDto['status'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function agencyRef(row: AgencyRow): AgencyRef {
  return { code: row.code, kind: row.kind as AgencyKind, country: row.country, parentCode: row.parent_code };
}

export function userDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    agency: row.agency_code,
    roles: row.roles as Role[],
    status: row.status as UserDto['status'],
    mfaRequired: row.mfa_required,
    mfaEnabled: row.mfa_enabled,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
