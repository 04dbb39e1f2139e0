/**
 * Machine-readable zones of travel documents (ICAO Doc 9303), parsed with the maintained `mrz`
 * package. A border system may send a document check as the MRZ lines it read; this turns them
 * into the document number and issuing country the `document` search key needs, and reports the
 * check digits so that a misread or tampered zone is visible.
 */
import countries from 'i18n-iso-countries';
import { type Details, type FieldName, parse } from 'mrz';

/** Travel-document types, as in the travel-document record kind. */
export type MrzDocumentType = 'passport' | 'id-card' | 'visa' | 'other';

export interface MrzParsed {
  ok: true;
  format: 'TD1' | 'TD2' | 'TD3' | 'FRENCH_NATIONAL_ID';
  /** The one- or two-letter document code as printed (P, PO, I, ID, AC, V…). */
  documentCode: string;
  documentType: MrzDocumentType;
  /** Without filler characters; for TD1 cards whose number overflows into the optional data, the whole number. */
  documentNumber: string;
  /**
   * ISO 3166-1 alpha-2, converted from the ICAO code (D<< is DE); ZZ for the specimen state
   * UTO and for issuers that are not states (NON_STATE_ISSUERS): see `issuer`.
   */
  issuingCountry: string;
  /** The ICAO code as written, filler removed (UTO, UNO, D…). */
  issuer: string;
  surname?: string;
  givenNames?: string;
  /** ISO 3166-1 alpha-2 where the ICAO code has one; otherwise the ICAO code itself (XXA stateless, XXB refugee…). */
  nationality?: string;
  /** ISO 8601 (YYYY-MM-DD); the century is inferred, as the MRZ only has two digits. */
  dateOfBirth?: string;
  /** M, F, or U for an unspecified sex (X or < in the zone). */
  sex?: 'M' | 'F' | 'U';
  expiryDate?: string;
  /** True when every check digit matches and every field is well-formed. */
  valid: boolean;
  /** The fields whose check digit does not match, in words: "document number", "date of birth"… */
  checkDigitErrors: string[];
  /**
   * What the caller should know, in sentences. When check digits fail, it says that the check
   * may still proceed on the document number as read (the zone may be misread or forged).
   */
  warnings: string[];
}

export type MrzResult = MrzParsed | { ok: false; error: string };

/** Line count and length per ICAO 9303 format. */
const SHAPES: { lines: number; length: number; name: string }[] = [
  { lines: 3, length: 30, name: 'TD1 (identity cards)' },
  { lines: 2, length: 36, name: 'TD2' },
  { lines: 2, length: 44, name: 'TD3 (passports)' },
];

/**
 * ICAO codes that are not ISO 3166-1 alpha-3 (ICAO 9303 Part 3, plus practice):
 * - D: Germany writes its code as "D<<".
 * - GBD, GBN, GBO, GBP, GBS: British passports for the several kinds of British nationals.
 * - RKS: Kosovo's own documents; UNK: UNMIK travel documents for residents of Kosovo. XK is the
 *   user-assigned code for Kosovo used by the EU and by i18n-iso-countries.
 * - UTO: Utopia, the fictional state of ICAO's specimen documents. Mapped to the user-assigned
 *   ZZ so that specimens parse; ZZ is not a valid country anywhere else, so no record or search
 *   key can carry it.
 */
const ICAO_SPECIAL_CODES: Record<string, string> = {
  D: 'DE',
  GBD: 'GB',
  GBN: 'GB',
  GBO: 'GB',
  GBP: 'GB',
  GBS: 'GB',
  RKS: 'XK',
  UNK: 'XK',
  UTO: 'ZZ',
};

/**
 * Issuers that are not states (ICAO 9303 Part 3): the United Nations and its agencies, the
 * EU, INTERPOL and other organisations, and documents for the stateless and refugees. Their
 * numbers are checked without a country, as the specimen state's are.
 */
