import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password policy (NIST SP 800-63B)', () => {
  it.each([
    ['short', /at least 12/],
    ['password1234', /common|attackers/],
    ['iloveyou1234', /common/],
    ['1234567890123', /common|sequence/],
    ['qwertyuiopas', /common|sequence|attackers/],
    ['zzzzzzzzzzzz', /repetition/],
    ['abababababab', /repetition/],
    ['abcdefghijklm', /sequence/],
    ['Concord2026!!', /common|attackers/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('ke.officer-secret', { username: 'ke.officer' })).toMatch(/username/);
  });

  it('accepts long passphrases without composition rules', () => {
    for (const ok of [
      'correct horse battery staple',
      'tranquil-otter-at-dawn',
      'مرحبا بالعالم السري',
      'Žluťoučký kůň 2026',
    ]) {
      expect(passwordProblem(ok), ok).toBeNull();
    }
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('我的密码是一个很长的句子')).toBeNull();
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
