import { describe, expect, it } from 'vitest';
import { actsAsReviewer, type NoticeView } from './notices.ts';
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
