import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actsOnUrgent,
  forwardRefusals,
  keepsContactPoint,
  managesMessagingOf,
  readsMailbox,
  sameOrganisation,
  sendsAs,
  type UrgentAction,
  type UrgentStatus,
  urgentSide,
  urgentTransition,
} from './messaging.ts';
import { PERMISSIONS, type Permission, permissionsOf, ROLES, type Role } from './permissions.ts';
import type { AgencyKind, AgencyRef, Principal } from './principal.ts';

const kinds: AgencyKind[] = ['secretariat', 'bureau', 'unit', 'international-organisation', 'partner'];

/** Agencies that are consistent: a unit has a bureau above it, bureaus and others do not. */
const agencyArb: fc.Arbitrary<AgencyRef> = fc
  .record({
    base: fc.constantFrom('KE', 'FR', 'BR'),
    kind: fc.constantFrom(...kinds),
    suffix: fc.constantFrom('CYBER', 'MLA'),
  })
  .map(({ base, kind, suffix }) =>
    kind === 'unit'
      ? { code: `${base}-${suffix}`, kind, country: base, parentCode: base }
      : kind === 'bureau'
        ? { code: base, kind, country: base, parentCode: null }
        : { code: `${kind.toUpperCase()}-${base}`, kind, country: null, parentCode: null },
  );

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

const markingsArb = fc.record({
  handling: fc.constantFrom('H0' as const, 'H1' as const, 'H2' as const, 'H3' as const),
  tlp: fc.constantFrom(
    'CLEAR' as const,
    'GREEN' as const,
    'AMBER' as const,
    'AMBER+STRICT' as const,
    'RED' as const,
  ),
});

describe('messaging access', () => {
  it('a mailbox is read only by its own agency, or by the bureau above a unit, and never by partners', () => {
    fc.assert(
      fc.property(principalArb, agencyArb, (principal, mailbox) => {
        if (!readsMailbox(principal, mailbox)) return;
        expect(principal.permissions.has('messages:read')).toBe(true);
        expect(principal.agency.kind).not.toBe('partner');
        expect(
          mailbox.code === principal.agency.code ||
            (principal.agency.kind === 'bureau' && mailbox.parentCode === principal.agency.code),
        ).toBe(true);
      }),
    );
  });

  it('a unit never reads its bureau’s mailbox, and the secretariat reads no member’s', () => {
    fc.assert(
      fc.property(principalArb, agencyArb, (principal, mailbox) => {
        if (principal.agency.kind === 'unit' && mailbox.code === principal.agency.parentCode)
          expect(readsMailbox(principal, mailbox)).toBe(false);
        if (principal.agency.kind === 'secretariat' && mailbox.kind !== 'secretariat')
          expect(readsMailbox(principal, mailbox)).toBe(false);
      }),
    );
  });

  it('one sends only as one’s own agency', () => {
    fc.assert(
      fc.property(principalArb, (principal) => {
        const as = sendsAs(principal);
        if (as) {
          expect(as.code).toBe(principal.agency.code);
          expect(principal.permissions.has('messages:send')).toBe(true);
        }
      }),
    );
  });

  it('keys are managed only within one’s agency (and a bureau’s units)', () => {
    fc.assert(
      fc.property(principalArb, agencyArb, (principal, agency) => {
        if (!managesMessagingOf(principal, agency)) return;
        expect(principal.permissions.has('messaging:manage')).toBe(true);
        expect(agency.code === principal.agency.code || agency.parentCode === principal.agency.code).toBe(
          true,
        );
      }),
    );
  });
});

describe('forwarding rules', () => {
  const ke = { code: 'KE', kind: 'bureau', country: 'KE', parentCode: null } as AgencyRef;
  const keCyber = { code: 'KE-CYBER', kind: 'unit', country: 'KE', parentCode: 'KE' } as AgencyRef;
  const fr = { code: 'FR', kind: 'bureau', country: 'FR', parentCode: null } as AgencyRef;

  it('H2 without permission is refused; with it, allowed', () => {
    const markings = { handling: 'H2' as const, tlp: 'AMBER' as const };
    expect(forwardRefusals(markings, ke, [fr], new Set(['BR', 'KE']), new Set())).toEqual([
      { agency: 'FR', reason: 'needs-permission' },
    ]);
    expect(forwardRefusals(markings, ke, [fr], new Set(['BR', 'KE']), new Set(['FR']))).toEqual([]);
  });

  it('TLP:RED never leaves; AMBER+STRICT stays in the organisation', () => {
    expect(
      forwardRefusals({ handling: 'H0', tlp: 'RED' }, ke, [keCyber], new Set(), new Set(['KE-CYBER'])),
    ).toEqual([{ agency: 'KE-CYBER', reason: 'tlp-red' }]);
    expect(
      forwardRefusals({ handling: 'H0', tlp: 'AMBER+STRICT' }, ke, [keCyber, fr], new Set(), new Set()),
    ).toEqual([{ agency: 'FR', reason: 'tlp-amber-strict' }]);
    expect(sameOrganisation(keCyber, ke)).toBe(true);
  });

  it('no marking lets a message through to a target the rules forbid, whatever was granted', () => {
    fc.assert(
      fc.property(
        markingsArb,
        agencyArb,
        fc.array(agencyArb, { maxLength: 4 }),
        fc.subarray(['KE', 'FR', 'BR', 'KE-CYBER']),
        (markings, forwarder, targets, granted) => {
          const refused = new Set(
            forwardRefusals(markings, forwarder, targets, new Set(), new Set(granted)).map((r) => r.agency),
          );
          for (const t of targets) {
            if (markings.tlp === 'RED') expect(refused.has(t.code)).toBe(true);
            if (markings.tlp === 'AMBER+STRICT' && !sameOrganisation(forwarder, t))
              expect(refused.has(t.code)).toBe(true);
            if ((markings.handling === 'H2' || markings.handling === 'H3') && !granted.includes(t.code))
              expect(refused.has(t.code)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('the 24/7 network', () => {
  const statuses: UrgentStatus[] = ['sent', 'acknowledged', 'in-progress', 'executed', 'refused', 'expired'];
  const actions: UrgentAction[] = ['acknowledge', 'start', 'execute', 'refuse', 'renew'];

  it('closed requests stay closed; only executed preservations renew', () => {
    for (const status of ['refused', 'expired'] as const)
      for (const action of actions) expect(urgentTransition(status, action)).toBeNull();
    expect(urgentTransition('executed', 'renew')).toBe('executed');
    expect(urgentTransition('executed', 'refuse')).toBeNull();
    expect(urgentTransition('sent', 'execute')).toBe('executed');
    expect(urgentTransition('acknowledged', 'acknowledge')).toBeNull();
  });

  it('every transition leads to a known state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...actions), (status, action) => {
        const next = urgentTransition(status, action);
        if (next) expect(statuses).toContain(next);
      }),
    );
  });

  it('only the requested side acts on a request, and only its own country keeps its directory entry', () => {
    fc.assert(
      fc.property(principalArb, agencyArb, agencyArb, (principal, from, to) => {
        const side = urgentSide(principal, from, to);
        if (actsOnUrgent(principal, side)) {
          expect(side).toBe('responder');
          expect(principal.agency.code === to.code || to.parentCode === principal.agency.code).toBe(true);
        }
        if (keepsContactPoint(principal, 'KE')) {
          expect(principal.agency.country).toBe('KE');
          expect(principal.agency.kind).toBe('bureau');
        }
      }),
    );
  });
});
