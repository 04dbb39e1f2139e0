import ipaddr from 'ipaddr.js';
import { refang } from './refang.ts';
import { fail, type NormaliseResult, ok } from './types.ts';

/**
 * Dotted-decimal IPv4, read strictly as decimal. Logs often zero-pad octets ("010.001.002.003"),
 * which some parsers read as octal; here a leading zero is padding, as the people who wrote it
 * meant, so it is the same address as 10.1.2.3.
 */
function parseIPv4(text: string): ipaddr.IPv4 | undefined {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!parts) return undefined;
  const octets = parts.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return new ipaddr.IPv4(octets);
}

/**
 * Rewrites a dotted quad at the end of an IPv6 address as two hex groups ("::ffff:1.2.3.4" →
 * "::ffff:102:304"). ipaddr.js would read the deprecated IPv4-compatible form "::1.2.3.4" as the
 * IPv4-mapped "::ffff:1.2.3.4"; RFC 4291 says it is "::102:304", a different address.
 */
function embeddedIPv4AsHex(text: string): string | undefined {
  const embedded = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (!embedded) return text;
  const v4 = parseIPv4(embedded[2]!);
  if (!v4) return undefined;
  const [a, b, c, d] = v4.octets as [number, number, number, number];
  return `${embedded[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const v4 = parseIPv4(text);
  if (v4) return v4;
  if (!text.includes(':')) return undefined;
  const hexOnly = embeddedIPv4AsHex(text);
  if (hexOnly === undefined || !ipaddr.IPv6.isValid(hexOnly)) return undefined;
  const v6 = ipaddr.IPv6.parse(hexOnly);
  // ::ffff:1.2.3.4 is how dual-stack software writes the IPv4 address 1.2.3.4.
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** RFC 5952 for IPv6 (lower case, longest run of zero groups shortened); dotted decimal for IPv4. */
function canonical(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/**
 * IPv4 and IPv6 addresses and CIDR ranges.
 * - Canonical text: IPv6 per RFC 5952, IPv4-mapped IPv6 as plain IPv4, IPv4 without padding.
 * - Brackets ([2001:db8::1]) and a zone index (fe80::1%eth0, meaningful only on one host) are
 *   dropped; defanged forms (10[.]0[.]0[.]1) are refanged.
 * - A range is keyed by its network address and prefix: 10.1.2.3/8 is 10.0.0.0/8 (with a
 *   warning that host bits were cleared); a /32 (IPv4) or /128 (IPv6) range is the address itself.
 */
export function normaliseIp(value: string): NormaliseResult {
  const warnings: string[] = [];
  let text = refang(value).replace(/^\[(.*)\]$/, '$1');
  const slash = text.indexOf('/');
  let prefixText: string | undefined;
  if (slash >= 0) {
    prefixText = text.slice(slash + 1);
    text = text.slice(0, slash);
  }
  const zone = text.indexOf('%');
  if (zone >= 0) {
    warnings.push(`zone index ${text.slice(zone)} dropped: it only means something on one host`);
    text = text.slice(0, zone);
  }
  let address = parseAddress(text);
  if (!address) return fail(`not a valid IP address: ${value.trim()}`);
  if (prefixText === undefined) return ok({ scheme: 'ip', value: canonical(address) }, warnings);

  if (!/^\d{1,3}$/.test(prefixText)) return fail(`not a valid CIDR prefix length: /${prefixText}`);
  let prefix = Number(prefixText);
  const wasMapped = address.kind() === 'ipv4' && text.includes(':');
  // A range written in IPv4-mapped form (::ffff:10.0.0.0/104) is the IPv4 range 10.0.0.0/8.
  if (wasMapped) {
    if (prefix < 96) return fail('not a valid IPv4-mapped range: the prefix must be at least /96');
    prefix -= 96;
  }
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix > bits)
    return fail(`not a valid CIDR prefix length: /${prefixText} is longer than ${bits} bits`);
  if (prefix === bits) return ok({ scheme: 'ip', value: canonical(address) }, warnings);
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  if (canonical(network) !== canonical(address)) {
    warnings.push(
      `host bits cleared: ${canonical(address)}/${prefix} is the range ${canonical(network)}/${prefix}`,
    );
    address = network;
  }
  return ok({ scheme: 'ip', value: `${canonical(address)}/${prefix}` }, warnings);
}
