/**
 * Parsing a name string into tokens with roles: given, family, patronymic, middle, particle.
 * Works on any order and script; roles are best guesses and scoring treats them as hints.
 */
import { isBurmeseHonorific, isBurmeseName } from './burmese.ts';
import { ABD_PREFIXES, ARTICLES, canonicalCompound, DIN_WORDS, ULLAH_WORDS } from './compounds.ts';
import { classesOfSpelling, isCjkClass } from './equivalences/index.ts';
import { caseFold, cleanText, stripDiacritics } from './normalise.ts';
import { isCantoneseSpelling, isHan, isHokkienSpelling, splitHanName } from './transliterate/chinese.ts';
import { romanise, type Script, scriptOf } from './transliterate/index.ts';
import { isHangulSyllable, splitHangulName } from './transliterate/korean.ts';

/** g given, f family, p patronymic/father's name, m middle or unknown, x particle. */
export type Role = 'g' | 'f' | 'p' | 'm' | 'x';

export interface ParsedToken {
  /** The token as written (cleaned), for explanations. */
  text: string;
  script: Script;
  role: Role;
  /** Text to romanise (articles stripped, compounds joined). */
  core: string;
  /** A one-letter token or an abbreviation with a dot. */
  initial: boolean;
  /** Index of the whitespace-separated word the token came from (hyphenated parts share it). */
  group?: number;
  /** A syllable of a Vietnamese name, where one vowel makes another name (Minh, Manh). */
  syllable?: true;
}

/** Most tokens we keep per name: real names have fewer, abuse has more. */
export const MAX_TOKENS = 8;

/**
 * European particles (van der, de la, von, dos): also the ones systems without spaces write
 * into the name (Vanderberg, Delacruz, Dasilva), which prepare.ts glues back on.
 */
export const EUROPEAN_PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'do',
  'du',
  'la',
  'le',
  'von',
  'zu',
  'ten',
  'ter',
]);
const PARTICLES = new Set([
  'bin',
  'ibn',
  'ben',
  'bint',
  'binti',
  'ould',
  'uld',
  'y',
  'e',
  'af',
  'av',
  ...EUROPEAN_PARTICLES,
]);
const NAME_LIKE_PARTICLES = new Set([
  'le',
  'la',
  'da',
  'do',
  'du',
  'de',
  'di',
  'e',
  'y',
  'ben',
  'den',
  'ten',
]);
/**
 * Vietnamese family names that are no other culture's common name (about eight in ten
 * Vietnamese bear one), and the wider list that counts only with a middle Văn or Thị.
 */
