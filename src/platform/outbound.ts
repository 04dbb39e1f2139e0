import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Config } from './config.ts';

/**
 * Where the server may connect on a member's behalf (webhooks to national systems).
 *
 * A member's administrator chooses a webhook's URL, and the server connects to it from inside
 * the operator's network: left open, that is a way into the operator's own services (the
 * database, an admin port on localhost, a cloud metadata endpoint at 169.254.169.254). So
 * the server connects only to public unicast addresses, and to the networks the operator
 * lists in CONCORD_WEBHOOK_NETWORKS (a national system reached over a private link or VPN,
 * an adapter on this machine). The check is made on the address actually connected to,
 * after name resolution, so a name that resolves elsewhere by the time of delivery (DNS
 * rebinding) is caught as well as one registered with a private address.
 */

/** What ipaddr.js calls each non-public range, in words an administrator understands. */
const RANGE_WORDS: Record<string, string> = {
  private: 'a private network address',
  loopback: 'a loopback address (this machine)',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a private network address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  unspecified: 'the unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
};

export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

export class OutboundPolicy {
  private readonly allowed: NetworkList;

  /** `networks`: CIDRs (or single addresses) the operator allows besides public addresses. */
  constructor(networks: readonly string[] = []) {
    this.allowed = new NetworkList(networks);
  }

  /** null when the server may connect to this address, else why not (without the address). */
  refusal(address: string): string | null {
    const parsed = plainAddress(address);
    if (!parsed) return 'is not an IP address';
    if (this.allowed.has(parsed)) return null;
    const range = parsed.range();
    // ::a.b.c.d (IPv4-compatible, deprecated): ipaddr.js calls it unicast, and a host that
    // still routes it reaches the IPv4 address — ::7f00:1 is 127.0.0.1.
    const ipv4Compatible =
      parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0);
    if (range === 'unicast' && ipv4Compatible) return 'is an IPv4-compatible address, not a public one';
    if (range === 'unicast') return null;
    // Everything else — documentation, benchmarking, 6to4, NAT64, Teredo and other reserved
    // or translated ranges — may lead somewhere private.
    return `is ${RANGE_WORDS[range] ?? 'a reserved or translated address'}, not a public one`;
  }

  /** `net` lookup function that resolves as usual and refuses any name with a forbidden address. */
  readonly lookup = (
    hostname: string,
    options: dns.LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | dns.LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // As at registration, not which range: the delivery error reaches the member's admin.
      if (addresses.some((a) => this.refusal(a.address) !== null))
        return callback(
          new OutboundRefused(
            `${hostname} resolves to an address that is not a public one`,
          ) as NodeJS.ErrnoException,
          [],
        );
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(new OutboundRefused(`${hostname} has no address`) as NodeJS.ErrnoException, []);
      callback(null, first.address, first.family);
    });
  };

  /**
   * Why a URL's host may not be connected to, judged now: an address written in the URL, or
   * the addresses its name resolves to. A name that does not resolve yet is not refused (its
   * DNS may be set up later); every delivery judges it again.
   */
  async hostRefusal(url: URL): Promise<string | null> {
    const host = literalHost(url);
    if (net.isIP(host)) {
      const refused = this.refusal(host);
      return refused ? `${host} ${refused}` : null;
    }
    const addresses = await dns.promises.lookup(host, { all: true }).catch(() => []);
    const refused = addresses.some((a) => this.refusal(a.address) !== null);
    // Not which range: that would map the operator's internal names for a member's admin.
    return refused ? `${host} resolves to an address that is not a public one` : null;
  }

  /**
   * POSTs `body` and answers the response's status, connecting only where the policy allows
   * (OutboundRefused otherwise). Redirects are not followed: a 3xx is the answer. The
   * response's body is not read.
   */
  async post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    const host = literalHost(url);
    if (net.isIP(host)) {
      const refused = this.refusal(host);
      if (refused) throw new OutboundRefused(`${host} ${refused}`);
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: this.lookup as net.LookupFunction,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.destroy();
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** The address, an IPv4-mapped IPv6 one (::ffff:10.0.0.1) as the IPv4 address it reaches; null if none. */
function plainAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/** Networks an operator lists (CIDRs or single addresses), asked whether they hold an address. */
export class NetworkList {
  private readonly list = new net.BlockList();

  constructor(networks: readonly string[]) {
    for (const network of networks) {
      const [address, prefix] = parseNetwork(network);
      this.list.addSubnet(address.toString(), prefix, address.kind());
    }
  }

  has(address: string | ipaddr.IPv4 | ipaddr.IPv6): boolean {
    const parsed = typeof address === 'string' ? plainAddress(address) : address;
    return parsed !== null && this.list.check(parsed.toString(), parsed.kind());
  }
}

/** "10.20.0.0/16", "fd00::/8" or a single address; throws a readable Error otherwise. */
export function parseNetwork(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const trimmed = text.trim();
  if (ipaddr.isValid(trimmed)) {
    const address = ipaddr.parse(trimmed);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  try {
    return ipaddr.parseCIDR(trimmed);
  } catch {
    throw new Error(`"${trimmed}" is not a network (10.20.0.0/16, fd00::/8) nor an address`);
  }
}

/** The URL's host as an address when it is one: "[::1]" → "::1". */
function literalHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

const policies = new WeakMap<Config, OutboundPolicy>();

/** The policy of a configuration (one per configuration object). */
export function outboundPolicy(config: Config): OutboundPolicy {
  let policy = policies.get(config);
  if (!policy) {
    policy = new OutboundPolicy(config.webhookNetworks);
    policies.set(config, policy);
  }
  return policy;
}
