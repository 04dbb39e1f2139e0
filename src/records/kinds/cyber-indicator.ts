import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.ts';
import { activityFields, displayKey, Findings, keysOf } from './common.ts';
import type { RecordKind } from './types.ts';

export const INDICATOR_TYPES = ['ip', 'domain', 'url', 'email', 'phone', 'hash'] as const;

export const CyberIndicatorData = Type.Object(
  {
    type: StringEnum(INDICATOR_TYPES, {
      description:
        'ip (IPv4/IPv6 address or CIDR range), domain, url, email, phone or hash (MD5, SHA-1, SHA-256, SHA-512)',
    }),
    value: Type.String({
      minLength: 1,
      maxLength: 2048,
      description:
        'The indicator; defanged forms (hxxp://evil[.]com) are accepted. Phone numbers in international format (+…); hashes as hex, optionally prefixed by their type ("sha256:…")',
    }),
    ...activityFields('What the indicator is and how it was used'),
  },
  {
    additionalProperties: false,
    title: 'RecordDataCyberIndicator',
    description: 'An indicator of compromise or of criminal infrastructure',
  },
);
export type CyberIndicatorData = Static<typeof CyberIndicatorData>;

/**
 * The widest ranges a record may hold. A record is a claim about infrastructure; a /0 or a /4
 * is a claim about everyone, and would make its owner a hit (and a hit notification) on every
 * address anyone checks — a way to watch the network's searches.
 */
const WIDEST_PREFIX = { v4: 8, v6: 32 } as const;

function rangeTooWide(key: string): string | null {
  const [address, prefix] = key.split('/');
  if (prefix === undefined) return null;
  const widest = address!.includes(':') ? WIDEST_PREFIX.v6 : WIDEST_PREFIX.v4;
  return Number(prefix) < widest
    ? `a range wider than /${widest} is not an indicator (it holds everyone's addresses): give the range the infrastructure uses`
    : null;
}

const TYPE_LABELS: Record<CyberIndicatorData['type'], string> = {
  ip: 'IP address',
  domain: 'Domain',
  url: 'URL',
  email: 'E-mail address',
  phone: 'Phone number',
  hash: 'File hash',
};

export const cyberIndicator: RecordKind<CyberIndicatorData> = {
  kind: 'cyber-indicator',
  title: 'Cyber indicator',
  schema: CyberIndicatorData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    findings.identifier('/value', data.type, data.value);
    if (data.type === 'ip') {
      const tooWide = rangeTooWide(displayKey('ip', data.value));
      if (tooWide) findings.error('/value', tooWide);
    }
    findings.activity(data);
    return findings.result();
  },

  identifiers(data) {
    return keysOf(data.type, data.value);
  },

  summary(data) {
    const key = displayKey(data.type, data.value);
    if (data.type === 'ip' && key.includes('/')) return `IP range ${key}`;
    if (data.type === 'hash') {
      const [algorithm, hex] = key.includes(':') ? key.split(':') : ['', key];
      return `File hash ${hex} (${algorithm?.toUpperCase().replace(/^SHA/, 'SHA-')})`;
    }
    return `${TYPE_LABELS[data.type]} ${key}`;
  },
};