export const NON_STATE_ISSUERS: Record<string, string> = {
  UNO: 'the United Nations',
  UNA: 'a specialised agency of the United Nations',
  EUE: 'the European Union',
  XPO: 'INTERPOL',
  XOM: 'the Sovereign Military Order of Malta',
  XBA: 'the African Development Bank',
  XIM: 'the African Export–Import Bank',
  XCC: 'the Caribbean Community',
  XCE: 'the Council of Europe',
  XCO: 'the Common Market for Eastern and Southern Africa',
  XDC: 'the Southern African Development Community',
  XEC: 'the Economic Community of West African States',
  XES: 'the Organisation of Eastern Caribbean States',
  XMP: 'the Parliamentary Assembly of the Mediterranean',
  XXA: 'a state for a stateless person',
  XXB: 'a state for a refugee (1951 Convention)',
  XXC: 'a state for a refugee (other)',
  XXX: 'an unspecified issuer',
};

/** The ISO alpha-2 code of an ICAO three-letter code (filler removed), or undefined. */
export function icaoToAlpha2(icaoCode: string): string | undefined {
  const code = icaoCode.replace(/</g, '');
  return ICAO_SPECIAL_CODES[code] ?? countries.alpha3ToAlpha2(code) ?? undefined;
}

const CHECK_DIGIT_LABELS: Partial<Record<FieldName, string>> = {
  documentNumberCheckDigit: 'document number',
  birthDateCheckDigit: 'date of birth',
  expirationDateCheckDigit: 'expiry date',
  personalNumberCheckDigit: 'personal number',
  compositeCheckDigit: 'composite (whole zone)',
};

/**
 * Splits what was pasted or scanned into MRZ lines: surrounding and stray whitespace removed,
 * upper case. One line of 88, 72 or 90 characters is a zone sent without its line breaks.
 */
function mrzLines(text: string): string[] {
  const lines = text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/\s+/g, '').toUpperCase())
    .filter((line) => line.length > 0);
  if (lines.length === 1) {
    const single = lines[0]!;
    const shape = SHAPES.find((s) => s.lines * s.length === single.length);
    if (shape)
      return Array.from({ length: shape.lines }, (_, i) =>
        single.slice(i * shape.length, (i + 1) * shape.length),
      );
  }
  return lines;
}

/** YYMMDD to YYYY-MM-DD, choosing the century that puts the date in [earliest, latest]. */
function mrzDate(yymmdd: string | null | undefined, latestYear: number): string | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const year = 2000 + yy > latestYear ? 1900 + yy : 2000 + yy;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/**
 * The first letter of the document code says the category (ICAO 9303 Parts 4–7); the second is
 * the issuing state's choice, so residence permits cannot be told from identity cards reliably
 * and come out as id-card.
 */
function documentType(code: string): MrzDocumentType {
  switch (code[0]) {
    case 'P':
      return 'passport';
    case 'V':
      return 'visa';
    case 'I':
    case 'A':
    case 'C':
      return 'id-card';
    default:
      return 'other';
  }
}

function rawValue(details: Details[], field: FieldName): string | undefined {
  const detail = details.find((d) => d.field === field);
  return detail?.ranges[0] ? (detail.ranges[0] as { raw?: string }).raw : undefined;
}

/**
 * Parses two or three MRZ lines (TD1 3×30, TD2 2×36, TD3 2×44; the French national identity card
 * is TD2-sized). Check digits are verified and reported, not fatal: a border check may still run
 * on the document number, with a warning.
 */
