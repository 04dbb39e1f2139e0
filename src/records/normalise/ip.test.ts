import { describe, expect, it } from 'vitest';
import { normaliseIp } from './ip.ts';

function key(value: string) {
  const result = normaliseIp(value);
  return result.ok ? result.identifiers[0]!.value : `error: ${result.error}`;
}

describe('IP addresses', () => {
  it('writes IPv6 per RFC 5952: lower case, longest zero run shortened, no leading zeros', () => {
    expect(key('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(key('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // first of two equal runs
    expect(key('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // a single zero group is not shortened
    expect(key('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(key('::')).toBe('::');
  });

  it('gives one key for every spelling of one IPv6 address', () => {
    for (const spelling of [
      '2001:DB8::1',
      '2001:db8:0::1',
      '[2001:db8::1]',
      '2001:0db8:0000::0001',
      ' 2001:db8::1 ',
    ]) {
      expect(key(spelling)).toBe('2001:db8::1');
    }
  });

  it('writes IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(key('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(key('::FFFF:0102:0304')).toBe('1.2.3.4');
    expect(key('::ffff:001.002.003.004')).toBe('1.2.3.4');
  });

  it('keeps the deprecated IPv4-compatible form (::1.2.3.4) as the IPv6 address it is (RFC 4291)', () => {
    expect(key('::1.2.3.4')).toBe('::102:304');
    expect(key('::0.0.0.0/0')).toBe('::/0');
    expect(key('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221'); // NAT64
    expect(key('::ffff:1.2.3.256')).toMatch(/^error/);
  });

  it('reads zero-padded IPv4 octets as decimal, not octal', () => {
    expect(key('010.001.002.003')).toBe('10.1.2.3');
    expect(key('192.168.001.010')).toBe('192.168.1.10');
  });

  it('refangs defanged addresses', () => {
    expect(key('10[.]0[.]0[.]1')).toBe('10.0.0.1');
    expect(key('2001[:]db8[:][:]1')).toBe('2001:db8::1');
  });

  it('drops a zone index, with a warning', () => {
    const result = normaliseIp('fe80::1%eth0');
    expect(result).toMatchObject({ ok: true, identifiers: [{ value: 'fe80::1' }] });
    expect(result.ok && result.warnings[0]).toMatch(/zone index/);
  });

  it('rejects what is not an address', () => {
    for (const bad of [
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.-4',
      'example.com',
      '2001:db8::1::2',
      'gggg::1',
      '',
      '0x7f.0.0.1',
    ]) {
      expect(key(bad)).toMatch(/^error/);
    }
  });
});

describe('CIDR ranges', () => {
  it('keys a range by its network address, warning when host bits were set', () => {
    const result = normaliseIp('10.1.2.3/8');
    expect(result).toMatchObject({ ok: true, identifiers: [{ scheme: 'ip', value: '10.0.0.0/8' }] });
    expect(result.ok && result.warnings[0]).toMatch(/host bits cleared/);
    expect(normaliseIp('10.0.0.0/8')).toEqual({
      ok: true,
      identifiers: [{ scheme: 'ip', value: '10.0.0.0/8' }],
      warnings: [],
    });
    expect(key('2001:DB8::1/32')).toBe('2001:db8::/32');
    expect(key('0.0.0.0/0')).toBe('0.0.0.0/0');
  });

  it('treats a single-address range as the address', () => {
    expect(key('1.2.3.4/32')).toBe('1.2.3.4');
    expect(key('2001:db8::1/128')).toBe('2001:db8::1');
  });

  it('converts IPv4-mapped ranges to IPv4 ranges', () => {
    expect(key('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
    expect(key('::ffff:10.0.0.0/64')).toMatch(/^error/);
  });

  it('rejects prefixes longer than the address or not numeric', () => {
    expect(key('10.0.0.0/33')).toMatch(/^error/);
    expect(key('2001:db8::/129')).toMatch(/^error/);
    expect(key('10.0.0.0/x')).toMatch(/^error/);
    expect(key('10.0.0.0/')).toMatch(/^error/);
  });
});