const VIETNAMESE_FAMILY = new Set([
  'nguyen',
  'tran',
  'pham',
  'hoang',
  'huynh',
  'phan',
  'dang',
  'bui',
  'ngo',
  'duong',
  'dinh',
  'truong',
  'trinh',
  'doan',
  'luong',
  'quach',
]);
const VIETNAMESE_FAMILY_WITH_MIDDLE = new Set([
  'le',
  'vu',
  'vo',
  'do',
  'ho',
  'ly',
  'lam',
  'mai',
  'cao',
  'ha',
  'dao',
  'luu',
]);
// Letters only Vietnamese writes: ơ ư and the vowels with a dot below, a hook above or two
// marks. Not ă (Romanian: Bălan) nor đ (Serbian and Croatian: Đorđe).
const VIETNAMESE_LETTERS = /[ơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

/**
 * A Vietnamese name: two to five Latin syllables (none longer than seven letters) with letters
 * only Vietnamese writes, or a Vietnamese family name first or last.
 */
function isVietnamese(tokens: string[]): boolean {
  if (tokens.length < 2 || tokens.length > 5) return false;
  // Cheap tests first: this runs for every name written and searched.
  for (const t of tokens) if (t.length > 7 || scriptOf(t) !== 'latn') return false;
  for (const t of tokens) if (VIETNAMESE_LETTERS.test(t)) return true;
  const first = vietnameseKey(tokens[0] ?? '');
  if (VIETNAMESE_FAMILY.has(first) || VIETNAMESE_FAMILY.has(vietnameseKey(tokens[tokens.length - 1] ?? '')))
    return true;
  const middle = vietnameseKey(tokens[1] ?? '');
  return (
    (middle === 'van' || middle === 'thi') && tokens.length >= 3 && VIETNAMESE_FAMILY_WITH_MIDDLE.has(first)
  );
}

function vietnameseKey(token: string): string {
  return lowerLatin(stripDiacritics(token));
}

/** Son of, daughter of, written after the father's name as a word of its own. */
const FATHER_MARKERS = new Set([
  'oglu',
  'ogly',
  'ogli',
  'gizi',
  'qizi',
  'kizi',
  'qyzy',
  'kyzy',
  'uly',
  'uli',
  'оглы',
  'огли',
  'кызы',
  'гызы',
  'улы',
  'ұлы',
  'қызы',
]);

/** The Latin digraphs of Cyrillic letters, written with a dot as initials (Kh. Battulga). */
const DIGRAPH_INITIAL = /^(?:kh|sh|ch|ts|zh|yu|ya|yo)\.$/i;

/**
 * A Mongolian father's name in the genitive, written before the given name (Цахиагийн
 * Элбэгдорж, Tsakhiagiin Elbegdorj: Elbegdorj, son of Tsakhia): its stem, the father's name
 * as Western order writes it after the given name (Elbegdorj Tsakhia); undefined for any
 * other word. Cyrillic -гийн, -ийн, -ын (not the -цын of Russian Солженицын), -н after a
 * Mongolian diphthong (Далайн: not the -ейн of Бернштейн, е being no Mongolian vowel); Latin
 * -giin, -iin.
 */
export function mongolianGenitiveStem(word: string, script: Script): string | undefined {
  const m =
    script === 'cyrl'
      ? (/^(.{2,}?)(?:гийн|ийн|(?<!ц)ын)$/.exec(word) ?? /^(.+[аоуэүө]й)н$/.exec(word))
      : script === 'latn'
        ? /^(.{2,}?)g?iin$/.exec(word)
        : null;
  return m?.[1];
}

const KUNYA = new Set(['abu', 'abou', 'abo', 'bou', 'abul', 'aboul']);
const ARABIC_PARTICLES = new Set(['بن', 'ابن', 'بنت', 'ولد']);
const ARABIC_KUNYA = new Set(['ابو', 'أبو', 'ابي']);
const PATRONYMIC_LATIN =
  /(ovich|evich|ovych|evych|ovitch|evitch|owitsch|ewitsch|ovna|evna|ivna|ichna|oglu|ogly|uly|kyzy|qizi)$/;
const PATRONYMIC_CYRILLIC = /(ович|евич|овна|евна|івна|ична|інічна|огли|оглы|кызы)$/;

/**
 * The convention of passports, notices and case files: the family name in capitals before
 * the given names in mixed case (OCHIENG Brian Otieno, SCHTSCHERBAKOW Alexej). How many
 * leading words are such a family name; 0 when the name does not follow it (all in capitals,
 * all in mixed case, or capitals elsewhere).
 */
function leadingCapitalFamily(tokens: string[], groups: number[]): number {
  const capital = (t: string) => /\p{Lu}.*\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t);
  const mixed = (t: string) => /\p{Ll}/u.test(t);
  let n = 0;
  while (n < tokens.length && capital(tokens[n]!)) n++;
  // Whole word groups only (GARCÍA-LÓPEZ Ana), and the rest in mixed case. With a particle
  // among the capitals (DE LA CRUZ Juan) the count of family words is not the count of words:
  // left to the rules that know particles.
  if (n === 0 || n === tokens.length || groups[n] === groups[n - 1]) return 0;
  const particle = (t: string) => {
    const low = caseFold(t).replace(/[.'’`]/g, '');
    return PARTICLES.has(low) || ARTICLES.has(low);
  };
  if (tokens.slice(0, n).some(particle)) return 0;
  return tokens.slice(n).every(mixed) ? n : 0;
}

function splitRaw(s: string): { tokens: string[]; groups: number[]; familyFirstCount: number } {
  // "FAMILY, Given" and MRZ-style "FAMILY<<GIVEN" put the family name first.
  let familyFirstCount = 0;
  let body = s;
  const mrz = body.indexOf('<<');
  let comma = body.indexOf(',');
  // Airline reservations write FAMILY/GIVEN TITLE (SHCHERBAKOV/SERGEY MR).
  const slash = body.indexOf('/');
  if (mrz < 0 && comma < 0 && slash > 0 && slash === body.lastIndexOf('/')) {
    body = `${body.slice(0, slash)},${body.slice(slash + 1)}`;
    comma = slash;
  }
  if (mrz > 0) {
    familyFirstCount = body.slice(0, mrz).replace(/</g, ' ').trim().split(/\s+/).length;
    body = body.replace(/</g, ' ');
  } else if (comma > 0) {
    familyFirstCount = body
      .slice(0, comma)
      .trim()
      .split(/[\s-]+/).length;
  }
  // A lone digit inside a word is a misread letter (OCR, keyboards): M0HAMMED, 0MAR, SERGE1.
  body = body.replace(
    /(?<=\p{L})[0-9](?![0-9])|(?<![0-9])[0-9](?=\p{L}{2})/gu,
    (d) => DIGIT_LETTERS[Number(d)] ?? '',
  );
  // Hyphenated parts (Jean-Pierre, García-López) keep one role: they form a group.
  const tokens: string[] = [];
  const groups: number[] = [];
  let g = 0;
  for (const word of body.replace(/[,;:()[\]{}"/\\|<>_=+*#@!?¿¡&%$^~0-9]/g, ' ').split(/\s+/u)) {
    let any = false;
    for (const part of word.split(/[-‐‑–—]+/u)) {
      const t = part.replace(/^[.'’`]+|[.'’`]+$/g, (m) => (m.includes('.') ? '.' : ''));
      if (!/\p{L}/u.test(t)) continue;
      tokens.push(t);
      groups.push(g);
      any = true;
    }
    if (any) g++;
  }
  // FNU, LNU, NFN, NMN: what US and other forms write for a first, last or middle name the
  // person does not have (a single name: FNU Sukarno) or the writer did not know. Not a name.
  for (let i = tokens.length - 1; i >= 0 && tokens.length > 1; i--) {
    if (!PLACEHOLDERS.has(titleWord(tokens[i] ?? '').replace(/\./g, ''))) continue;
    tokens.splice(i, 1);
    groups.splice(i, 1);
    if (i < familyFirstCount) familyFirstCount--;
  }
  // Titles before a name (Dr. Ahmed Hassan) or after it (SMITH/JOHN MR, John Smith Jr.) are
  // not part of it; a name that is only a title keeps it.
  while (tokens.length > 1 && TITLES.has(titleWord(tokens[0] ?? ''))) {
    tokens.shift();
    groups.shift();
    if (familyFirstCount > 0) familyFirstCount--;
  }
  // U Thant, Daw Aung San Suu Kyi: a Burmese honorific says sex and standing, not who (a
  // woman is Ma when young, Daw later). Only before a name read as Burmese: Ma Lin is the
  // surname Ma, U Sang-ho the Korean surname U.
  if (
    tokens.length > 1 &&
    familyFirstCount === 0 &&
    isBurmeseHonorific(burmeseWord(tokens[0] ?? '')) &&
    isBurmeseName(tokens.slice(1).map(burmeseWord))
  ) {
    tokens.shift();
    groups.shift();
  }
  // SMITH, Mr John: before the given names.
  while (
    familyFirstCount > 0 &&
    tokens.length > familyFirstCount + 1 &&
    TITLES.has(titleWord(tokens[familyFirstCount] ?? ''))
  ) {
    tokens.splice(familyFirstCount, 1);
    groups.splice(familyFirstCount, 1);
  }
  while (tokens.length > 1 && TRAILING_TITLES.has(titleWord(tokens[tokens.length - 1] ?? ''))) {
    tokens.pop();
    groups.pop();
  }
  if (familyFirstCount === 0) familyFirstCount = leadingCapitalFamily(tokens, groups);
  if (familyFirstCount >= tokens.length) familyFirstCount = 0;
  return { tokens, groups, familyFirstCount };
}

/** The letter each digit is most often mistaken for. */
const DIGIT_LETTERS = 'oizeasgtbg';

const titleWord = (t: string) => t.toLowerCase().replace(/\.$/, '');
const burmeseWord = (t: string) => stripDiacritics(caseFold(t)).replace(/[.'’`]/g, '');

/**
 * Honorifics and ranks written before a name. Not those that are also names somewhere
 * (Sheikh, Cheikh, Hadj, Don).
 */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mstr',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'mme',
  'mlle',
  'herr',
  'frau',
  'sr',
  'sra',
  'srta',
  'rev',
  'eng',
  'engr',
  'shri',
  'shree',
  'smt',
  'shrimati',
  // Khmer honorifics (Samdech Hun Sen; Oknha, a title the king grants tycoons).
  'samdech',
  'oknha',
]);
/** Placeholders for a name part a person lacks or a form's writer did not know. */
const PLACEHOLDERS = new Set(['fnu', 'lnu', 'nfn', 'nln', 'nmn']);

/** Written after a name: the titles of airline lists (JOHN MR) and generational suffixes. */
const TRAILING_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mstr',
  'dr',
  'prof',
  'jr',
  'jnr',
  'snr',
  'ii',
  'iii',
  'iv',
]);

/** Parse a name; total on any input. */
export function parseName(input: { full: string; given?: string; family?: string }): ParsedToken[] {
  const given = input.given ? cleanText(input.given) : '';
  const family = input.family ? cleanText(input.family) : '';
  if (given || family) {
    const g = parseParts(given, 'g');
    const f = parseParts(family, 'f');
    const out = [...g, ...f];
    if (out.length > 0) return out.slice(0, MAX_TOKENS);
  }
  const full = cleanText(input.full);
  if (!full) return [];
  const { tokens, groups, familyFirstCount } = splitRaw(full);
  const expanded: string[] = [];
  const expandedGroups: number[] = [];
  let familyCount = familyFirstCount;
  for (const [ti, t] of tokens.entries()) {
    if (expanded.length >= MAX_TOKENS * 2) break;
    const sc = scriptOf(t);
    if (
      tokens.length === 1 &&
      ((sc === 'hani' && [...t].every(isHan)) || (sc === 'hang' && [...t].every(isHangulSyllable)))
    ) {
      const parts = sc === 'hani' ? splitHanName(t) : splitHangulName(t);
      if (tokens.length === 1 && parts.length === 2) familyCount = 1;
      for (const [k, part] of parts.entries()) {
        expanded.push(part);
        expandedGroups.push(k);
      }
    } else {
      expanded.push(t);
      expandedGroups.push(groups[ti] ?? ti);
    }
  }
  const vietnamese = isVietnamese(expanded);
  const parsed = joinAndClassify(expanded, expandedGroups, vietnamese);
  // Nguyễn Văn Minh: the family name first, unless it is written last (Minh Nguyen).
  const first = vietnamese ? vietnameseKey(expanded[0] ?? '') : '';
  const familyFirst =
    vietnamese &&
    familyCount <= 1 &&
    (familyCount === 1 || VIETNAMESE_FAMILY.has(first) || VIETNAMESE_FAMILY_WITH_MIDDLE.has(first));
  assignRoles(parsed, familyFirst ? 1 : familyCount);
  if (vietnamese) {
    for (const t of parsed) t.syllable = true;
    // Văn, Thị and the other middle syllables are the ones records and queries leave out.
    if (familyFirst) for (const t of parsed.slice(1, -1)) if (t.role === 'g') t.role = 'm';
  }
  return parsed.slice(0, MAX_TOKENS);
}

function parseParts(s: string, role: Role): ParsedToken[] {
  if (!s) return [];
  const toks = joinAndClassify(splitRaw(s).tokens);
  for (const t of toks) if (t.role !== 'x') t.role = role;
  return toks;
}

function lowerLatin(t: string): string {
  return caseFold(t).replace(/[.'’`]/g, '');
}

/** Join compounds (Abdul Rahman, Nasr al-Din, عبد الرحمن), mark particles. */
function joinAndClassify(raw: string[], groups: number[] = [], vietnamese = false): ParsedToken[] {
  const out: ParsedToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const group = groups[i] ?? i;
    const before = out.length;
    const text = raw[i] ?? '';
    const script = scriptOf(text);
    // An initial: one letter, with or without a dot, or a Cyrillic letter's Latin digraph with
    // its dot (Kh. for Х., Sh. for Ш.: Russian and Mongolian initials romanised).
    const initial = script === 'latn' && (/^\p{L}\.?$/u.test(text) || DIGRAPH_INITIAL.test(text));
    if (script === 'latn') {
      const low = lowerLatin(text);
      const next = raw[i + 1];
      if (ABD_PREFIXES.has(low) && next !== undefined) {
        // Abd + [al] + Rahman: one compound token.
        let j = i + 1;
        if (ARTICLES.has(lowerLatin(raw[j] ?? '')) && raw[j + 1] !== undefined) j++;
        const stem = lowerLatin(raw[j] ?? '');
        out.push({
          text: raw.slice(i, j + 1).join(' '),
          script,
          role: 'm',
          core: canonicalCompound(`abd${stem}`),
          initial: false,
        });
        i = j;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      const nextLow = next !== undefined ? lowerLatin(next) : '';
      const afterNext = raw[i + 2] !== undefined ? lowerLatin(raw[i + 2] ?? '') : '';
      if (
        next !== undefined &&
        (DIN_WORDS.has(nextLow) || (ARTICLES.has(nextLow) && DIN_WORDS.has(afterNext)))
      ) {
        const j = DIN_WORDS.has(nextLow) ? i + 1 : i + 2;
        out.push({
          text: raw.slice(i, j + 1).join(' '),
          script,
          role: 'm',
          core: `${low}din`,
          initial: false,
        });
        i = j;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      if (next !== undefined && ULLAH_WORDS.has(nextLow) && !PARTICLES.has(low) && !ARTICLES.has(low)) {
        // Habib Ullah, Zabih Allah: one name, as Habibullah writes it.
        out.push({
          text: `${text} ${next}`,
          script,
          role: 'm',
          core: canonicalCompound(`${low}ullah`),
          initial: false,
        });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      if ((text === 'Ó' || text === 'ó') && next !== undefined && scriptOf(next) === 'latn') {
        // Irish Ó Briain, Ó Súilleabháin: one family name, as O'Brien writes it — not the
        // initial O (a bare O stays one: John O Smith).
        out.push({
          text: `${text} ${next}`,
          script,
          role: 'm',
          core: canonicalCompound(`o${lowerLatin(next)}`),
          initial: false,
        });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      // Ma. Theresa, Ma. Cristina: the abbreviation of María that Philippine and Spanish forms
      // write before a second given name (with its dot: Ma is also a Chinese surname).
      // …unless what follows reads as a Chinese given name (MA. LIN: 馬林, the surname Ma).
      if (
        (text === 'Ma.' || text === 'MA.' || text === 'Mª') &&
        next !== undefined &&
        i === 0 &&
        (text === 'Mª' || !chineseGivenReading(lowerLatin(next)))
      ) {
        out.push({ text, script, role: 'm', core: 'maria', initial: false });
        tagGroup(out, before, group);
        continue;
      }
      if (KUNYA.has(low) && next !== undefined) {
        // Abu Bakr: the kunya is part of the name; joined so that Aboubakr meets it.
        const nl = lowerLatin(next);
        out.push({ text: `${text} ${next}`, script, role: 'm', core: `abu${nl}`, initial: false });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      // Short particles that are also names (Lê, Ben, Da, Do; An, As, Ar: the Arabic article
      // before a sun letter, which a name does not start with) count as particles only
      // inside a name.
      // Văn in a Vietnamese name is a middle name, not the Dutch van.
      const isParticle =
        !vietnamese &&
        (PARTICLES.has(low) || ARTICLES.has(low)) &&
        raw.length > 1 &&
        i < raw.length - 1 &&
        (i > 0 || (!NAME_LIKE_PARTICLES.has(low) && (!ARTICLES.has(low) || low === 'al' || low === 'el')));
      out.push({
        text,
        script,
        role: isParticle ? 'x' : 'm',
        core: isParticle ? low : canonicalCompound(low),
        initial,
      });
      tagGroup(out, before, group);
      continue;
    }
    if (script === 'arab') {
      const next = raw[i + 1];
      if (text === 'عبد' && next !== undefined) {
        out.push({ text: `${text} ${next}`, script, role: 'm', core: `عبد${next}`, initial: false });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      if (next === 'الله' && !ARABIC_PARTICLES.has(text)) {
        // ذبیح الله, حبیب الله: one name written in two words (Zabihullah, Habibullah).
        out.push({ text: `${text} ${next}`, script, role: 'm', core: `${text}الله`, initial: false });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      if (ARABIC_KUNYA.has(text) && next !== undefined) {
        out.push({ text: `${text} ${next}`, script, role: 'm', core: `ابو${next}`, initial: false });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
      const isParticle = ARABIC_PARTICLES.has(text) && i > 0 && i < raw.length - 1;
      out.push({ text, script, role: isParticle ? 'x' : 'm', core: text, initial: false });
      tagGroup(out, before, group);
      continue;
    }
    if (script === 'deva') {
      // Abdul Karim, Rahim Uddin in Bengali or Devanagari (আব্দুল করিম, রহিম উদ্দিন): the
      // compound a Latin spelling makes (abdkarim, rahimdin), its core in Latin letters, which
      // the Indic reader passes through.
      const next = raw[i + 1];
      const compound =
        next !== undefined && scriptOf(next) === 'deva' ? indicCompound(text, next) : undefined;
      if (compound !== undefined) {
        out.push({ text: `${text} ${next}`, script, role: 'm', core: compound, initial: false });
        i++;
        tagGroup(out, before, group);
        tagGroup(out, before, group);
        continue;
      }
    }
    // А. С. Пушкин, Х. Баттулга: a Cyrillic letter with a dot is an initial.
    if (script === 'cyrl' && /^\p{L}\.$/u.test(text)) {
      out.push({ text, script, role: 'm', core: text.slice(0, -1), initial: true });
      tagGroup(out, before, group);
      continue;
    }
    out.push({ text, script, role: 'm', core: text, initial: false });
    tagGroup(out, before, group);
  }
  for (const t of out) if (t.group === undefined) t.group = 0;
  return out;
}

/** The Latin core of two Indic-script words that a Latin spelling joins (abdkarim, rahimdin). */
function indicCompound(word: string, next: string): string | undefined {
  const reading = romanise(word, 'deva').variants[0] ?? '';
  const nextReading = romanise(next, 'deva').variants[0] ?? '';
  if (ABD_PREFIXES.has(reading)) return canonicalCompound(`abd${nextReading}`);
  if (DIN_WORDS.has(nextReading)) return `${reading}din`;
  return undefined;
}

function tagGroup(out: ParsedToken[], from: number, group: number): void {
  for (let k = from; k < out.length; k++) {
    const t = out[k];
    if (t && t.group === undefined) t.group = group;
  }
}

/**
 * Endings that only family names have. Not -ин/-ина (Ирина, Марина, Екатерина, Вениамин are
 * given names), and a word of at least five letters (Лев, Ева end as -ев/-ева surnames do).
 */
const RUSSIAN_SURNAME = /^.{3,}(ов|ев|ёв|ский|цкий|ова|ева|ёва|ская|цкая|енко)$/;

/** A family name as Turkic and Russian names form it (-ov, -eva, -uly, -qyzy), in Latin letters. */
const TURKIC_FAMILY = /(?:ov|ev|ova|eva|uly|ulu|qyzy|kyzy|ovna|evna)$/;

/** One pinyin syllable, roughly: an initial and a final, without the pairs pinyin lacks (fe, gi, ro). */
const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)$/;
const NOT_PINYIN = /^(?:[bpfjqx]e|[gkh]i|(?:zh|ch|sh|[dtnlrzcsgkhjqx])o|[bpmfnlj]ui|[jqx][aoe])/;
const pinyinSyllable = (s: string) => PINYIN_SYLLABLE.test(s) && !NOT_PINYIN.test(s);
/** Letters pinyin writes and Western given names seldom do (Xiaoming, Jianguo, Zhiwei). */
const PINYIN_MARK = /x|q|zh|iao|ian|ong|ua|uo|ao/;

/**
 * Whether a Latin word (lowercase) reads as a Chinese given name: a Chinese or Korean name
 * of the tables (Lin, Wei), a Hokkien or Cantonese spelling, one pinyin syllable, or two with
 * letters only pinyin writes (Xiaoming) — not Theresa, Fe, Luz, Lina.
 */
function chineseGivenReading(word: string): boolean {
  if (classesOfSpelling(word).some(isCjkClass) || isHokkienSpelling(word) || isCantoneseSpelling(word))
    return true;
  if (pinyinSyllable(word)) return true;
  if (!PINYIN_MARK.test(word)) return false;
  for (let i = 1; i < word.length; i++)
    if (pinyinSyllable(word.slice(0, i)) && pinyinSyllable(word.slice(i))) return true;
  return false;
}

/** A word ending as a patronymic does (-ovich, -ovna, Ивановна, оглы). */
function hasPatronymicEnding(t: ParsedToken): boolean {
  return t.script === 'latn'
    ? PATRONYMIC_LATIN.test(t.core)
    : t.script === 'cyrl' && PATRONYMIC_CYRILLIC.test(t.text.toLowerCase());
}

function assignRoles(tokens: ParsedToken[], familyFirstCount: number): void {
  const named = tokens.filter((t) => t.role !== 'x');
  if (named.length === 0) return;
  // Patronymics (Yurievich, Ivanovna, oglu) and fathers' names after bin/ibn.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.role === 'x') continue;
    const low = t.script === 'latn' ? t.core : t.text.toLowerCase();
    if (
      (t.script === 'latn' && PATRONYMIC_LATIN.test(low)) ||
      (t.script === 'cyrl' && PATRONYMIC_CYRILLIC.test(low))
    ) {
      if (named.length > 1) t.role = 'p';
    }
    const prev = tokens[i - 1];
    if (prev?.role === 'x' && /^(bin|ibn|ben|bint|binti|ould|uld|بن|ابن|بنت|ولد)$/.test(prev.core))
      t.role = 'p';
    // Elçin Musa oğlu Quliyev, Ильхам Гейдар оглы Алиев, Anvar Rustam o'g'li: the word before
    // oğlu (son of) or qızı (daughter of), written apart, is the father's name; the word itself
    // names nobody.
    const marker =
      t.script === 'latn' ? stripDiacritics(t.core).replace(/['’`ʻ]/g, '') : t.text.toLowerCase();
    if (
      i > 0 &&
      FATHER_MARKERS.has(marker) &&
      // Uli is also a German and Swiss given name (Hans Uli Meier): the marker only beside a
      // Turkic or Russian family name form (Abish uli Nazarbayev).
      (marker !== 'uli' || named.some((o) => o !== t && TURKIC_FAMILY.test(o.core)))
    ) {
      t.role = 'x';
      if (prev && prev.role !== 'x') prev.role = 'p';
      continue;
    }
    // A Mongolian father's name in the genitive, first: compared by its stem (Tsakhia); not
    // in a name with a Russian or Turkic patronymic (Рубинштайн Ольга Ивановна), which a
    // Mongolian name has no room for.
    if (i === 0 && named.length > 1 && !t.initial && !named.some((o) => o !== t && hasPatronymicEnding(o))) {
      const stem = mongolianGenitiveStem(t.script === 'latn' ? t.core : t.text.toLowerCase(), t.script);
      if (stem !== undefined) {
        t.role = 'p';
        t.core = stem;
      }
    }
  }
  const rest = named.filter((t) => t.role !== 'p' && t.role !== 'x');
  if (rest.length === 0) return;
  const first = rest[0];
  const last = rest[rest.length - 1];
  if (!first || !last) return;
  if (rest.length === 1) {
    first.role = 'f';
    return;
  }
  const cjk = first.script === 'hani' || first.script === 'hang';
  const patronymicAtEnd =
    tokens[tokens.length - 1]?.role === 'p' && tokens.length >= 3 && first.script === 'cyrl';
  // Щербаков Алексей, Иванова Анна: a Russian-style family name (-ов, -ева, -ин, -ский…) before
  // a given name that is not one, as Russian records write them.
  const surnameFirst =
    rest.length === 2 &&
    first.script === 'cyrl' &&
    last.script === 'cyrl' &&
    RUSSIAN_SURNAME.test(first.text.toLowerCase()) &&
    !RUSSIAN_SURNAME.test(last.text.toLowerCase());
  if (familyFirstCount > 0) {
    let n = 0;
    for (const t of rest) t.role = n++ < familyFirstCount ? 'f' : 'g';
    return;
  }
  if (cjk || patronymicAtEnd || surnameFirst) {
    // Чжан Вэй, 张伟, Щербаков Сергей Юрьевич: family first.
    first.role = 'f';
    for (const t of rest.slice(1)) t.role = 'g';
    return;
  }
  const firstGroup = first.group ?? 0;
  const lastGroup = last.group ?? 0;
  for (const t of rest) {
    const tg = t.group ?? 0;
    // Spanish and Portuguese double surnames, Arabic chains, second given names: the word
    // before the last stays "middle"; scoring accepts it as a family name when it matches well.
    t.role = tg === firstGroup ? 'g' : tg === lastGroup ? 'f' : 'm';
  }
  if (firstGroup === lastGroup) {
    first.role = 'g';
    last.role = 'f';
  }
}
