import anyAscii from 'any-ascii';
import type { PersonData } from '../records/kinds/person.ts';

/**
 * The public extract of a Red, Yellow or UN notice, in the shapes of the public notices web
 * API that existing clients read (field names, `YYYY/MM/DD` dates, `2026/12345` entity ids).
 * Only what the public may know: names, birth particulars, nationalities, description,
 * charges (Red), disappearance (Yellow), the UN listing (UN) — never documents, records,
 * requester, findings or internal references. Pure; built when the notice enters force.
 */

export type ExtractType = 'red' | 'yellow' | 'un';

export interface ExtractInput {
  type: ExtractType;
  reference: string;
  language: string;
  data: Record<string, unknown>;
  translations: Record<string, Record<string, string>>;
  subject: PersonData;
  pictureIds: string[];
}

export interface BuiltExtract {
  type: ExtractType;
  entity_id: string;
  forename: string;
  name: string;
  search_text: string;
  nationalities: string[];
  warrant_countries: string[];
  sex_id: string | null;
  birth_year: number | null;
  birth_date: string | null;
  listing: Record<string, unknown>;
  detail: Record<string, unknown>;
  picture_ids: string[];
}

/** 2026/12345 → 2026-12345 (ids in paths), and back. */
export const pathId = (reference: string) => reference.replace('/', '-');
export const referenceOf = (id: string) => id.replace('-', '/');

/** YYYY-MM-DD (or YYYY-MM, YYYY) → YYYY/MM/DD. */
export function publicDate(date: string | undefined): string | null {
  return date ? date.replace(/-/g, '/') : null;
}

/** Folded for matching: ASCII, upper case, single spaces (“Müller” and “MULLER” meet). */
export function foldForSearch(text: string): string {
  return anyAscii(text)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Forename(s) and family name, as the public API splits them (family names in capitals). */
export function splitName(name: { full: string; given?: string; family?: string }): {
  forename: string;
  name: string;
} {
  if (name.family) return { forename: (name.given ?? '').toUpperCase(), name: name.family.toUpperCase() };
  const full = name.full.trim();
  if (full.includes(',')) {
    const [family, given] = full.split(',', 2);
    return { forename: (given ?? '').trim().toUpperCase(), name: (family ?? '').trim().toUpperCase() };
  }
  const tokens = full.split(/\s+/);
  // "FAMILY Given" as often written by police: a leading all-capitals token is the family name.
  if (tokens.length > 1 && tokens[0] === tokens[0]!.toUpperCase() && /\p{Lu}/u.test(tokens[0]!)) {
    const family = tokens.filter((t) => t === t.toUpperCase() && /\p{Lu}/u.test(t));
    const given = tokens.filter((t) => !family.includes(t));
    if (given.length > 0) return { forename: given.join(' ').toUpperCase(), name: family.join(' ') };
  }
  const family = tokens.length > 1 ? tokens.pop()! : tokens[0]!;
  return {
    forename: tokens.length > 0 && tokens[0] !== family ? tokens.join(' ').toUpperCase() : '',
    name: family.toUpperCase(),
  };
}

function description(data: Record<string, unknown>, subject: PersonData) {
  return {
    sex_id: subject.sex ?? null,
    place_of_birth: subject.placeOfBirth ?? null,
    country_of_birth_id: subject.countryOfBirth ?? null,
    nationalities: subject.nationalities ?? [],
    languages_spoken_ids: (data.languages as string[] | undefined) ?? [],
    eyes_colors_id: (data.eyeColours as string[] | undefined) ?? [],
    hairs_id: (data.hairColours as string[] | undefined) ?? [],
    height: (data.heightM as number | undefined) ?? null,
    weight: (data.weightKg as number | undefined) ?? null,
    distinguishing_marks: subject.marks?.length ? subject.marks.join(', ') : null,
  };
}

export function buildExtract(input: ExtractInput): BuiltExtract {
  const { type, subject, data } = input;
  // The public API spells names in Latin letters: the first name split into parts, else the first in Latin script.
  const main = subject.names.find((n) => n.family) ??
    subject.names.find((n) => /^[\p{Script=Latin}\s'’.,-]+$/u.test(n.full)) ??
    subject.names[0] ?? { full: '' };
  const { forename, name } = splitName(main);
  const entity_id = input.reference;
  const dob = publicDate(subject.dateOfBirth);
  const base = { forename, name, date_of_birth: dob, entity_id, nationalities: subject.nationalities ?? [] };
  const english = input.translations.en ?? {};
  const warrants =
    type === 'red' && Array.isArray(data.warrants) ? (data.warrants as Record<string, unknown>[]) : [];
  let detail: Record<string, unknown>;
  const texts: string[] = [forename, name];
  if (type === 'red') {
    const arrest_warrants = warrants.map((w, i) => ({
      issuing_country_id: w.issuingCountry ?? null,
      charge: w.charges ?? '',
      // The public API's translation is the English one, when the charge was written in another language.
      charge_translation: input.language === 'en' ? null : (english[`/warrants/${i}/charges`] ?? null),
    }));
    for (const w of arrest_warrants) texts.push(String(w.charge), String(w.charge_translation ?? ''));
    detail = { ...base, ...description(data, subject), arrest_warrants };
  } else if (type === 'yellow') {
    const birthName = subject.names.find((n) => n.type === 'birth' && n !== main);
    detail = {
      ...base,
      ...description(data, subject),
      birth_name: birthName ? birthName.full : null,
      date_of_event: publicDate(data.disappearanceDate as string | undefined),
      place: (data.disappearancePlace as string | undefined) ?? null,
      country: (data.disappearanceCountry as string | undefined) ?? null,
      father_forename: (data.fatherForename as string | undefined) ?? null,
      mother_forename: (data.motherForename as string | undefined) ?? null,
      mother_name: (data.motherName as string | undefined) ?? null,
    };
    texts.push(String(detail.place ?? ''));
  } else {
    const original = subject.names.find((n) => n.type === 'original-script');
    const originalSplit = original ? splitName(original) : null;
    detail = {
      ...base,
      ...description(data, subject),
      un_reference: data.unReference ?? null,
      un_resolution: data.resolution ?? null,
      un_reference_date: publicDate(data.listedOn as string | undefined),
      summary: (data.narrative as string | undefined) ?? null,
      aliases: subject.names.filter((n) => n.type === 'alias').map((n) => n.full),
      name_in_original_script: originalSplit?.name ?? null,
      forename_in_original_script: originalSplit?.forename || null,
      identity_documents: [],
    };
    texts.push(String(data.unReference ?? ''), String(data.narrative ?? ''));
    for (const alias of detail.aliases as string[]) texts.push(alias);
  }
  if (subject.placeOfBirth) texts.push(subject.placeOfBirth);
  if (subject.marks) texts.push(...subject.marks);
  const listing = type === 'un' ? { ...base, un_reference: data.unReference ?? null } : base;
  const fullDate = subject.dateOfBirth
    ? `${subject.dateOfBirth}${'-01-01'.slice(subject.dateOfBirth.length - 4)}`
    : null;
  return {
    type,
    entity_id,
    forename: foldForSearch(forename),
    name: foldForSearch(name),
    search_text: foldForSearch(texts.join(' ')),
    nationalities: subject.nationalities ?? [],
    warrant_countries: [...new Set(warrants.map((w) => String(w.issuingCountry ?? '')).filter(Boolean))],
    sex_id: subject.sex ?? null,
    birth_year: subject.dateOfBirth ? Number(subject.dateOfBirth.slice(0, 4)) : null,
    birth_date: fullDate,
    listing,
    detail,
    picture_ids: input.pictureIds,
  };
}
