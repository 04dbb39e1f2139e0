import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.ts';
import { displayKey, Findings, keysOf, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const INDICATOR_TYPES = ['ip', 'domain', 'url', 'email', 'phone', 'hash'] as const;

/** A date or a date-time in ISO 8601; the calendar is checked in validate. */
const DATE_OR_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';

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
    description: Type.Optional(ShortText('What the indicator is and how it was used', 5000)),
    firstSeen: Type.Optional(
      Type.String({ pattern: DATE_OR_DATE_TIME, description: 'First seen: ISO 8601 date or date-time' }),
    ),
    lastSeen: Type.Optional(
      Type.String({ pattern: DATE_OR_DATE_TIME, description: 'Last seen: ISO 8601 date or date-time' }),
    ),
  },
  {
    additionalProperties: false,
    title: 'RecordDataCyberIndicator',
    description: 'An indicator of compromise or of criminal infrastructure',
  },
);
export type CyberIndicatorData = Static<typeof CyberIndicatorData>;

/** Milliseconds since the epoch of a real date or date-time, or undefined ("2024-02-30" is not one). */
function instant(text: string): number | undefined {
  const [datePart] = text.split('T');
  const [year, month, day] = datePart!.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return undefined;
  const time = Date.parse(text.includes('T') ? text : `${text}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

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
    const first = data.firstSeen === undefined ? undefined : instant(data.firstSeen);
    const last = data.lastSeen === undefined ? undefined : instant(data.lastSeen);
    if (data.firstSeen !== undefined && first === undefined)
      findings.error('/firstSeen', `${data.firstSeen} is not a real date`);
    if (data.lastSeen !== undefined && last === undefined)
      findings.error('/lastSeen', `${data.lastSeen} is not a real date`);
    if (first !== undefined && last !== undefined && last < first)
      findings.error('/lastSeen', 'is before firstSeen');
    findings.notBlank('/description', data.description);
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
