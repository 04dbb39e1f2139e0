import { describe, expect, it } from 'vitest';
import { refang } from './refang.ts';

describe('refang', () => {
  it('undoes the usual defanging notations', () => {
    expect(refang('hxxp://evil[.]com')).toBe('http://evil.com');
    expect(refang('HXXPS[://]evil(.)com')).toBe('https://evil.com');
    expect(refang('evil[dot]com')).toBe('evil.com');
    expect(refang('user[@]evil{.}com')).toBe('user@evil.com');
    expect(refang('user(at)evil.com')).toBe('user@evil.com');
    expect(refang('fxp://files[.]evil[.]com')).toBe('ftp://files.evil.com');
    expect(refang('10[.]0[.]0[.]1')).toBe('10.0.0.1');
  });

  it('leaves live indicators alone', () => {
    expect(refang('  https://example.com/a?b=c ')).toBe('https://example.com/a?b=c');
    expect(refang('[2001:db8::1]')).toBe('[2001:db8::1]');
    expect(refang('hxxpexample.com')).toBe('hxxpexample.com');
  });
});
