import type { TFunction } from 'i18next';
import {
  CHAIN_LABELS,
  FIREARM_TYPES,
  INDICATOR_TYPES,
  PERSON_STATUSES,
  TRAVEL_DOCUMENT_STATUSES,
  TRAVEL_DOCUMENT_TYPES,
} from './options.ts';

/**
 * A record's one-line summary in the reader's language.
 *
 * The server writes each record's `summary` in English (src/records/kinds/*.ts, `summary(data)`)
 * and keeps it so: other systems read it. The web says the same line again from the record's
 * `kind` and `data`, with the words from the locale files (`recordSummary`, and the labels of
 * kinds, statuses, document and firearm types, indicator types). Data this module does not
 * understand (an unknown kind, a field missing or of another type) gives null: the caller
 * shows the server's summary.
 *
 * Identifiers are shown as the server shows them where that takes a line: upper case without
 * spaces, dashes and dots (documents, VINs, plates, serials, hulls, IBANs), IMO numbers
 * without "IMO", hashes in lower case with their algorithm, defanged domains refanged. The
 * server's normalisers do more, which is not repeated here: Cyrillic and Greek look-alike
 * letters folded to Latin and other scripts' digits to 0–9, a hull's country prefix dropped,
 * an IP range written as its network address (10.1.2.3/8 stays as typed, the server shows
 * 10.0.0.0/8), URLs and phone numbers in canonical form, a wallet URI's prefix dropped.
 * Those are shown as typed, trimmed.
 */

/** Text of the line, or a value (a name, an identifier) to isolate from the text around it. */
export type SummaryPart = string | { value: string; dir: 'ltr' | 'auto' };

/** What the web receives of a record: every record object the API answers has the three. */
export interface SummarisedRecord {
  kind: string;
  data: unknown;
  summary: string;
}

type Data = Record<string, unknown>;
type Parts = SummaryPart[];

const HASH_NAMES: Record<string, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
};
const HASH_BY_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

/** A name or free text (any script): isolated, its direction its own. */
const name = (value: string): Parts => [{ value, dir: 'auto' }];
/** An identifier or a code: isolated, left to right. */
const code = (value: string): Parts => [{ value, dir: 'ltr' }];

/** A field's text, trimmed, or undefined when absent, empty or not text. */
function text(data: Data, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** What the server's normalisers also remove: case, spaces, dashes (typographic ones too) and dots. */
const compact = (value: string) =>
  value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-.\u2010-\u2015\u2212]/g, '');

/** "[.]", "(dot)", "[@]", "hxxp": the defanged forms threat reports write (src/records/normalise/refang.ts). */
const refang = (value: string) =>
  value
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.')
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)|\{at\}/gi, '@')
    .replace(/^hxxp/i, 'http');

/** A label written to stand alone ("Pistol"), in the middle of a line ("pistol"). */
const midSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/**
 * The translation of `key` with its placeholders filled by parts: each value is put in as a
 * marker that no translation contains, and the translated text is cut at the markers.
 */
