import { describe, expect, it } from 'vitest';
import { type CyberIndicatorData, cyberIndicator } from './cyber-indicator.ts';
import { check, errorFields, schemaProblems } from './test-support.ts';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('cyber indicator', () => {
  it('accepts every indicator type and gives its search key', () => {
    const cases: [CyberIndicatorData['type'], string, string][] = [
      ['ip', '2001:DB8::1', '2001:db8::1'],
      ['ip', '10.1.2.3/8', '10.0.0.0/8'],
      ['domain', 'Bücher.de', 'xn--bcher-kva.de'],
      ['url', 'hxxps://evil[.]example[.]com/login?id=1#x', 'https://evil.example.com/login?id=1'],
      ['email', 'Boss@Example.COM', 'boss@example.com'],
      ['phone', '+33 1 23 45 67 89', '+33123456789'],
      ['hash', SHA256.toUpperCase(), `sha256:${SHA256}`],
    ];
    for (const [type, value, key] of cases) {
      const data = { type, value };
      expect(check(cyberIndicator, data).errors).toEqual([]);
      expect(cyberIndicator.identifiers(data)).toEqual([{ scheme: type, value: key }]);
    }
  });

  it('refuses ranges that hold everyone (wider than /8, or /32 in IPv6)', () => {
    for (const value of ['0.0.0.0/0', '128.0.0.0/1', '10.0.0.0/7', '::/0', '2000::/3', '2001:db8::/31']) {
      expect(check(cyberIndicator, { type: 'ip', value }).errors, value).toEqual([
        { field: '/value', message: expect.stringMatching(/wider than/) },
      ]);
    }
    for (const value of ['10.0.0.0/8', '198.51.100.0/24', '2001:db8::/32', '2001:db8::/48'])
      expect(check(cyberIndicator, { type: 'ip', value }).errors, value).toEqual([]);
  });

  it('passes the normaliser’s warnings on', () => {
    expect(check(cyberIndicator, { type: 'ip', value: '10.1.2.3/8' }).warnings).toEqual([
      { field: '/value', message: expect.stringMatching(/host bits cleared/) },
    ]);
  });

  it('summarises type and key', () => {
    expect(cyberIndicator.summary({ type: 'ip', value: '10.1.2.3/8' })).toBe('IP range 10.0.0.0/8');
    expect(cyberIndicator.summary({ type: 'ip', value: '10.1.2.3' })).toBe('IP address 10.1.2.3');
    expect(cyberIndicator.summary({ type: 'domain', value: 'evil[.]com' })).toBe('Domain evil.com');
    expect(cyberIndicator.summary({ type: 'hash', value: SHA256 })).toBe(`File hash ${SHA256} (SHA-256)`);
    expect(cyberIndicator.summary({ type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e' })).toBe(
      'File hash d41d8cd98f00b204e9800998ecf8427e (MD5)',
    );
  });

  it('rejects values that are not of their type', () => {
    expect(errorFields(cyberIndicator, { type: 'ip', value: 'example.com' })).toEqual(['/value']);
    expect(errorFields(cyberIndicator, { type: 'domain', value: '1.2.3.4' })).toEqual(['/value']);
    expect(errorFields(cyberIndicator, { type: 'url', value: 'example.com' })).toEqual(['/value']);
    expect(errorFields(cyberIndicator, { type: 'email', value: 'nobody' })).toEqual(['/value']);
    expect(errorFields(cyberIndicator, { type: 'phone', value: '01 23 45 67 89' })).toEqual(['/value']);
    expect(errorFields(cyberIndicator, { type: 'hash', value: 'abc' })).toEqual(['/value']);
    expect(schemaProblems(cyberIndicator, { type: 'asn', value: 'AS1' })).not.toEqual([]);
  });

  it('checks first and last seen', () => {
    const base = { type: 'domain', value: 'evil.com' };
    expect(
      errorFields(cyberIndicator, { ...base, firstSeen: '2024-01-01', lastSeen: '2024-03-01T12:00:00Z' }),
    ).toEqual([]);
    expect(errorFields(cyberIndicator, { ...base, firstSeen: '2024-03-01T12:00:00+02:00' })).toEqual([]);
    expect(errorFields(cyberIndicator, { ...base, firstSeen: '2024-03-01', lastSeen: '2024-01-01' })).toEqual(
      ['/lastSeen'],
    );
    expect(errorFields(cyberIndicator, { ...base, firstSeen: '2024-02-30' })).toEqual(['/firstSeen']);
    expect(errorFields(cyberIndicator, { ...base, lastSeen: '2024-01-01T25:00:00Z' })).toEqual(['/lastSeen']);
    expect(schemaProblems(cyberIndicator, { ...base, firstSeen: 'yesterday' })).not.toEqual([]);
    expect(schemaProblems(cyberIndicator, { ...base, tlp: 'RED' })).not.toEqual([]);
  });

  it('reviews indicators after five years', () => {
    expect(cyberIndicator.defaultReviewYears).toBe(5);
  });
});