export function parseMrz(text: string, options: { now?: Date } = {}): MrzResult {
  const lines = mrzLines(text);
  const shape = SHAPES.find(
    (s) => s.lines === lines.length && lines.every((line) => line.length === s.length),
  );
  if (!shape) {
    const got =
      lines.length === 0
        ? 'nothing'
        : `${lines.length} line(s) of ${lines.map((l) => l.length).join(', ')} characters`;
    return {
      ok: false,
      error: `not an MRZ: expected 3 lines of 30 characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3, passports); got ${got}`,
    };
  }
  const badCharacter = lines.join('').match(/[^A-Z0-9<]/);
  if (badCharacter)
    return { ok: false, error: `not an MRZ: "${badCharacter[0]}" is not allowed (only A–Z, 0–9 and <)` };

  let result: ReturnType<typeof parse>;
  try {
    result = parse(lines);
  } catch (error) {
    return { ok: false, error: `not a readable ${shape.name} MRZ: ${(error as Error).message}` };
  }
  if (!['TD1', 'TD2', 'TD3', 'FRENCH_NATIONAL_ID'].includes(result.format)) {
    return { ok: false, error: `not a travel document MRZ (${result.format})` };
  }

  const firstLine = lines[0]!;
  const documentCode = firstLine.slice(0, 2).replace(/</g, '');
  const isVisa = documentCode.startsWith('V');
  const issuingCode = firstLine.slice(2, 5);
  const issuer = issuingCode.replace(/</g, '');
  const issuingCountry = NON_STATE_ISSUERS[issuer] ? 'ZZ' : icaoToAlpha2(issuingCode);
  if (!issuingCountry) {
    return {
      ok: false,
      error: `issuing state ${issuingCode.replace(/</g, '')} has no ISO 3166-1 country code`,
    };
  }
  const documentNumber = (
    result.documentNumber ??
    result.fields.documentNumber ??
    rawValue(result.details, 'documentNumber') ??
    ''
  ).replace(/</g, '');
  if (documentNumber.length === 0) return { ok: false, error: 'the MRZ has no document number' };

  // Visas (MRV-A and MRV-B) have optional data where passports and cards have a personal number
  // and a composite check digit, which the library still checks; those failures mean nothing.
  const ignored = new Set<FieldName>(
    isVisa
      ? ['documentCode', 'personalNumber', 'personalNumberCheckDigit', 'compositeCheckDigit', 'optional']
      : [],
  );
  // State codes are resolved above with ICAO's special codes, which the library does not know.
  ignored.add('issuingState');
  ignored.add('nationality');

  const checkDigitErrors: string[] = [];
  const warnings: string[] = [];
  for (const detail of result.details) {
    if (detail.valid || !detail.field || ignored.has(detail.field)) continue;
    const label = CHECK_DIGIT_LABELS[detail.field];
    if (label) checkDigitErrors.push(label);
    else warnings.push(`${detail.label}: ${detail.error ?? 'not valid'}`);
  }

  const nationalityCode = rawValue(result.details, 'nationality');
  const nationality = nationalityCode
    ? icaoToAlpha2(nationalityCode) || nationalityCode.replace(/</g, '')
    : undefined;

  const thisYear = (options.now ?? new Date()).getUTCFullYear();
  const dateOfBirth = mrzDate(result.fields.birthDate, thisYear);
  // Documents run for at most about ten years; an expiry far in the future is last century's.
  const expiryDate = mrzDate(result.fields.expirationDate, thisYear + 50);
  const sexCode = rawValue(result.details, 'sex');
  const sex = sexCode === 'M' || sexCode === 'F' ? sexCode : sexCode ? 'U' : undefined;

  const valid = checkDigitErrors.length === 0 && warnings.length === 0;
  if (checkDigitErrors.length > 0) {
    warnings.unshift(
      `check digits do not match (${checkDigitErrors.join(', ')}): the zone may be misread or altered; ` +
        'the check proceeds on the document number as read',
    );
  }
  return {
    ok: true,
    format: result.format as MrzParsed['format'],
    documentCode,
    documentType: documentType(documentCode),
    documentNumber,
    issuingCountry,
    issuer,
    ...(result.fields.lastName ? { surname: result.fields.lastName } : {}),
    ...(result.fields.firstName ? { givenNames: result.fields.firstName } : {}),
    ...(nationality ? { nationality } : {}),
    ...(dateOfBirth ? { dateOfBirth } : {}),
    ...(sex ? { sex } : {}),
    ...(expiryDate ? { expiryDate } : {}),
    valid,
    checkDigitErrors,
    warnings,
  };
}
