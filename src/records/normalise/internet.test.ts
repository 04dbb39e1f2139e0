import { describe, expect, it } from 'vitest';
import { normaliseDomain, normaliseEmail, normaliseUrl } from './internet.ts';

function key(result: ReturnType<typeof normaliseDomain>) {
  return result.ok ? result.identifiers[0]!.value : `error: ${result.error}`;
}

describe('domains', () => {
  it('gives one key for the Unicode and punycode forms of an IDN', () => {
    for (const spelling of ['bücher.de', 'BÜCHER.DE', 'xn--bcher-kva.de', 'XN--BCHER-KVA.DE', 'bücher.de.']) {
      expect(key(normaliseDomain(spelling))).toBe('xn--bcher-kva.de');
    }
    expect(key(normaliseDomain('пример.рф'))).toBe('xn--e1afmkfd.xn--p1ai');
    expect(key(normaliseDomain('例え。テスト'))).toBe(key(normaliseDomain('例え.テスト'))); // ideographic full stop
  });

  it('lower-cases, strips the root dot and refangs', () => {
    expect(key(normaliseDomain('Example.COM.'))).toBe('example.com');
    expect(key(normaliseDomain('evil[.]example[.]com'))).toBe('evil.example.com');
    expect(key(normaliseDomain('_dmarc.example.com'))).toBe('_dmarc.example.com');
  });

  it('rejects invalid host names', () => {
    for (const bad of [
      '-bad.com',
      'bad-.com',
      'a..b',
      'ex ample.com',
      'xn--zz.com',
      'com',
      '',
      'http://example.com',
      'a@b.com',
      'example.com:80',
      `${'a'.repeat(64)}.com`,
      'exa*mple.com',
    ]) {
      expect(key(normaliseDomain(bad))).toMatch(/^error/);
    }
    expect(key(normaliseDomain(`${'a.'.repeat(127)}com`))).toMatch(/^error: .*253/);
  });

  it('sends IP addresses to the ip scheme', () => {
    expect(key(normaliseDomain('1.2.3.4'))).toMatch(/^error: .*IP address/);
  });
});

describe('URLs', () => {
  it('lower-cases scheme and host, punycodes the host, drops default port and fragment', () => {
    expect(key(normaliseUrl('HTTP://Bücher.DE:80/Path?q=1#top'))).toBe('http://xn--bcher-kva.de/Path?q=1');
    expect(key(normaliseUrl('https://example.com:443'))).toBe('https://example.com/');
    expect(key(normaliseUrl('https://example.com:8443/'))).toBe('https://example.com:8443/');
  });

  it('normalises percent-encoding (RFC 3986 §6.2.2) and dot segments', () => {
    expect(key(normaliseUrl('http://example.com/%7euser/a/../b%2fc?x=%7e&y=%c3%a9'))).toBe(
      'http://example.com/~user/b%2Fc?x=~&y=%C3%A9',
    );
    expect(key(normaliseUrl('http://example.com/~user/b%2Fc?x=~&y=%C3%A9'))).toBe(
      'http://example.com/~user/b%2Fc?x=~&y=%C3%A9',
    );
    expect(key(normaliseUrl('http://example.com/ä'))).toBe('http://example.com/%C3%A4');
  });

  it('keeps the query but drops an empty one', () => {
    expect(key(normaliseUrl('http://example.com/login?id=42'))).toBe('http://example.com/login?id=42');
    expect(key(normaliseUrl('http://example.com/login?'))).toBe('http://example.com/login');
    expect(key(normaliseUrl('http://example.com/login?id=42'))).not.toBe(
      key(normaliseUrl('http://example.com/login?id=43')),
    );
  });

  it('refangs and canonicalises numeric and IPv6 hosts', () => {
    expect(key(normaliseUrl('hxxps://evil[.]example[.]com/x'))).toBe('https://evil.example.com/x');
    expect(key(normaliseUrl('http://0x7f.1/'))).toBe('http://127.0.0.1/');
    expect(key(normaliseUrl('http://[2001:DB8:0::1]:8080/'))).toBe('http://[2001:db8::1]:8080/');
  });

  it('keeps http and https apart', () => {
    expect(key(normaliseUrl('http://example.com/'))).not.toBe(key(normaliseUrl('https://example.com/')));
  });

  it('requires a scheme, a supported one, and a host', () => {
    expect(key(normaliseUrl('example.com/login'))).toMatch(/^error: .*http:\/\//);
    expect(key(normaliseUrl('javascript:alert(1)'))).toMatch(/^error: not a supported URL scheme/);
    expect(key(normaliseUrl('mailto:a@example.com'))).toMatch(/^error/);
    expect(key(normaliseUrl('http://'))).toMatch(/^error/);
    expect(key(normaliseUrl('http://exa mple.com/'))).toMatch(/^error/);
  });
});

describe('e-mail addresses', () => {
  it('lower-cases the local part and punycodes the domain', () => {
    for (const spelling of [
      'John.Doe@Bücher.DE',
      'john.doe@xn--bcher-kva.de',
      'mailto:JOHN.DOE@bücher.de',
      '<john.doe@bücher.de>',
      'john.doe[@]bücher[.]de',
    ]) {
      expect(key(normaliseEmail(spelling))).toBe('john.doe@xn--bcher-kva.de');
    }
  });

  it('does not apply provider rules (dots, +tags)', () => {
    expect(key(normaliseEmail('john.doe+x@gmail.com'))).toBe('john.doe+x@gmail.com');
    expect(key(normaliseEmail('johndoe@gmail.com'))).not.toBe(key(normaliseEmail('john.doe@gmail.com')));
  });

  it('accepts Unicode local parts, normalised to NFC', () => {
    expect(key(normaliseEmail('Jose\u0301@example.com'))).toBe('josé@example.com');
  });

  it('rejects addresses without local part, @ or a valid domain', () => {
    for (const bad of [
      'nope',
      '@example.com',
      'john@',
      'john doe@example.com',
      'john@-bad.com',
      'john@localhost',
      `${'a'.repeat(65)}@example.com`,
      'a@b@example.com',
    ]) {
      expect(key(normaliseEmail(bad))).toMatch(/^error/);
    }
  });
});
