/**
 * Roles are what people are; permissions are what a route needs. The mapping lives here
 * and only here, so that "who may do what" is one readable table.
 */
export const ROLES = [
  'officer',
  'supervisor',
  'analyst',
  'reviewer',
  'agency-admin',
  'network-admin',
  'auditor',
  'partner',
  'partner-admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Every signed-in principal: who am I, my sessions, my MFA. */
  'self',
  'agencies:read',
  /** Create units under one's own bureau (agency admins) or anywhere (network admins). */
  'agencies:create',
  /** Rename, suspend and reactivate agencies, create bureaus, organisations, partners. */
  'agencies:manage',
  'users:read',
  'users:manage',
  'api-keys:manage',
  'audit:read',
  /** Check identifiers and read records that the owners' policies allow. */
  'records:read',
  /** Create, correct, extend and delete one's own agency's records. */
  'records:write',
  /** Bulk import and export of one's own records. */
  'records:import',
  /** Hits on one's agency's records, and the event stream. */
  'hit-notifications:read',
  /** One's agency's mailbox (and, for a bureau, its units'), the key directory, groups. */
  'messages:read',
  /** Send, reply, forward, receipts, attachments, drafts, forwarding permissions. */
  'messages:send',
  /** One's agency's keys and custody, webhooks and their dead letters. */
  'messaging:manage',
  /** The 24/7 directory and the urgent requests one's agency sent or received. */
  'urgent:read',
  /** Send urgent requests; acknowledge, execute, refuse and renew those received. */
  'urgent:write',
  /** Keep one's country's 24/7 directory entry; for the secretariat, the network's deadlines. */
  'urgent:manage',
  /** Notices in force and diffusions addressed to one's agency; one's agency's own requests. */
  'notices:read',
  /** Request notices and send diffusions for one's agency: draft, submit, extend, cancel. */
  'notices:request',
  /** The secretariat's compliance review: the queue, decisions, suspension, withdrawal, statistics. */
  'notices:review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_RECORDS = ['records:read', 'hit-notifications:read'] as const;
const WRITE_RECORDS = [...READ_RECORDS, 'records:write', 'records:import'] as const;
const MESSAGING = ['messages:read', 'messages:send', 'urgent:read', 'urgent:write'] as const;
const NOTICES = ['notices:read', 'notices:request'] as const;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  officer: ['self', 'agencies:read', ...WRITE_RECORDS, ...MESSAGING, ...NOTICES],
  supervisor: ['self', 'agencies:read', 'users:read', ...WRITE_RECORDS, ...MESSAGING, ...NOTICES],
  analyst: ['self', 'agencies:read', ...READ_RECORDS, ...MESSAGING, 'notices:read'],
  reviewer: ['self', 'agencies:read', 'records:read', 'notices:read', 'notices:review'],
  'agency-admin': [
    'self',
    'agencies:read',
    'agencies:create',
    'users:read',
    'users:manage',
    'api-keys:manage',
    'audit:read',
    // An agency's admins set up its national systems: the API keys they create can only
    // carry permissions they hold — a border gateway's checks, the register's nightly
    // import, the messaging gateway.
    ...WRITE_RECORDS,
    ...MESSAGING,
    'messaging:manage',
    'urgent:manage',
    'notices:read',
  ],
  'network-admin': [
    'self',
    'agencies:read',
    'agencies:create',
    'agencies:manage',
    'users:read',
    'users:manage',
    'api-keys:manage',
    'audit:read',
    'urgent:read',
    'urgent:manage',
  ],
  auditor: ['self', 'agencies:read', 'users:read', 'audit:read'],
  // Partners see only what owners mark for them, and contribute threat data — a feed's
  // files too.
  partner: ['self', ...WRITE_RECORDS],
  // A partner's own administrator: its people and the keys its feeds and checks run with.
  // Nothing of the network's (agencies, messaging, notices); no audit log, whose entries
  // name the officers who searched — partners learn which member did, not who.
  'partner-admin': ['self', 'users:read', 'users:manage', 'api-keys:manage', ...WRITE_RECORDS],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role]) result.add(permission);
  return result;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
