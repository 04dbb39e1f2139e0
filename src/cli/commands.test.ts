import { describe, expect, it } from 'vitest';
import { isRole, ROLES } from '../access/permissions.ts';
import { list } from './commands.ts';

describe('comma-separated options', () => {
  it('takes known values and names the known ones when one is not', () => {
    const roles = list(isRole, 'role', ROLES);
    expect(roles('officer, analyst')).toEqual(['officer', 'analyst']);
    expect(() => roles('officer,officerx')).toThrow(
      'unknown role: officerx (roles: officer, supervisor, analyst, reviewer, agency-admin',
    );
  });
});