function fill(t: TFunction, key: string, slots: Record<string, Parts>, options: Data = {}): Parts {
  const names = Object.keys(slots);
  const markers = Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`]));
  const translated = t(key, { ...options, ...markers }) as string;
  const out: Parts = [];
  translated.split(/\uE000(\d+)\uE001/).forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) out.push(piece);
    } else out.push(...(slots[names[Number(piece)]!] ?? []));
  });
  return out;
}

/** Parts of a sentence, without the missing ones, separated as the language does (", " or "، "). */
function list(t: TFunction, items: (Parts | undefined)[]): Parts {
  const present = items.filter((p): p is Parts => p !== undefined && p.length > 0);
  return present.flatMap((p, i) => (i === 0 ? p : [t('recordSummary.separator') as string, ...p]));
}

/** "Wanted: Анна Эрикссон (born 1974-08-12, SE/FI)". */
function person(data: Data, t: TFunction): Parts | null {
  const names = data.names;
  if (!Array.isArray(names)) return null;
  const first = names[0] as { full?: unknown } | undefined;
  const full = typeof first?.full === 'string' ? first.full.trim() : '';
  const status = data.status;
  if (status !== undefined && !PERSON_STATUSES.includes(String(status))) return null;
  // Words that agree with the person: "Recherchée", "née" for a woman in French.
  const context = data.sex === 'F' ? 'female' : undefined;
  const label = status
    ? (t(`options.personStatus.${String(status)}`, { context }) as string)
    : (t('recordKinds.person') as string);
  const born = text(data, 'dateOfBirth');
  const nationalities = Array.isArray(data.nationalities)
    ? data.nationalities.filter((n): n is string => typeof n === 'string')
    : [];
  const details = list(t, [
    born ? fill(t, 'recordSummary.born', { date: code(born) }, { context }) : undefined,
    nationalities.length ? code(nationalities.join('/')) : undefined,
  ]);
  const slots = { label: [label], name: name(full) };
  return details.length
    ? fill(t, 'recordSummary.personDetails', { ...slots, details })
    : fill(t, 'recordSummary.person', slots);
}

/** "Passport 19FF12345 (FR), stolen". */
function travelDocument(data: Data, t: TFunction): Parts | null {
  const number = text(data, 'number');
  const type = String(data.type);
  const status = String(data.status);
  const country = text(data, 'issuingCountry');
  if (
    !number ||
    !country ||
    !TRAVEL_DOCUMENT_TYPES.includes(type) ||
    !TRAVEL_DOCUMENT_STATUSES.includes(status)
  )
    return null;
  const label = type === 'other' ? t('recordKinds.travel-document') : t(`options.documentType.${type}`);
  // The status agrees with the document's name: "Carte d’identité … volée".
  const gender = t(`recordSummary.documentGender.${type}`);
  return fill(t, 'recordSummary.travelDocument', {
    type: [label as string],
    number: code(compact(number).replace(/</g, '')),
    country: code(country),
    status: [t(`recordSummary.documentStatus.${status}`, { context: gender || undefined }) as string],
  });
}

/** "Vehicle Toyota Hilux 2019, white, VIN 1M8GDM9AXKP042788, plate AB123CD (FR)". */
function vehicle(data: Data, t: TFunction): Parts | null {
  const vin = text(data, 'vin');
  if (!vin) return null;
  const year = typeof data.year === 'number' ? String(data.year) : undefined;
  const description = [text(data, 'make'), text(data, 'model'), year].filter(Boolean).join(' ');
  const plate = text(data, 'plate');
  const country = text(data, 'registrationCountry');
  const colour = text(data, 'colour');
  const plateValue = plate ? code(compact(plate).replace(/[·•/]/g, '')) : undefined;
  return list(t, [
    described(t, 'vehicle', description),
    colour ? name(colour) : undefined,
    fill(t, 'recordSummary.vin', { vin: code(compact(vin)) }),
    !plateValue
      ? undefined
      : country
        ? fill(t, 'recordSummary.plateCountry', { plate: plateValue, country: code(country) })
        : fill(t, 'recordSummary.plate', { plate: plateValue }),
  ]);
}

/** The kind's name, followed by what describes the thing: "Firearm Glock 17 (9×19mm)". */
function described(t: TFunction, kind: string, description: string): Parts {
  const label = t(`recordKinds.${kind}`) as string;
  return description
    ? fill(t, 'recordSummary.described', { kind: [label], description: name(description) })
    : [label];
}

/** 'Vessel "Ocean Pearl", IMO 9074729, hull ABC12345D404, flag PA'. */
function vessel(data: Data, t: TFunction): Parts | null {
  const imo = text(data, 'imo');
  const hull = text(data, 'hullId');
  if (!imo && !hull) return null;
  const vesselName = text(data, 'name');
  const flag = text(data, 'flag');
  const kind = t('recordKinds.vessel') as string;
  return list(t, [
    vesselName ? fill(t, 'recordSummary.named', { kind: [kind], name: name(vesselName) }) : [kind],
    imo
      ? fill(t, 'recordSummary.imo', { imo: code(compact(imo).replace(/^IMO(?:NO|NUMBER)?[:#]?/, '')) })
      : undefined,
    hull ? fill(t, 'recordSummary.hull', { hull: code(compact(hull)) }) : undefined,
    flag ? fill(t, 'recordSummary.flag', { flag: code(flag) }) : undefined,
  ]);
}

/** "Firearm Glock 17 (9×19mm), pistol, serial ABC00123". */
function firearm(data: Data, t: TFunction): Parts | null {
  const serial = text(data, 'serialNumber');
  const make = text(data, 'make');
  const type = data.type === undefined ? undefined : String(data.type);
  if (!serial || !make || (type !== undefined && !FIREARM_TYPES.includes(type))) return null;
  const calibre = text(data, 'calibre');
  const description = [make, text(data, 'model'), calibre && `(${calibre})`].filter(Boolean).join(' ');
  return list(t, [
    described(t, 'firearm', description),
    type ? [midSentence(t(`options.firearmType.${type}`) as string)] : undefined,
    fill(t, 'recordSummary.serial', { serial: code(compact(serial).replace(/\//g, '')) }),
  ]);
}

/** 'Mask "Queen Mother Pendant Mask" by Court of Benin'. */
function workOfArt(data: Data, t: TFunction): Parts | null {
  const title = text(data, 'title');
  const objectType = text(data, 'objectType');
  if (!title || !objectType) return null;
  const artist = text(data, 'artist');
  // The object's type is the owner's word (in the owner's language), capitalised as the server does.
  const object = name(objectType.replace(/^./, (c) => c.toUpperCase()));
  return artist
    ? fill(t, 'recordSummary.workOfArtBy', { object, title: name(title), artist: name(artist) })
    : fill(t, 'recordSummary.workOfArt', { object, title: name(title) });
}

/** "Bitcoin wallet bc1…". */
function cryptoWallet(data: Data, t: TFunction): Parts | null {
  const address = text(data, 'address');
  const chain = CHAIN_LABELS[String(data.chain)];
  if (!address || !chain) return null;
  // The server keys Ethereum addresses and bech32 ones (bc1…, ltc1…) in lower case.
  const shown = data.chain === 'ethereum' || /^(bc|tb|ltc)1/i.test(address) ? address.toLowerCase() : address;
  return fill(t, 'recordSummary.wallet', { chain: [chain], address: code(shown) });
}

/** "Financial account: IBAN DE89370400440532013000, holder Example Trading Ltd". */
function financialAccount(data: Data, t: TFunction): Parts | null {
  const iban = text(data, 'iban');
  const number = text(data, 'accountNumber');
  const bank = text(data, 'bankName') ?? text(data, 'bankId');
  let account: Parts;
  if (iban) account = fill(t, 'recordSummary.iban', { iban: code(compact(iban).replace(/^IBAN:?/, '')) });
  else if (number && bank)
    account = fill(t, 'recordSummary.account', { number: code(number), bank: name(bank) });
  else return null;
  const holder = text(data, 'holder');
  return fill(t, 'recordSummary.financialAccount', {
    kind: [t('recordKinds.financial-account') as string],
    account: list(t, [
      account,
      holder ? fill(t, 'recordSummary.holder', { holder: name(holder) }) : undefined,
    ]),
  });
}

/** "IP range 10.0.0.0/8", "Domain evil.com", "File hash d41d8… (MD5)". */
function cyberIndicator(data: Data, t: TFunction): Parts | null {
  const type = String(data.type);
  const raw = text(data, 'value');
  if (!raw || !INDICATOR_TYPES.includes(type)) return null;
  const value = refang(raw);
  if (type === 'hash') {
    const [, prefix, hex = ''] = /^(?:([a-z0-9_-]+)\s*[:=]\s*)?(.*)$/is.exec(value) ?? [];
    const digits = hex.replace(/\s/g, '').toLowerCase();
    const algorithm =
      HASH_NAMES[prefix?.toLowerCase().replace(/[-_]/g, '') ?? HASH_BY_LENGTH[digits.length] ?? ''];
    if (!algorithm) return null;
    return fill(t, 'recordSummary.hash', {
      type: [t('options.indicatorType.hash') as string],
      value: code(digits),
      algorithm: code(algorithm),
    });
  }
  const label =
    type === 'ip'
      ? t(value.includes('/') ? 'recordSummary.ipRange' : 'recordSummary.ipAddress')
      : t(`options.indicatorType.${type}`);
  const shown = type === 'domain' || type === 'email' ? value.toLowerCase() : value;
  return fill(t, 'recordSummary.indicator', { type: [label as string], value: code(shown) });
}

const KINDS: Record<string, (data: Data, t: TFunction) => Parts | null> = {
  person,
  'travel-document': travelDocument,
  vehicle,
  vessel,
  firearm,
  'work-of-art': workOfArt,
  'crypto-wallet': cryptoWallet,
  'financial-account': financialAccount,
  'cyber-indicator': cyberIndicator,
};

/** The summary in the language of `t`, or null where the server's summary is to be shown. */
export function summaryParts(kind: string, data: unknown, t: TFunction): SummaryPart[] | null {
  if (!Object.hasOwn(KINDS, kind) || typeof data !== 'object' || data === null || Array.isArray(data))
    return null;
  const parts = KINDS[kind]!(data as Data, t);
  // Adjacent pieces of text as one.
  return (
    parts?.reduce<Parts>((out, part) => {
      const last = out.at(-1);
      if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
      else out.push(part);
      return out;
    }, []) ?? null
  );
}

/** The summary as plain text (a label, a page title): the localised one, else the server's. */
export function summaryText(record: SummarisedRecord, t: TFunction): string {
  const parts = summaryParts(record.kind, record.data, t);
  if (!parts) return record.summary;
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('');
}

/** A hit notification's record, as far as it carries one (its data only for those who may read it). */
export function notifiedRecord(n: {
  recordSummary: string;
  recordKind?: string;
  recordData?: unknown;
}): SummarisedRecord {
  return { kind: n.recordKind ?? '', data: n.recordData ?? null, summary: n.recordSummary };
}
