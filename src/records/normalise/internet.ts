import { domainToASCII } from 'node:url';
import { refang } from './refang.ts';
import { fail, type NormaliseResult, ok } from './types.ts';

/** A DNS label after IDNA: letters, digits, hyphens inside, and underscores (used in real names such as _dmarc). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

type DomainCheck = { ok: true; domain: string } | { ok: false; error: string };

/**
 * A domain name in its ASCII (punycode) form, lower case, without the trailing root dot.
 * Unicode and punycode spellings (bücher.de, xn--bcher-kva.de) give the same result because
 * `domainToASCII` applies UTS #46 mapping (case folding, full-width dots, ß) like browsers do.
 */
export function asciiDomain(value: string): DomainCheck {
  const text = refang(value).trim();
  if (text.length === 0) return { ok: false, error: 'a domain name is required' };
  if (/[\s/@:?#]/.test(text)) {
    return {
      ok: false,
      error: `not a valid domain name: ${text} (a URL, e-mail address or host:port is not a domain)`,
    };
  }
  const ascii = domainToASCII(text).replace(/\.$/, '');
  if (ascii.length === 0) return { ok: false, error: `not a valid domain name: ${text}` };
  if (/^[\d.]+$/.test(ascii)) return { ok: false, error: `${text} is an IP address, not a domain name` };
  const labels = ascii.split('.');
  if (labels.length < 2)
    return { ok: false, error: `not a valid domain name: ${text} has no top-level domain` };
  if (ascii.length > 253) return { ok: false, error: 'not a valid domain name: longer than 253 characters' };
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined)
    return { ok: false, error: `not a valid domain name: the label "${bad}" is not allowed` };
  return { ok: true, domain: ascii };
}

/**
 * Domain names: IDN in punycode, lower case, no trailing dot, defanged forms (evil[.]com)
 * refanged. Invalid host names are rejected.
 */
export function normaliseDomain(value: string): NormaliseResult {
  const checked = asciiDomain(value);
  if (!checked.ok) return fail(checked.error);
  return ok({ scheme: 'domain', value: checked.domain });
}

/** RFC 3986 §2.3: characters that mean the same percent-encoded or not. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes percent-encoded unreserved characters and upper-cases the hex of the others (RFC 3986 §6.2.2). */
function normalisePercentEncoding(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hexDigits: string) => {
    const char = String.fromCharCode(Number.parseInt(hexDigits, 16));
    return UNRESERVED.test(char) ? char : `%${hexDigits.toUpperCase()}`;
  });
}

/** Schemes whose URLs the WHATWG parser fully normalises (host, port, path). */
const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);

/**
 * URLs in canonical form, by the WHATWG URL parser that browsers use:
 * - scheme and host lower case, IDN host in punycode, numeric IPv4 hosts in dotted decimal,
 *   default port removed, dot segments resolved;
 * - percent-encoding normalised (unreserved characters decoded, hex upper case) in path and query;
 * - the fragment dropped (it never reaches the server), an empty query ("?") dropped;
 * - the query kept: it often identifies the phishing page or the payload.
 * The scheme is required: http and https URLs are different indicators.
 */
export function normaliseUrl(value: string): NormaliseResult {
  const text = refang(value).trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text))
    return fail('not a valid URL: give the full URL, starting with http:// or https://');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`not a valid URL: ${text}`);
  }
  if (!URL_SCHEMES.has(url.protocol))
    return fail(`not a supported URL scheme: ${url.protocol} (http, https, ftp, ws, wss)`);
  if (url.hostname.length === 0) return fail('not a valid URL: it has no host');
  url.hash = '';
  url.pathname = normalisePercentEncoding(url.pathname);
  url.search = url.search.length <= 1 ? '' : normalisePercentEncoding(url.search);
  return ok({ scheme: 'url', value: url.href });
}

/**
 * E-mail addresses.
 * - The domain as for domains: punycode, lower case.
 * - The local part is lower-cased too. RFC 5321 allows a server to treat it case-sensitively,
 *   but practically no mail provider does, and criminals' addresses are retyped from
 *   screenshots in whatever case; a missed hit costs more than a rare false one, which a
 *   person checks anyway. Provider-specific rules (Gmail ignoring dots and +tags) are NOT
 *   applied: they are wrong for every other provider.
 * - "mailto:" and angle brackets are dropped; defanged forms (user[@]example[.]com) refanged.
 */
export function normaliseEmail(value: string): NormaliseResult {
  const text = refang(value)
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1)
    return fail('not a valid e-mail address: it needs a local part, @ and a domain');
  const local = text.slice(0, at).normalize('NFC').toLowerCase();
  // An @ in the local part only inside quotes ("a@b"@example.org); a@b@example.org is a typo.
  if (/\s/.test(local) || local.length > 64 || (local.includes('@') && !/^".*"$/.test(local)))
    return fail('not a valid e-mail address: the part before @ is not valid');
  const domain = asciiDomain(text.slice(at + 1));
  if (!domain.ok) return fail(`not a valid e-mail address: ${domain.error}`);
  return ok({ scheme: 'email', value: `${local}@${domain.domain}` });
}
