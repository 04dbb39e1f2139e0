import { describe, expect, it } from 'vitest';
import { actsAsReviewer, learnsNoticeEnded, type NoticeView } from './notices.ts';
import type { Principal } from './principal.ts';
import { DEFAULT_POLICY } from './records.ts';

const secretariat = { code: 'SECRETARIAT', kind: 'secretariat', country: null, parentCode: null } as const;
const reviewer = (type: Principal['type'], id: string, madeBy?: string): Principal => ({
  type,
  id,
  ...(madeBy ? { madeBy } : {}),
  name: id,
  agency: secretariat,
  roles: [],
  permissions: new Set(['notices:review', 'notices:read']),
});
const notice = (createdBy: string): NoticeView => ({
  kind: 'notice',
  status: 'submitted',
  requester: { agency: 'SECRETARIAT', country: null, parent: null } as never,
  audience: DEFAULT_POLICY,
  createdBy,
});

describe('four eyes on notice review', () => {
  it('a reviewer does not review what they wrote, through a key they made either', () => {
    expect(actsAsReviewer(reviewer('user', 'u-author'), notice('u-author'))).toBe(false);
    expect(actsAsReviewer(reviewer('api-key', 'k-1', 'u-author'), notice('u-author'))).toBe(false);
    expect(actsAsReviewer(reviewer('user', 'u-other'), notice('u-author'))).toBe(true);
    expect(actsAsReviewer(reviewer('api-key', 'k-2', 'u-other'), notice('u-author'))).toBe(true);
    // A key no person made (the command line's) is nobody's second pair of eyes but its own.
    expect(actsAsReviewer(reviewer('api-key', 'k-3'), notice('u-author'))).toBe(true);
  });
});

describe('members asking for a notice no longer in force', () => {
  const member = (code: string, permissions: string[] = ['notices:read']): Principal => ({
    type: 'user',
    id: `u-${code}`,
    name: code,
    agency: { code, kind: 'bureau', country: code, parentCode: null },
    roles: [],
    permissions: new Set(permissions) as Principal['permissions'],
  });
  const ended = (status: string, audience = DEFAULT_POLICY, wasInForce = true): NoticeView => ({
    ...notice('u-author'),
    status,
    audience,
    wasInForce,
  });

  it('learn that it ended if it was theirs to read while in force, and nothing otherwise', () => {
    for (const status of ['suspended', 'cancelled', 'expired', 'withdrawn'])
      expect(learnsNoticeEnded(member('FR'), ended(status))).toBe(true);
    // Never in force (refused, withdrawn before circulation): nothing to learn.
    expect(learnsNoticeEnded(member('FR'), ended('cancelled', DEFAULT_POLICY, false))).toBe(false);
    expect(learnsNoticeEnded(member('FR'), ended('refused'))).toBe(false);
    // Left out of its audience: the same "not found" as ever.
    const withoutFr = { visibility: 'deny' as const, countries: ['FR'] };
    expect(learnsNoticeEnded(member('FR'), ended('cancelled', withoutFr))).toBe(false);
    expect(learnsNoticeEnded(member('BR'), ended('cancelled', withoutFr))).toBe(true);
    expect(learnsNoticeEnded(member('FR', ['records:read']), ended('cancelled'))).toBe(false);
  });
});
