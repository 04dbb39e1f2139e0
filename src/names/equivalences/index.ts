/**
 * Name equivalence tables, loaded once into look-ups by folded Latin spelling and by
 * native-script form. A token may belong to several classes (Chan is Chen and Zeng).
 */
import { canonicalCompound } from '../compounds.ts';
import { approx } from '../phonetic.ts';
import { ARABIC_NAMES } from './arabic.ts';
import { CHINESE_SURNAMES } from './chinese.ts';
import { CYRILLIC_NAMES } from './cyrillic.ts';
import { HEBREW_NAMES } from './hebrew.ts';
import { INDIAN_NAMES } from './indian.ts';
import { JAPANESE_SURNAMES } from './japanese.ts';
import { JAPANESE_GIVEN_NAMES } from './japanese-given.ts';
import { KOREAN_SURNAMES } from './korean.ts';
import { LATIN_NAMES } from './latin.ts';
import { PERSIAN_NAMES } from './persian.ts';
import { SHORT_FORMS } from './short-forms.ts';

export interface EquivalenceClass {
  id: string;
  culture: string;
  spellings: string[];
  native: string[];
}

const TABLES: [string, readonly string[]][] = [
  ['ar', ARABIC_NAMES],
  ['fa', PERSIAN_NAMES],
  ['ru', CYRILLIC_NAMES],
  ['zh', CHINESE_SURNAMES],
  ['ko', KOREAN_SURNAMES],
  ['ja', JAPANESE_SURNAMES],
  ['jg', JAPANESE_GIVEN_NAMES],
  ['lat', LATIN_NAMES],
  ['in', INDIAN_NAMES],
  ['he', HEBREW_NAMES],
];

const bySpelling = new Map<string, string[]>();
/** Every spelling with one letter deleted → classes (for one-edit look-ups). */
const byDeletion = new Map<string, string[]>();
const byApprox = new Map<string, string[]>();
/**
 * Cultures whose tables may be looked up by approximate code: their spellings are Latin
 * renderings of one native form, so a spelling the table lacks (Idriss, Seergei is not one) but
 * that sounds the same is the same name. The Chinese and Korean tables are not: there the
 * approximate codes of different surnames meet (Zhao / Zhou, Cho / Choe).
 */
const APPROX_CULTURES = new Set(['ar', 'fa', 'ru', 'lat', 'in', 'he']);
const byNative = new Map<string, string[]>();
const classes = new Map<string, EquivalenceClass>();

function add(map: Map<string, string[]>, key: string, id: string): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

for (const [culture, lines] of TABLES) {
  for (const line of lines) {
    const [latin = '', native = ''] = line.split('|');
    const spellings = latin.trim().split(/\s+/).filter(Boolean);
    if (culture === 'ja' || culture === 'jg') longVowels(spellings);
    const first = spellings[0];
    if (!first) continue;
    const id = `${culture}:${first}`;
    const nat = native.trim().split(/\s+/).filter(Boolean);
    classes.set(id, { id, culture, spellings, native: nat });
    for (const s of spellings) {
      const c = canonicalCompound(s.replace(/[^a-z]/g, ''));
      add(bySpelling, c, id);
      if (c.length >= 4) {
        for (let i = 0; i < c.length; i++) add(byDeletion, c.slice(0, i) + c.slice(i + 1), id);
      }
      if (APPROX_CULTURES.has(culture)) add(byApprox, approx(c), id);
    }
    for (const n of nat) add(byNative, nativeKey(n), id);
  }
}

/**
 * A Japanese long o written ou or oo in a table is also written oh, and each of those the
 * other way (Yōko: Youko, Yohko, Yooko; Ōno: Oono, Ohno): passports allow oh, people write all
 * three. Added to the spellings in place.
 */
function longVowels(spellings: string[]): void {
  for (const s of [...spellings]) {
    if (!/ou|oo|oh(?![aeiou])/.test(s)) continue;
    for (const long of ['ou', 'oo', 'oh']) {
      const t = s.replace(/ou|oo|oh(?![aeiou])/g, long);
      if (!spellings.includes(t)) spellings.push(t);
    }
  }
}

const NONE: readonly string[] = [];

/** A class of the Chinese or Korean surname tables (zh:zhang, ko:kim). */
export function isCjkClass(id: string): boolean {
  return id.startsWith('zh:') || id.startsWith('ko:');
}

/** Classes listing this Latin spelling (exact: folding would merge Cho and Choe). */
export function classesOfSpelling(ascii: string): readonly string[] {
  return bySpelling.get(ascii) ?? NONE;
}

/**
 * Classes whose spellings have this approximate code, when exactly one class has it (an
 * ambiguous code says nothing). For spellings the tables lack: Idriss, Mouhamed, Jeljena.
 */
export function classesOfApprox(code: string): readonly string[] {
  const ids = code.length >= 3 ? byApprox.get(code) : undefined;
  return ids && ids.length === 1 ? ids : NONE;
}

/**
 * Classes with a spelling one edit away (a letter left out, added, replaced, or two swapped):
 * Zhaang, Channg, Paewl, Abdulrahmn. For blocking keys only — a typo is no evidence that the
 * name is the table's — and only for tokens of five letters or more, where one edit rarely
 * makes another name. Ambiguous look-ups return nothing.
 */
export function classesNear(ascii: string): readonly string[] {
  if (ascii.length < 5 || ascii.length > 24) return NONE;
  const deletions: string[] = [];
  for (let i = 0; i < ascii.length; i++) deletions.push(ascii.slice(0, i) + ascii.slice(i + 1));
  // The likeliest edit first: a letter too many (Channg), then one missing (Zhng), then one
  // replaced or two swapped; the first kind that finds one or two classes answers.
  const tiers: [Map<string, string[]>, string[]][] = [
    [bySpelling, deletions],
    [byDeletion, [ascii]],
    [byDeletion, deletions],
  ];
  for (const [map, keys] of tiers) {
    const found = new Set<string>();
    for (const k of keys) for (const id of map.get(k) ?? NONE) found.add(id);
    if (found.size > 0) return found.size <= 2 ? [...found] : NONE;
  }
  return NONE;
}

/** Classes that list this native-script form. */
export function classesOfNative(native: string): readonly string[] {
  return byNative.get(nativeKey(native)) ?? NONE;
}

/** One form of a native spelling however its letters were composed (Bengali য় is one or two). */
function nativeKey(native: string): string {
  return native.normalize('NFKC').toLowerCase();
}

export function equivalenceClass(id: string): EquivalenceClass | undefined {
  return classes.get(id);
}

/** Latin spellings of the classes, used to give native-script tokens readable variants. */
export function spellingsOf(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) for (const s of classes.get(id)?.spellings ?? []) out.push(s);
  return out;
}

export function classCount(): number {
  return classes.size;
}

/** Short form → the names it stands for, by their first full form (Bill → william). */
const shortForms = new Map<string, string[]>();
for (const line of SHORT_FORMS) {
  const forms = line.trim().split(/\s+/);
  const id = forms[0];
  if (!id) continue;
  for (const f of forms) add(shortForms, f, id);
}

/** The names a spelling is a full or short form of, in SHORT_FORMS (Sasha → aleksandr, aleksandra). */
export function shortFormGroups(ascii: string): readonly string[] {
  return shortForms.get(ascii) ?? NONE;
}
