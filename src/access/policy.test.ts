import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission, permissionsOf, ROLES, type Role } from './permissions.ts';
import {
  administers,
  auditScope,
  canCreateAgency,
  canGrantRole,
  isNetworkAdmin,
  narrowPermissions,
  roleAllowedIn,
} from './policy.ts';
import type { AgencyKind, AgencyRef, Principal } from './principal.ts';

const kinds: AgencyKind[] = ['secretariat', 'bureau', 'unit', 'international-organisation', 'partner'];
const codes = ['SECRETARIAT', 'KE', 'FR', 'KE-CYBER', 'FR-CYBER', 'ORG-X', 'PARTNER-Y'];

const agencyArb: fc.Arbitrary<AgencyRef> = fc.record({
  code: fc.constantFrom(...codes),
  kind: fc.constantFrom(...kinds),
  country: fc.constantFrom('KE', 'FR', null),
  parentCode: fc.constantFrom('KE', 'FR', null),
});

const principalArb: fc.Arbitrary<Principal> = fc
  .record({
    type: fc.constantFrom('user' as const, 'api-key' as const),
    agency: agencyArb,
    roles: fc.subarray([...ROLES] as Role[]),
    keyPermissions: fc.subarray([...PERMISSIONS] as Permission[]),
  })
  .map(({ type, agency, roles, keyPermissions }) => ({
    type,
    id: 'p',
    name: 'p',
    agency,
    roles: type === 'user' ? roles : [],
    permissions: type === 'user' ? permissionsOf(roles) : new Set(keyPermissions),
  }));

describe('access policy properties', () => {
  it('no one administers another agency unless a network admin or the bureau above it', () => {
    fc.assert(
      fc.property(principalArb, agencyArb, (principal, target) => {
        if (!administers(principal, target)) return;
        expect(
          isNetworkAdmin(principal) ||
            target.code === principal.agency.code ||
            (principal.agency.kind === 'bureau' && target.parentCode === principal.agency.code),
        ).toBe(true);
      }),
    );
  });

  it('only secretariat network admins hold network-wide powers', () => {
    fc.assert(
      fc.property(principalArb, (principal) => {
        if (isNetworkAdmin(principal)) expect(principal.agency.kind).toBe('secretariat');
        if (auditScope(principal).kind === 'all') {
          expect(principal.agency.kind).toBe('secretariat');
          expect(principal.type).toBe('user');
        }
      }),
    );
  });

  it('without audit:read, nothing of the audit log is visible', () => {
    fc.assert(
      fc.property(principalArb, (principal) => {
        if (!principal.permissions.has('audit:read')) expect(auditScope(principal).kind).toBe('none');
      }),
    );
  });

  it('network-admin is granted only by network admins', () => {
    fc.assert(
      fc.property(principalArb, (principal) => {
        if (canGrantRole(principal, 'network-admin')) expect(isNetworkAdmin(principal)).toBe(true);
      }),
    );
  });

  it('API keys never widen their creator’s permissions', () => {
    fc.assert(
      fc.property(
        principalArb,
        fc.option(fc.subarray([...PERMISSIONS] as Permission[]), { nil: undefined }),
        (creator, requested) => {
          const result = narrowPermissions(creator, requested);
          if (result.ok) for (const p of result.permissions) expect(creator.permissions.has(p)).toBe(true);
          else expect(result.excess.every((p) => !creator.permissions.has(p))).toBe(true);
        },
      ),
    );
  });

  it('agency admins create only units under their own bureau', () => {
    fc.assert(
      fc.property(
        principalArb,
        fc.constantFrom(...kinds),
        fc.constantFrom(...codes, null),
        (principal, kind, parent) => {
          if (canCreateAgency(principal, kind, parent) && !isNetworkAdmin(principal)) {
            expect(kind).toBe('unit');
            expect(parent).toBe(principal.agency.code);
          }
        },
      ),
    );
  });

  it('secretariat-only roles stay in the secretariat; partner roles in partners', () => {
    for (const kind of kinds) {
      const agency = { code: 'X', kind, country: null, parentCode: null };
      expect(roleAllowedIn('network-admin', agency)).toBe(kind === 'secretariat');
      expect(roleAllowedIn('reviewer', agency)).toBe(kind === 'secretariat');
      expect(roleAllowedIn('partner', agency)).toBe(kind === 'partner');
      expect(roleAllowedIn('officer', agency)).toBe(kind !== 'partner');
    }
  });
});
