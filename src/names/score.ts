/**
 * Scoring a query against a prepared candidate. The name part compares every query token
 * with every candidate token (transliteration variants, equivalence classes, folds,
 * skeletons, Double Metaphone, Jaro–Winkler), takes the best one-to-one assignment in any
 * order, weighs tokens by rarity and charges missing parts by role; dates of birth, sex and
 * nationality then move the score toward 1 or away from it. Hot path: no regexes, few
 * allocations.
 */
import { ATTESTED_SHARE, commonNameGroups, finalVowelMatters } from './attested.ts';
import { isBurmeseName } from './burmese.ts';
import { compareDates, type DateAgreement, parseDate } from './dates.ts';
import { isCjkClass } from './equivalences/index.ts';
import { EUROPEAN_PARTICLES } from './parse.ts';
import { approx, cjkApprox, fold } from './phonetic.ts';
import { bestJaroWinkler, jaroWinkler, typingDistance } from './similarity.ts';
import { isCantoneseSpelling, isHokkienSpelling } from './transliterate/chinese.ts';
import { koreanSyllables } from './transliterate/korean.ts';
import type {
  Band,
  ExplanationItem,
  MatchKind,
  NameItem,
  PreparedPerson,
  PreparedQuery,
  PreparedToken,
  ScoreResult,
  TokenFrequency,
} from './types.ts';

/** Band thresholds, chosen on the development set (see docs/names.md). */
export const STRONG = 0.82;
export const POSSIBLE = 0.62;

let lastKind: MatchKind = 'different';

function intersects(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

const SEMITIC = new Set(['arab', 'hebr']);
/** Forms stored before approximate codes existed have none. */
const EMPTY: readonly string[] = [];

/**
 * Similarity of two tokens in [0, 1]; sets lastKind to why. With frequencies, a spelling
 * borne by many persons counts as a name of its own (see `otherName`).
 */
export function tokenSimilarity(a: PreparedToken, b: PreparedToken, freq?: TokenFrequency): number {
  const av = a.v;
  const bv = b.v;
  // Particles (bin, al, van) are not names: they match nothing.
  if (a.r === 'x' || b.r === 'x') {
    lastKind = 'different';
    return 0;
  }
  // Both written in characters that tell names apart (Han, Hangul, a Vietnamese name with
  // its marks): 张 and 章, 지현 and 지훈, Hùng and Hưng read alike in Latin letters and are
  // other names (native.ts).
  if (a.n !== undefined && b.n !== undefined && a.c === b.c) {
    // One simplified form for two traditional characters read differently (乾 Qián and 干 Gān
    // both simplify to 干) is not one name: the readings must agree too.
    if (a.n === b.n && (a.c !== 'hani' || intersects(av, bv))) {
      lastKind = 'exact';
      return 1;
    }
    lastKind = 'different';
    return OTHER_SYLLABLE;
  }
  // Readings of unvowelled scripts are guesses: equal guesses prove less than equal spellings.
  const rough =
    a.c !== b.c && ((a.c !== undefined && SEMITIC.has(a.c)) || (b.c !== undefined && SEMITIC.has(b.c)));
  if (rough) return semiticSimilarity(a, b);
  if (av[0] === bv[0]) {
    if (a.c === b.c) {
      lastKind = 'exact';
      return 1;
    }
    lastKind = 'transliteration';
    return 0.97;
  }
  if (a.i === 1 || b.i === 1) {
    lastKind = 'initial';
    return (av[0] ?? '').charCodeAt(0) === (bv[0] ?? '').charCodeAt(0) ? 0.72 : 0;
  }
  // Mario / Maria, Ivan / Ivana, Karim / Karima: a brother's or sister's name, not a spelling
  // of this one (family names are not concerned: Ivanov / Ivanova is one family).
  if (a.r !== 'f' && b.r !== 'f' && genderedPair(av[0] ?? '', bv[0] ?? '')) {
    lastKind = 'different';
    return GENDERED_PAIR;
  }
  if (intersects(av, bv)) {
    lastKind = 'transliteration';
    return 0.96;
  }
  // Korean given names are syllables too: Ji-hoon (훈) and Ji-hyun (현), Seo-yeon (연) and
  // Seo-yoon (윤) are other names, while Hyun and Hyeon are one syllable spelt two ways.
  const korean = koreanGivenSyllables(a, b);
  if (korean === 'other') {
    lastKind = 'different';
    return OTHER_SYLLABLE;
  }
  if (korean === 'same') {
    lastKind = 'transliteration';
    return 0.93;
  }
  let conflict = false;
  if (a.e !== undefined && b.e !== undefined) {
    if (intersects(a.e, b.e)) {
      lastKind = 'equivalent';
      // The Chinese and Korean tables are of surnames; on a candidate's given name they are
      // weaker evidence (Lei is not Li as a given name).
      return b.r !== 'f' && isCjkClass(b.e[0] ?? '') ? 0.83 : 0.95;
    }
    conflict = true;
  }
  // Vietnamese names are syllables: Minh and Manh, Hùng and Hồng are two names, whatever
  // the folds say (a transposed pair of vowels, Huong / Houng, is still a typo).
  if ((a.y === 1 || b.y === 1) && otherVowels(av[0] ?? '', bv[0] ?? '')) {
    lastKind = 'different';
    return OTHER_SYLLABLE;
  }
  // Equal folds of names the tables know as different (Cho 조 / Choe 최, Wu 吳 / Vũ) are not
  // the same name.
  if (!conflict && intersects(a.f, b.f)) {
    lastKind = a.c === b.c && a.c === undefined ? 'spelling' : 'transliteration';
    return 0.93;
  }
  // The same approximate code: the spellings of two romanisation traditions (Fyodorov /
  // Fedorov, Chevtchenko / Shevchenko), unless the tables know them as different names.
  if (!conflict && intersects(a.a ?? EMPTY, b.a ?? EMPTY)) {
    // Between two Latin spellings the code merges vowels (e/i, o/u) that two names of their
    // own differ by: Müller / Möller, Patel / Patil, Schulz / Scholz. The frequencies cannot
    // tell them apart here (one code, one count), only the tables.
    if (a.c === undefined && b.c === undefined && otherName(a, b, undefined)) {
      lastKind = 'other name';
      return OTHER_NAME;
    }
    lastKind = a.c === b.c && a.c === undefined ? 'spelling' : 'transliteration';
    return 0.9;
  }
  if (a.h !== undefined && b.h !== undefined && intersects(a.h, b.h)) {
    lastKind = 'short';
    return SHORT_FORM;
  }
  if (a.c === undefined && b.c === undefined) {
    const x = av[0] ?? '';
    const y = bv[0] ?? '';
    // Oluwatoyin called Toyin, Chukwuemeka Emeka: the word after the name of God.
    if (a.r !== 'f' && b.r !== 'f' && (prefixedRest(x) === y || prefixedRest(y) === x)) {
      lastKind = 'short';
      return SHORT_FORM;
    }
    // Nováková written abroad as Novák: the woman's form of one family name.
    if (a.r === 'f' && b.r === 'f' && (czechFeminine(x, y) || czechFeminine(y, x))) {
      lastKind = 'equivalent';
      return SPELT;
    }
  }
  const semitic = (a.c !== undefined && SEMITIC.has(a.c)) || (b.c !== undefined && SEMITIC.has(b.c));
  if (semitic && !conflict) {
    if (intersects(a.s, b.s)) {
      lastKind = 'skeleton';
      return 0.88;
    }
    const sj = bestJaroWinkler(a.s, b.s);
    lastKind = sj >= 0.85 ? 'skeleton' : 'different';
    return sj * 0.85;
  }
  // Both written after a particle (van Dijk, van Dam): the forms with the particle glued on
  // share it and nothing else, so only the names themselves are compared.
  const aGlue = gluedParticles(a);
  const bGlue = gluedParticles(b);
  const both = aGlue !== '' && bGlue !== '';
  // A Spanish surname with its article (de la Torre, de la Fuente, del Río) against the plural
  // without one (Torres, Fuentes, Ríos): two families, not a particle dropped and an s added.
  if ((aGlue === '') !== (bGlue === '') && (aGlue || bGlue).startsWith('del')) {
    const [after, other] = aGlue ? [av[0] ?? '', bv[0] ?? ''] : [bv[0] ?? '', av[0] ?? ''];
    if (other === `${after}s` || other === `${after}es`) {
      lastKind = 'other name';
      return OTHER_NAME;
    }
  }
  let jw = both ? lengthAware(a.f.slice(0, -1), b.f.slice(0, -1)) : lengthAware(a.f, b.f);
  if (jw >= 0.5) {
    const aa = a.a ?? EMPTY;
    const ba = b.a ?? EMPTY;
    const ja =
      (both ? lengthAware(aa.slice(0, -1), ba.slice(0, -1), true) : lengthAware(aa, ba, true)) * 0.94;
    if (ja > jw) jw = ja;
  }
  // One written after a particle, the other with it written in (van Dijk, Vandam): the name
  // after the particle is what must agree.
  if (jw >= 0.75 && aGlue !== bGlue) {
    const glue = aGlue || bGlue;
    const [after, joined] = aGlue ? [av[0] ?? '', bv[0] ?? ''] : [bv[0] ?? '', av[0] ?? ''];
    if (joined.startsWith(glue) && joined.length > glue.length) {
      const rest = lengthAware([after], [joined.slice(glue.length)]);
      if (rest < jw) jw = rest;
    }
  }
  // A shared surname ending says nothing about the name it ends (Lukashenko / Lukianenko,
  // Hoffmann / Hartmann): the stems are compared instead.
  if (jw >= 0.75) {
    const stems = stemSimilarity(av[0] ?? '', bv[0] ?? '');
    if (stems < jw) jw = stems;
    // …and so does a shared Yoruba or Igbo prefix (Adebayo / Adebola, Oluwatoyin / Oluwatobi,
    // Chukwuemeka / Chukwuma): the words after it are compared.
    if (a.c === undefined && b.c === undefined) {
      const rests = sharedPrefixRests(av[0] ?? '', bv[0] ?? '');
      if (rests && rests[0] !== rests[1]) {
        const r = lengthAware([rests[0]], [rests[1]]);
        if (r < jw) jw = r;
      }
    }
    // A name with an ending added is another name (Martin / Martinez, William / Williamson,
    // Demir / Demirci, Levi / Levin), not a typo or a truncated field.
    if (jw > EXTENDED && otherEnding(av[0] ?? '', bv[0] ?? '')) jw = EXTENDED;
    // Two mistakes or more in a family name are rarely typing (Lukashenko / Lukianenko,
    // Ivanov / Ivashov, Rodriguez / Rodrigo): another family, unless a spelling tradition
    // explains them, which the codes above would have found.
    if (jw > TWO_MISTAKES && (a.r === 'f' || b.r === 'f') && mistakes(av, bv) >= 2 && mistakes(a.f, b.f) >= 2)
      jw = TWO_MISTAKES;
  }
  // A family name of a few letters has little room for a spelling: Gray / Grey, Shah / Sha,
  // Díaz / Dias lose most of their similarity to one letter. One name written two ways (a group
  // of the common-names list, a letter e, h or s added, a vowel or z/s ending) or two
  // neighbouring letters swapped (Khan / Kahn, a typo) is the same family; two names of their
  // own stay `other name` (capped below), and another vowel is another family (Hill / Hall).
  if (
    jw < SPELT &&
    !conflict &&
    (a.r === 'f' || b.r === 'f') &&
    a.c === undefined &&
    b.c === undefined &&
    spelledAlike(a, b)
  ) {
    if (otherName(a, b, freq)) {
      lastKind = 'other name';
      return OTHER_NAME;
    }
    lastKind = 'spelling';
    return SPELT;
  }
  // Double Metaphone agreement lifts a near miss; a two-letter code (AK: Yuki, Yoko) is weak evidence.
  if (a.m.length >= 2 && a.m === b.m && jw >= (a.m.length >= 3 ? 0.75 : 0.86)) {
    const p = Math.min(0.88, jw + (1 - jw) * 0.3);
    if (p > jw) {
      const s = conflict ? p * 0.9 : p;
      if (s > OTHER_NAME && otherName(a, b, freq)) {
        lastKind = 'other name';
        return OTHER_NAME;
      }
      lastKind = 'phonetic';
      return s;
    }
  }
  if (conflict) jw *= 0.9;
  // Chinese and Korean given names are a syllable or two: a similar spelling is another name
  // (Yating / Jiaming, Qiang / Jiaming) unless the CJK codes agree, which was checked above.
  if (isCjkCode(a) || isCjkCode(b)) jw *= 0.85;
  if (jw > OTHER_NAME && otherName(a, b, freq)) {
    lastKind = 'other name';
    return OTHER_NAME;
  }
  lastKind = jw >= 0.8 ? 'similar' : 'different';
  return jw;
}

/**
 * How alike two names of their own can be when neither is a known spelling of the other
 * (Marta / Maria, Martin / Marvin): under 0.84, so the name is not strong on its own (a poorly
 * matched part, see `matchName`), and over 0.8, so that a family name is not contradicted
 * and the pair stays a possible match.
 */
const OTHER_NAME = 0.83;

/**
 * Whether two spellings that the codes did not equate are two names of their own: both
 * attested (the equivalence and short-form tables, the common-names list, or a frequency of at
 * least ATTESTED_SHARE when the caller gives frequencies) and not one name written two ways
 * (a group of the common-names list, a short form of the same name, a letter added at the end
 * or a vowel ending against another: Clark / Clarke, Robert / Roberts, Sara / Sarah,
 * Kowalski / Kowalska). A misspelling of a name is rarely another common name; a name one
 * letter from another common one often is that other person's.
 */
function otherName(a: PreparedToken, b: PreparedToken, freq: TokenFrequency | undefined): boolean {
  if (a.y === 1 || b.y === 1 || isCjkCode(a) || isCjkCode(b)) return false;
  const ga = commonNameGroups(a.v);
  const gb = commonNameGroups(b.v);
  if (!attested(a, ga, freq) || !attested(b, gb, freq)) return false;
  for (const x of ga) if (gb.includes(x)) return false;
  if (a.h !== undefined && b.h !== undefined && intersects(a.h, b.h)) return false;
  for (const x of a.v)
    for (const y of b.v) if (oneNameTwoWays(x, y) && !finalVowelMatters(x, y)) return false;
  return true;
}

function attested(t: PreparedToken, groups: readonly number[], freq: TokenFrequency | undefined): boolean {
  if (groups.length > 0 || (t.e !== undefined && t.e.length > 0) || (t.h !== undefined && t.h.length > 0))
    return true;
  const f = freq?.(frequencyKey(t));
  return typeof f === 'number' && f >= ATTESTED_SHARE;
}

/** How alike two spellings of one short family name are (Gray / Grey, Shah / Sha). */
const SPELT = 0.9;

/**
 * Whether two Latin spellings are one name written two ways (a group of the common-names list,
 * `oneNameTwoWays`) or one with two neighbouring letters swapped (Khan / Kahn) that sound alike.
 */
function spelledAlike(a: PreparedToken, b: PreparedToken): boolean {
  const ga = commonNameGroups(a.v);
  if (ga.length > 0) {
    const gb = commonNameGroups(b.v);
    for (const x of ga) if (gb.includes(x)) return true;
  }
  for (const x of a.v)
    for (const y of b.v) {
      if (oneNameTwoWays(x, y) && !finalVowelMatters(x, y)) return true;
      if (a.m !== '' && a.m === b.m && swapped(x, y)) return true;
    }
  return false;
}

/** Two neighbouring letters swapped, nothing else (Khan / Kahn). */
function swapped(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  return (
    i + 1 < x.length &&
    x.charCodeAt(i) === y.charCodeAt(i + 1) &&
    x.charCodeAt(i + 1) === y.charCodeAt(i) &&
    x.slice(i + 2) === y.slice(i + 2)
  );
}

/**
 * A letter e, h or s added at the end, a doubled letter written once, a vowel ending against
 * another, or a final z against s (Spanish Díaz, Portuguese Dias): one name's forms.
 */
function oneNameTwoWays(x: string, y: string): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (long.length === short.length + 1 && long.startsWith(short)) {
    const last = long[long.length - 1] as string;
    if (last === 'e' || last === 'h' || last === 's') return true;
  }
  // A doubled letter written once, the last one too (Ricci / Rici, Rossi / Rosi, Hall / Hal).
  if (long.length === short.length + 1) {
    let i = 0;
    while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
    return i > 0 && long[i] === long[i - 1] && long.slice(i + 1) === short.slice(i);
  }
  if (x.length !== y.length || x.length < 4) return false;
  const n = x.length - 1;
  if (x.slice(0, n) !== y.slice(0, n)) return false;
  const [p, q] = [x[n] as string, y[n] as string];
  return (VOWELS.includes(p) && VOWELS.includes(q)) || p + q === 'zs' || p + q === 'sz';
}

/**
 * The particles prepare.ts glued onto this token's name as its last variant (van der Berg:
 * "vander" for berg, also spelt vanderberg), or ''.
 */
function gluedParticles(t: PreparedToken): string {
  const name = t.v[0] ?? '';
  const last = t.v[t.v.length - 1] ?? '';
  if (t.v.length < 2 || last.length <= name.length || !last.endsWith(name)) return '';
  const prefix = last.slice(0, last.length - name.length);
  return particleRun(prefix) ? prefix : '';
}

function particleRun(text: string): boolean {
  if (text === '') return true;
  for (const p of EUROPEAN_PARTICLES)
    if (text.startsWith(p) && particleRun(text.slice(p.length))) return true;
  return false;
}

/** A short form and its name (Bill / William): how a person is called, not how the name is written. */
const SHORT_FORM = 0.86;
/** The other sex's form of a given name: as different as another name of the same beginning. */
const GENDERED_PAIR = 0.5;
/** Another vowel in a Vietnamese syllable: another name. */
const OTHER_SYLLABLE = 0.5;

/** The same consonants around other vowels (minh / manh), not the same vowels reordered. */
function otherVowels(x: string, y: string): boolean {
  if (x === y || consonants(x) !== consonants(y)) return false;
  const vowels = (w: string) =>
    [...w]
      .filter((c) => VOWELS.includes(c))
      .sort()
      .join('');
  return vowels(x) !== vowels(y);
}

const A = 97;
const O = 111;
const I = 105;
const VOWELS = 'aeiouy';

/**
 * The masculine and feminine forms of one given name, as European and Arabic names make them:
 * a final -a added to a consonant (Ivan / Ivana, Daniel / Daniela, Karim / Karima), -o
 * against -a (Mario / Maria, Paulo / Paula) or Italian -i against -a (Giovanni / Giovanna).
 * Stems of three letters or more. (Not -e against -a: Anne / Anna, Christine / Christina are
 * one name in two languages.)
 */
export function genderedPair(x: string, y: string): boolean {
  const d = x.length - y.length;
  if (d === 1 || d === -1) {
    const short = d < 0 ? x : y;
    const long = d < 0 ? y : x;
    return (
      short.length >= 3 &&
      long.charCodeAt(long.length - 1) === A &&
      !VOWELS.includes(short[short.length - 1] ?? 'a') &&
      long.startsWith(short)
    );
  }
  if (d !== 0 || x.length < 4) return false;
  const ex = x.charCodeAt(x.length - 1);
  const ey = y.charCodeAt(y.length - 1);
  const other = ex === A ? ey : ey === A ? ex : 0;
  if (other !== O && other !== I) return false;
  for (let i = 0; i < x.length - 1; i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) return false;
  return true;
}

/**
 * Endings that make family names (Ukrainian -enko, Georgian -shvili, Greek -opoulos, German
 * -mann…), longest first. Patronymic-looking ones are here too: Petrović, Kowalewski.
 */
const SURNAME_ENDINGS = [
  'opoulos',
  'ishvili',
  'poulos',
  'owski',
  'ewski',
  'ovski',
  'evski',
  'ovich',
  'evich',
  'ovych',
  'stein',
  'enko',
  'escu',
  'eanu',
  'idis',
  'akis',
  'adze',
  'idze',
  'oglu',
  'zade',
  'mann',
  'berg',
  'feld',
  'baum',
  'sson',
  'ovic',
  'evic',
  'ski',
  'sky',
  'ska',
  'yan',
  'ian',
];

/**
 * Endings that make a new name of a whole one: patronymic and locative surname suffixes
 * (-ez, -son, -sen, -ov, -in, -ski, -owski, -enko, -czyk, -oglu, -ci, -zade…), the Hungarian
 * -né of a married woman's name, and the -i of Arabic,
 * Persian and Italian surnames. Not -a, -o (other-sex forms, see genderedPair), -e, -h, -s
 * (Brown / Browne, Eze / Ezeh, Robert / Roberts are written both ways).
 */
const NAME_EXTENSIONS = new Set([
  'ez',
  'es',
  'son',
  'sen',
  'sson',
  'ov',
  'ev',
  // Russian -kov, -ovich on a stem that makes -ov (Popov / Popkov, Ivanov / Ivankov, Volkov /
  // Volkovich): other families, from a diminutive or a father's name.
  'kov',
  'kova',
  'ova',
  'eva',
  'ovich',
  'evich',
  'in',
  'ina',
  'ian',
  'yan',
  'ski',
  'sky',
  'ska',
  'owski',
  'ewski',
  'ko',
  'enko',
  'uk',
  'chuk',
  'czyk',
  'ak',
  'ek',
  'ik',
  'ic',
  'vic',
  'oglu',
  'ci',
  'li',
  'lu',
  'er',
  'man',
  'mann',
  'zade',
  'pour',
  'ani',
  'i',
  // Hungarian -né: the wife of (Kovácsné, Jánosné), another person.
  'ne',
]);
/** How alike two family names two typing mistakes apart are: different. */
const TWO_MISTAKES = 0.78;

/**
 * The fewest typing mistakes between any two of the spellings, counted up to 3 (3 means three
 * or more); 0 for short ones (under 6 letters) and when one begins the other (a field cut
 * short: OBERHU; the Polish -owa of a wife or daughter: Nowakowa), which are no typing mistakes.
 */
function mistakes(as: readonly string[], bs: readonly string[]): number {
  let best = as.length > 0 && bs.length > 0 ? 3 : 0;
  for (const x of as)
    for (const y of bs) {
      if (x.length < 6 && y.length < 6) return 0;
      if (x.length < y.length ? y.startsWith(x) : x.startsWith(y)) return 0;
      best = Math.min(best, typingDistance(x, y, 2));
    }
  return best;
}

/** How alike a name and the same name with an ending added are: different. */
const EXTENDED = 0.7;

/**
 * Whether two spellings are one stem (three letters or more) with different name-making
 * endings, or none on one side: Martin / Martinez, Williams / Williamson, Kowalska /
 * Kowalczyk, Levi / Levin. Vowel endings against each other (Kowalski / Kowalska), -s
 * against -es or nothing (Davis / Davies) are forms of one name; -ić is written ic and ich.
 */
function otherEnding(x: string, y: string): boolean {
  let common = 0;
  while (common < x.length && common < y.length && x.charCodeAt(common) === y.charCodeAt(common)) common++;
  // One last letter against another: a form of the name (Kowalski / Kowalska) or a typo.
  if (x.length === common + 1 && y.length === common + 1) return false;
  for (let k = common; k >= 3; k--) {
    const rx = x.slice(k);
    const ry = y.slice(k);
    if (!isEnding(rx) || !isEnding(ry)) continue;
    // Davis / Davies, Robert / Roberts, Goncalve / Goncalves: one name written two ways, or a
    // letter lost.
    if (rx + ry === 's' || (rx === 's' && ry === 'es') || (rx === 'es' && ry === 's')) return false;
    // Ivanov / Ivanova, Popkov / Popkova: the other-sex form of one family name.
    if (`${rx}a` === ry || `${ry}a` === rx) return false;
    return true;
  }
  return false;
}

function isEnding(rest: string): boolean {
  return rest === '' || rest === 's' || NAME_EXTENSIONS.has(rest);
}

/** Similarity of two spellings' stems when both end in the same surname ending; 1 otherwise. */
function stemSimilarity(x: string, y: string): number {
  for (const end of SURNAME_ENDINGS) {
    if (!x.endsWith(end) || !y.endsWith(end)) continue;
    const sx = x.slice(0, -end.length);
    const sy = y.slice(0, -end.length);
    if (sx.length < 3 || sy.length < 3) return 1;
    return lengthAware([sx], [sy]);
  }
  return 1;
}

/**
 * Yoruba and Igbo names made of a name of God, a crown, joy or wealth and a word (Oluwatoyin,
 * Olusegun, Adebayo, Ayodele, Olawale, Chukwuemeka): people are called by the word after it
 * (Toyin, Segun, Bayo, Dele, Wale, Emeka), and two such names share the prefix and differ in
 * the word. Olu is Oluwa contracted (Oluseun, Oluwaseun). Longest first; the word must be
 * three letters or more after the short prefixes (Adele and Adela are one name, not Ade-).
 * Ade- before an l is left out: that is the Adel- of European names (Adelina called Lina is
 * not Yoruba, and Adeline / Line, Adelino / Lino are other people as often as not); Yoruba
 * Adeleke and Adelani lose their short forms with it.
 */
const NAME_PREFIXES: readonly [string, number][] = [
  ['chukwu', 2],
  ['oluwa', 2],
  ['olu', 3],
  ['ade', 3],
  ['ayo', 3],
  ['ola', 3],
];

/** The word after a Yoruba or Igbo name prefix (Oluwatoyin: toyin), or null. */
export function prefixedRest(x: string): string | null {
  for (const [p, min] of NAME_PREFIXES)
    if (x.startsWith(p) && x.length - p.length >= min)
      return p === 'ade' && x[3] === 'l' ? null : x.slice(p.length);
  return null;
}

/**
 * The words after a prefix both names have (Adebayo / Adebola: bayo, bola; Oluwaseun /
 * Oluseun: seun, seun), or null when they have none in common.
 */
function sharedPrefixRests(x: string, y: string): [string, string] | null {
  const rx = prefixedRest(x);
  const ry = prefixedRest(y);
  if (rx === null || ry === null) return null;
  const px = x.slice(0, x.length - rx.length);
  const py = y.slice(0, y.length - ry.length);
  const olu = (p: string) => p === 'olu' || p === 'oluwa';
  return px === py || (olu(px) && olu(py)) ? [rx, ry] : null;
}

/**
 * A Czech or Slovak woman's family name (-ová: Nováková, Svobodová, Němcová) against the
 * man's form it is made from (Novák, Svoboda, Němec), which she may bear abroad and, since
 * 2022, at home: one family, as Ivanov / Ivanova is. The -ová replaces a final vowel and takes
 * the e out of a final -ek, -ec (Janáček / Janáčková). Not a Russian or Bulgarian woman's
 * -ova, whose man's form is the -ov in the common-names lists (Popova is Popov's family, not
 * the Romanian Popa's; Volkova is not Volk), nor a man's form of four letters or fewer (Ivan,
 * Bela, Zhuk), where such chance meetings are likeliest.
 */
export function czechFeminine(woman: string, man: string): boolean {
  if (!woman.endsWith('ova') || man.length < 5) return false;
  if (commonNameGroups([woman.slice(0, -1)]).length > 0) return false;
  const stem = woman.slice(0, -3);
  if (stem === man) return true;
  if (VOWELS.includes(man[man.length - 1] ?? '') && stem === man.slice(0, -1)) return true;
  return /e[kc]$/.test(man) && stem === man.slice(0, -2) + man.slice(-1);
}

/**
 * Two Latin given-name syllables of a Chinese or Korean name (CJK codes), one spelt as only
 * Korean romanisation spells (`koreanSyllables`), compared as Korean syllables; undefined when
 * that says nothing, or when both are Hokkien or both Cantonese spellings (Boon / Bun, Keong /
 * Kiong), whose readings are not Korean ones.
 */
function koreanGivenSyllables(a: PreparedToken, b: PreparedToken): 'same' | 'other' | undefined {
  if (a.r === 'f' || b.r === 'f' || a.c !== undefined || b.c !== undefined) return undefined;
  if (!isCjkCode(a) || !isCjkCode(b)) return undefined;
  const x = a.v[0] ?? '';
  const y = b.v[0] ?? '';
  if ((isHokkienSpelling(x) && isHokkienSpelling(y)) || (isCantoneseSpelling(x) && isCantoneseSpelling(y)))
    return undefined;
  return koreanSyllables(x, y);
}

function isCjkSyllable(t: PreparedToken): boolean {
  return isCjkCode(t) || (t.e ?? EMPTY).some(isCjkClass);
}

function isCjkCode(t: PreparedToken): boolean {
  return (t.a?.[0] ?? '').charCodeAt(0) === 126;
}

/**
 * Jaro–Winkler made stricter where it is lenient for names: a shared prefix on tokens of
 * different lengths (Chiang / Chiaming) and one letter in a short token (Pham / Phan).
 */
function lengthAware(as: readonly string[], bs: readonly string[], skipCjk = false): number {
  let best = 0;
  for (const x of as) {
    // CJK codes are a syllable or two with most distinctions merged: only equality means much.
    if (skipCjk && x.charCodeAt(0) === 126) continue;
    for (const y of bs) {
      if (skipCjk && y.charCodeAt(0) === 126) continue;
      let s = jaroWinkler(x, y);
      const lx = x.length;
      const ly = y.length;
      const long = Math.max(lx, ly);
      const diff = Math.abs(lx - ly);
      if (diff > 0) s *= 1 - (0.3 * diff) / long;
      if (long <= 4) s *= 0.92;
      // A different first letter is rarely a typo and often another name (Sharma, Varma).
      if (x.charCodeAt(0) !== y.charCodeAt(0)) s *= 0.93;
      if (s > best) best = s;
    }
  }
  return best;
}

function semiticSimilarity(a: PreparedToken, b: PreparedToken): number {
  if (a.e !== undefined && b.e !== undefined) {
    if (intersects(a.e, b.e)) {
      lastKind = 'equivalent';
      return 0.95;
    }
    lastKind = 'different';
    return Math.min(0.7, bestJaroWinkler(a.s, b.s) * 0.75);
  }
  // The script's reading (long vowels where it writes them: بوعزيزي → buazizi) spelt the way
  // the Latin side is: stronger than consonants alone.
  if (intersects(a.f, b.f)) {
    lastKind = 'transliteration';
    return 0.9;
  }
  if (intersects(a.s, b.s)) {
    // One or two consonants (علي, Lewi, خليل KL) say little on their own; with a reading that
    // resembles the Latin spelling (khlil ~ khalil, kbi ~ kaabi) they say more.
    const short = (a.s[0] ?? '').length < 3 && (b.s[0] ?? '').length < 3;
    if (!short) {
      lastKind = 'skeleton';
      return 0.88;
    }
    if (bestJaroWinkler(a.a ?? a.f, b.a ?? b.f) >= 0.8 || vowelled(a, b)) {
      lastKind = 'skeleton';
      return 0.86;
    }
    lastKind = 'different';
    return 0.75;
  }
  // English spelling's silent h (John, جون): the skeletons differ by it, the reading does not.
  if (Math.min((a.s[0] ?? '').length, (b.s[0] ?? '').length) < 3 && vowelled(a, b)) {
    lastKind = 'skeleton';
    return 0.86;
  }
  // The same Double Metaphone code of three consonants or more: a Western name spelt as it
  // sounds (مايكل maikl, Michael), which the skeletons miss where English spelling is not
  // phonetic (ch for k).
  if (a.m.length >= 3 && a.m === b.m) {
    lastKind = 'phonetic';
    return 0.86;
  }
  const sj = bestJaroWinkler(a.s, b.s);
  lastKind = sj >= 0.85 ? 'skeleton' : 'different';
  return sj * 0.85;
}

/**
 * Whether the Latin token is a vowelling of the unvowelled one: the same consonants in the
 * same order, only vowels added (گل Gul, Gol; משה Moshe; its final ה or ه is a vowel letter).
 * For the short names whose skeleton alone says little.
 */
function vowelled(a: PreparedToken, b: PreparedToken): boolean {
  const script = a.c !== undefined && SEMITIC.has(a.c) ? a : b;
  const latin = script === a ? b : a;
  for (const x of script.v) {
    const reading = x.endsWith('h') && x.length > 1 ? x.slice(0, -1) : x;
    const written = consonants(reading);
    if (written.length === 0) continue;
    for (const y of latin.v) {
      // English spelling's silent h after a vowel (John, Sarah, Johnson: جون, سارة).
      const spoken = y.replace(SILENT_H, '$1');
      if (consonants(y) === written && sameVowels(reading, y)) return true;
      if (spoken !== y && consonants(spoken) === written && sameVowels(reading, spoken)) return true;
    }
  }
  return false;
}

const SILENT_H = /([aeiou])h(?![aeiouy])/g;

/**
 * Whether the long vowels the script writes (و o/u, ي i/e) are among the Latin spelling's
 * vowels at the same place: جون is John, not Jane (جين). Short vowels, unwritten, agree with
 * any; a and the letters read a (ا, א, ע) are too loose to count.
 */
function sameVowels(reading: string, latin: string): boolean {
  const r = vowelGaps(reading);
  const l = vowelGaps(latin);
  if (r.length !== l.length) return true;
  for (let i = 0; i < r.length; i++) {
    const w = r[i] as string;
    const v = l[i] as string;
    if ((w.includes('u') || w.includes('o')) && !/[ouw]/.test(v)) return false;
    if (w.includes('i') && !/[iey]/.test(v)) return false;
  }
  return true;
}

/** The vowels before the first consonant and after each consonant (doubles as one). */
function vowelGaps(x: string): string[] {
  const out: string[] = [''];
  let last = '';
  for (let i = 0; i < x.length; i++) {
    const ch = x[i] as string;
    if (VOWELS.includes(ch)) out[out.length - 1] += ch;
    else if (ch !== last) out.push('');
    if (!VOWELS.includes(ch)) last = ch;
  }
  return out;
}

function consonants(x: string): string {
  let out = '';
  for (let i = 0; i < x.length; i++) {
    const ch = x[i] as string;
    if (VOWELS.includes(ch) || ch === out[out.length - 1]) continue;
    out += ch;
  }
  return out;
}

const INITIAL_CREDIT = 0.5;

/** How much an assigned pair contributes: near-misses count, unrelated names do not. */
function credit(s: number): number {
  if (s >= 0.85) return s;
  if (s <= 0.6) return 0;
  return (s * (s - 0.6)) / 0.25;
}

// Charges for tokens left without a partner, by role (share of an average token's weight).
const MISSING_QUERY: Record<string, number> = { g: 0.6, f: 0.6, m: 0.4, p: 0.3, x: 0 };
const EXTRA_CANDIDATE: Record<string, number> = { g: 0.3, f: 0.3, m: 0.15, p: 0.08, x: 0 };

/** Default share of persons for a token when the caller supplies no frequencies. */
const COMMON_CLASSES = new Set([
  'ar:muhammad',
  'ar:ahmad',
  'ar:ali',
  'ar:hasan',
  'ar:husayn',
  'ar:abdallah',
  'ar:ibrahim',
  'ar:fatima',
  'ar:umar',
  'ar:yusuf',
  'zh:wang',
  'zh:li',
  'zh:zhang',
  'zh:liu',
  'zh:chen',
  'zh:yang',
  'zh:huang',
  'ko:kim',
  'ko:i',
  'ko:bak',
  'ko:choe',
  'ko:jeong',
  'ru:aleksandr',
  'ru:sergei',
  'ru:elena',
  'ru:ivan',
  'ru:dmitry',
  'ru:maria',
  'lat:nguyen',
]);
const DEFAULT_SHARE = 0.0005;
const COMMON_SHARE = 0.02;
const LN_DEFAULT = -Math.log(DEFAULT_SHARE);

/**
 * The key under which a token's frequency is counted: its first equivalence class, else its
 * approximate code (the same as its `t:` blocking key's code).
 */
export function frequencyKey(t: PreparedToken): string {
  return t.e?.[0] ?? t.a?.[0] ?? t.f[0] ?? '';
}

/** The keys to count for a person (one per distinct token): maintain counts with these. */
export function tokenFrequencyKeys(p: PreparedPerson): string[] {
  const out = new Set<string>();
  for (const n of p.n) for (const t of n.t) if (t.r !== 'x') out.add(frequencyKey(t));
  out.delete('');
  return [...out];
}

function share(t: PreparedToken, freq: TokenFrequency | undefined): number {
  const key = frequencyKey(t);
  const f = freq?.(key);
  if (typeof f === 'number' && Number.isFinite(f) && f > 0) return Math.min(1, f);
  if (t.e) for (const e of t.e) if (COMMON_CLASSES.has(e)) return COMMON_SHARE;
  return DEFAULT_SHARE;
}

interface QueryWeights {
  freq: TokenFrequency | undefined;
  w: Float64Array;
  info: Float64Array;
}
const weightCache = new WeakMap<PreparedQuery, QueryWeights>();

function queryWeights(q: PreparedQuery, freq: TokenFrequency | undefined): QueryWeights {
  const cached = weightCache.get(q);
  if (cached && cached.freq === freq) return cached;
  const tokens = q.n[0]?.t ?? [];
  const w = new Float64Array(tokens.length);
  const info = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const inf = -Math.log(share(t, freq));
    info[i] = inf;
    // A particle carries almost nothing; a common name less than a rare one.
    w[i] = t.r === 'x' ? 0.05 : Math.min(1.4, Math.max(0.35, inf / LN_DEFAULT));
  }
  const out = { freq, w, info };
  weightCache.set(q, out);
  return out;
}

interface NameMatch {
  score: number;
  /** Pairs as [queryIndex, candidateIndex, similarity, kind]; joined pairs use -1 for the second. */
  pairs: [number, number, number, MatchKind][];
  extraQuery: number[];
  extraCandidate: number[];
  familyMismatch: boolean;
  givenMismatch: boolean;
  /** A given name met the other's father's name and the father's name its given name. */
  generationsSwapped: boolean;
  /** Two surnames, both present, written in the other order (García Fernández / Fernández García). */
  surnamesSwapped: boolean;
  /** Two Burmese names, one with a word the other lacks (Aung San / Aung San Suu Kyi). */
  burmeseWordMore: boolean;
  /** Some token is paired with a poor partner: not strong on the name alone. */
  contradicted: boolean;
  info: number;
}

const MAX_T = 8;
/** Given name and father's name swapped: another person of the family, worth a look at most. */
const GENERATIONS_SWAPPED = 0.75;
/** What a father's name known by its agreeing initial counts as. */
const FATHER_INITIAL = 0.9;
const sim = new Float64Array(MAX_T * MAX_T);
const kinds: MatchKind[] = new Array(MAX_T * MAX_T).fill('different');

function matchName(qt: readonly PreparedToken[], ct: readonly PreparedToken[], qw: QueryWeights): NameMatch {
  const n = Math.min(qt.length, MAX_T);
  const m = Math.min(ct.length, MAX_T);
  for (let i = 0; i < n; i++) {
    const a = qt[i] as PreparedToken;
    for (let j = 0; j < m; j++) {
      const s = tokenSimilarity(a, ct[j] as PreparedToken, qw.freq);
      sim[i * MAX_T + j] = s;
      kinds[i * MAX_T + j] = lastKind;
    }
  }
  let qa = 0; // bitmask of assigned query tokens
  let ca = 0;
  const pairs: NameMatch['pairs'] = [];
  // Glued and split forms (Xiaoming / Xiao Ming, Vanderberg / van der Berg): when the token
  // counts differ, an adjacent pair on the longer side may be one token on the other.
  if (n !== m) {
    if (n > m) qa = joinPass(qt, ct, n, m, true, pairs, qa, ca);
    else ca = joinPass(ct, qt, m, n, false, pairs, ca, qa);
    for (const p of pairs) {
      qa |= 1 << p[0];
      ca |= 1 << p[1];
    }
  }
  // Greedy one-to-one assignment, best pairs first; optimal for the sizes names have in
  // all but contrived cases and far cheaper than the Hungarian method.
  for (;;) {
    let best = 0.6;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (qa & (1 << i)) continue;
      for (let j = 0; j < m; j++) {
        if (ca & (1 << j)) continue;
        // Ties go to the token of the same role, then to a family name (Ivan Ivan: the second
        // is the family name), so that an equal match does not leave the family name unpaired.
        const r = (ct[j] as PreparedToken).r;
        const s =
          (sim[i * MAX_T + j] as number) +
          ((qt[i] as PreparedToken).r === r ? 2e-6 : 0) +
          (r === 'f' ? 1e-6 : 0);
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    qa |= 1 << bi;
    ca |= 1 << bj;
    pairs.push([bi, bj, sim[bi * MAX_T + bj] as number, kinds[bi * MAX_T + bj] as MatchKind]);
  }
  let num = 0;
  let den = 0;
  let info = 0;
  let famBest = -1;
  let givenBest = -1;
  let middleBest = -1;
  let famContradicted = false;
  let contradicted = false;
  let candidateHasFamily = false;
  let candidateHasGiven = false;
  for (let j = 0; j < m; j++) {
    const t = ct[j] as PreparedToken;
    if (t.r === 'f') candidateHasFamily = true;
    // A given name known only by its initial (K. Ramesh Kumar) is not one a query can contradict.
    else if (t.r === 'g' && t.i !== 1) candidateHasGiven = true;
  }
  // South Indian order (R. Karthik for Karthik Ramasamy): the query's one name is the
  // candidate's given name, and the initial before it the father's name, which Western order
  // makes the family name — half a name, as an initial is, and no contradiction.
  let nameIsGiven = false;
  for (const [i, j, s] of pairs)
    if ((qt[i] as PreparedToken).r === 'f' && (ct[j] as PreparedToken).r === 'g' && s >= 0.84)
      nameIsGiven = true;
  for (const [i, j, s, kind] of pairs) {
    const w = qw.w[i] ?? 0.5;
    const r = (ct[j] as PreparedToken).r;
    if (nameIsGiven && r === 'f' && kind === 'initial' && s > 0 && (qt[i] as PreparedToken).i === 1) {
      num += w * INITIAL_CREDIT;
      den += w;
      if (famBest < 0.8) famBest = 0.8;
      contradicted = true;
      continue;
    }
    // A father's name written as its initial is how Mongolian and Russian documents write it
    // (Kh. Battulga for Khaltmaagiin Battulga, Vladimir V. Putin): an agreeing initial there
    // is as good as the name, and no contradiction.
    const fatherInitial = kind === 'initial' && s > 0 && (r === 'p' || (qt[i] as PreparedToken).r === 'p');
    // An initial that agrees is half a name: J. for John, V. R. for Venkata Ramana.
    num +=
      w * (fatherInitial ? credit(FATHER_INITIAL) : kind === 'initial' && s > 0 ? INITIAL_CREDIT : credit(s));
    den += w;
    if (s >= 0.85) info += qw.info[i] ?? 0;
    if (r === 'f' && s > famBest) famBest = s;
    if (r === 'f' && s < 0.8) famContradicted = true;
    if (r === 'g' && s > givenBest) givenBest = s;
    if (r === 'm' && s > middleBest) middleBest = s;
    if (s < 0.84 && r !== 'p' && !fatherInitial) contradicted = true;
  }
  const extraQuery: number[] = [];
  let spare = 0;
  const extraCandidate: number[] = [];
  for (let i = 0; i < n; i++) {
    if (qa & (1 << i)) continue;
    const t = qt[i] as PreparedToken;
    den += (qw.w[i] ?? 0.5) * (MISSING_QUERY[t.r] ?? 0.5);
    if (t.r !== 'x') {
      extraQuery.push(i);
      // A spare query token that repeats one already matched (Petrov beside Петров) is no
      // sign of another family name.
      let repeat = false;
      for (let j = 0; j < m && !repeat; j++) if ((sim[i * MAX_T + j] as number) >= 0.9) repeat = true;
      if (!repeat) spare++;
    }
  }
  for (let j = 0; j < m; j++) {
    if (ca & (1 << j)) continue;
    const t = ct[j] as PreparedToken;
    let role = t.r;
    // A second surname dropped (Juan Carlos García for Juan Carlos García Magalhães): the last
    // name is missing but the one before it, matched, was the first surname.
    if (role === 'f' && j === m - 1 && j > 0 && ca & (1 << (j - 1)) && (ct[j - 1] as PreparedToken).r === 'm')
      role = 'm';
    den += 0.8 * (EXTRA_CANDIDATE[role] ?? 0.2) * (t.i === 1 ? 0.5 : 1);
    if (t.r !== 'x') extraCandidate.push(j);
  }
  let score = den > 0 ? num / den : 0;
  let namedQuery = 0;
  for (let i = 0; i < n; i++) if ((qt[i] as PreparedToken).r !== 'x') namedQuery++;
  // The family name must be matched, or at least not contradicted: a dropped second surname
  // (Juan García for Juan García López) leaves the last token unassigned, a different family
  // name (Cheung for Leung) leaves it assigned to a poor partner or the query with a spare token.
  const familyMismatch =
    candidateHasFamily &&
    namedQuery >= 2 &&
    famBest < 0.8 &&
    (famContradicted || spare > 0 || middleBest < 0.9);
  const givenMismatch = !familyMismatch && candidateHasGiven && namedQuery >= 2 && givenBest < 0.7;
  if (familyMismatch) score *= 0.6;
  if (givenMismatch) score *= 0.82;
  // Khalid bin Omar against Omar bin Khalid: the same names, a generation apart — the son
  // and the father, as any order of tokens would otherwise pair them.
  // Without bin, an Arabic chain's second name is the father's (Saeed Abdullah against
  // Abdullah bin Saeed): once one side names a father, a middle name counts as one.
  let chain = false;
  for (let i = 0; i < n; i++) if ((qt[i] as PreparedToken).r === 'p') chain = true;
  for (let j = 0; j < m; j++) if ((ct[j] as PreparedToken).r === 'p') chain = true;
  let givenToFather = false;
  let fatherToGiven = false;
  if (chain)
    for (const [i, j] of pairs) {
      const qr = (qt[i] as PreparedToken | undefined)?.r;
      const cr = (ct[j] as PreparedToken | undefined)?.r;
      if (qr === 'g' && (cr === 'p' || cr === 'm')) givenToFather = true;
      if ((qr === 'p' || qr === 'm') && cr === 'g') fatherToGiven = true;
    }
  const generationsSwapped = givenToFather && fatherToGiven;
  if (generationsSwapped) {
    score *= GENERATIONS_SWAPPED;
    contradicted = true;
  }
  // José Luis García Fernández against José Luis Fernández García: the father's surname and
  // the mother's in the other order. Documents never swap them; a person's name re-entered by
  // a system that reads the last as the family name might, and so does the name of a cousin
  // (the children of a García and a Fernández, and of a Fernández and a García). Worth a look,
  // strong only with the full date of birth.
  const surnamesSwapped = !generationsSwapped && swappedSurnames(qt, ct, pairs);
  if (surnamesSwapped) {
    score *= SURNAMES_SWAPPED;
    contradicted = true;
  }
  // A Burmese name has no family name: every word is the person's own, and a word more or
  // fewer is another person's name (Aung San, the father, against Aung San Suu Kyi; Khin Nyunt
  // against Khin Maung Nyunt), not a second surname or a middle name dropped. Strong only with
  // the full date of birth.
  const burmeseWordMore = extraQuery.length + extraCandidate.length > 0 && burmese(qt) && burmese(ct);
  if (burmeseWordMore) contradicted = true;
  return {
    score,
    pairs,
    extraQuery,
    extraCandidate,
    familyMismatch,
    givenMismatch,
    generationsSwapped,
    surnamesSwapped,
    burmeseWordMore,
    contradicted,
    info,
  };
}

/** Whether Latin tokens are a Burmese name (`burmese.ts`). */
function burmese(ts: readonly PreparedToken[]): boolean {
  return ts.every((t) => t.c === undefined) && isBurmeseName(ts.map((t) => t.v[0] ?? ''));
}

/** Two surnames in the other order: a little less than the same order, so that it ranks below. */
const SURNAMES_SWAPPED = 0.95;

/**
 * Whether two adjacent surnames of the candidate (a family name and the surname or family
 * name before it) met two adjacent query tokens in the crossed order, both well matched and
 * not the same name.
 */
function swappedSurnames(
  qt: readonly PreparedToken[],
  ct: readonly PreparedToken[],
  pairs: NameMatch['pairs'],
): boolean {
  for (let j = 0; j + 1 < ct.length && j + 1 < MAX_T; j++) {
    const first = ct[j] as PreparedToken;
    const second = ct[j + 1] as PreparedToken;
    if (second.r !== 'f' || (first.r !== 'f' && first.r !== 'm')) continue;
    if ((first.v[0] ?? '') === (second.v[0] ?? '')) continue;
    let i1 = -1;
    let i2 = -1;
    for (const [i, jj, s, kind] of pairs) {
      if (kind === 'joined' || s < 0.85) continue;
      if (jj === j) i1 = i;
      else if (jj === j + 1) i2 = i;
    }
    if (i1 >= 0 && i2 >= 0 && i1 === i2 + 1 && (qt[i1] as PreparedToken).r !== 'x') return true;
  }
  return false;
}

/**
 * Whether a reading of a given name in characters (文興: boonheng) is one of two Latin
 * syllables (Boon, Keng) followed or preceded by another Hokkien reading than the other
 * syllable — another character, where a letter-by-letter comparison would see a typo.
 */
function otherHokkienSyllable(first: string, second: string, readings: readonly string[]): boolean {
  for (const r of readings) {
    if (r.length > first.length && r.startsWith(first)) {
      const rest = r.slice(first.length);
      if (rest !== second && isHokkienSpelling(rest) && isHokkienSpelling(second)) return true;
    }
    if (r.length > second.length && r.endsWith(second)) {
      const head = r.slice(0, r.length - second.length);
      if (head !== first && isHokkienSpelling(head) && isHokkienSpelling(first)) return true;
    }
  }
  return false;
}

// Fold and approximate code of two tokens written together, remembered: the same pairs come
// back candidate after candidate, and computing them is most of a join pass's cost.
const glueCache = new Map<string, [string[], string]>();
function gluedCodes(glued: string, cjk: boolean): [string[], string] {
  const key = cjk ? `~${glued}` : glued;
  let hit = glueCache.get(key);
  if (!hit) {
    if (glueCache.size >= 20_000) glueCache.clear();
    hit = [[fold(glued)], cjk ? cjkApprox(glued) : approx(glued)];
    glueCache.set(key, hit);
  }
  return hit;
}

/**
 * Pairs of adjacent tokens on the longer side that, joined, match one token on the other side
 * better than either part alone. Returns the longer side's assigned mask.
 */
function joinPass(
  long: readonly PreparedToken[],
  short: readonly PreparedToken[],
  nl: number,
  ns: number,
  longIsQuery: boolean,
  pairs: NameMatch['pairs'],
  maskLong: number,
  maskShort: number,
): number {
  let ml = maskLong;
  let ms = maskShort;
  for (let i = 0; i + 1 < nl; i++) {
    if (ml & (1 << i) || ml & (1 << (i + 1))) continue;
    const a = long[i] as PreparedToken;
    const b = long[i + 1] as PreparedToken;
    // CJK codes when either part is a CJK syllable (Korean Suk-yeol, Chinese Chien-kuo: parts
    // that are also surnames carry the table's class instead of a CJK code).
    const [joined, joinedApprox] = gluedCodes(
      (a.v[0] ?? '') + (b.v[0] ?? ''),
      isCjkSyllable(a) || isCjkSyllable(b),
    );
    let best = 0.9;
    let bj = -1;
    for (let j = 0; j < ns; j++) {
      if (ms & (1 << j)) continue;
      const t = short[j] as PreparedToken;
      let s = lengthAware(joined, t.f);
      if (s < 0.93 && t.a?.includes(joinedApprox)) s = 0.93;
      // Two Hokkien readings a letter apart are two characters, not a typo: Boon Keng is not
      // 文興 Boon Heng (文慶 is).
      if (t.c === 'hani' && t.v.includes((a.v[0] ?? '') + (b.v[0] ?? ''))) s = 1;
      else if (
        s < 1 &&
        t.c === 'hani' &&
        !t.a?.includes(joinedApprox) &&
        otherHokkienSyllable(a.v[0] ?? '', b.v[0] ?? '', t.v)
      )
        s = 0;
      const single = longIsQuery
        ? Math.max(sim[i * MAX_T + j] ?? 0, sim[(i + 1) * MAX_T + j] ?? 0)
        : Math.max(sim[j * MAX_T + i] ?? 0, sim[j * MAX_T + i + 1] ?? 0);
      if (s > best && s > single + 0.03) {
        best = s;
        bj = j;
      }
    }
    if (bj < 0) continue;
    ml |= (1 << i) | (1 << (i + 1));
    ms |= 1 << bj;
    const s = Math.min(0.95, best);
    if (longIsQuery) pairs.push([i, bj, s, 'joined'], [i + 1, bj, s, 'joined']);
    else pairs.push([bj, i, s, 'joined'], [bj, i + 1, s, 'joined']);
  }
  return ml;
}

interface Adjusted {
  score: number;
  date: DateAgreement | null;
  sex: 'same' | 'different' | null;
  nationality: 'same' | 'different' | null;
}

/**
 * Evidence beyond the name, in log-odds: added to the name score's logit, so that it still
 * counts between two candidates whose names both match well (a nearly matching full date of
 * birth outranks a clearly different one even behind a slightly better name). A full date
 * says more than a year; an error a person makes typing or reading (one digit, day and month
 * swapped, year off by one) still says a lot; a different full date says a lot against.
 */
const DATE_EVIDENCE_FULL: Record<DateAgreement, number> = {
  exact: 1.4,
  partial: 1.4,
  swapped: 1.1,
  'year off by one': 0.9,
  'digits transposed': 0.9,
  'one digit different': 0.9,
  'same month': -0.3,
  'same year': -0.9,
  different: -2.0,
};
/** When one side has only the year (or year and month): agreement is likely by chance. */
const DATE_EVIDENCE_PARTIAL: Record<DateAgreement, number> = {
  exact: 0.35,
  partial: 0.35,
  swapped: 0.3,
  'year off by one': 0,
  'digits transposed': 0,
  'one digit different': 0,
  'same month': 0,
  'same year': -0.3,
  different: -1.0,
};
const NAME_CERTAINTY = 0.96;
const SEX_SAME = 0.1;
const SEX_DIFFERENT = -1.3;
const NATIONALITY_SAME = 0.3;
const NATIONALITY_DIFFERENT = -0.25;

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

function adjust(
  nameScore: number,
  q: PreparedQuery,
  c: PreparedPerson,
  info: number,
  contradicted: boolean,
): Adjusted {
  // Two very common names matching is less conclusive than one rare one.
  const s = nameScore * (0.9 + 0.1 * Math.min(1, info / 12));
  let evidence = 0;
  let date: DateAgreement | null = null;
  if (q.d && c.d) {
    const a = parseDate(q.d);
    const b = parseDate(c.d);
    if (a && b) {
      date = compareDates(a, b);
      const full = a.d !== undefined && b.d !== undefined;
      let e = full ? DATE_EVIDENCE_FULL[date] : DATE_EVIDENCE_PARTIAL[date];
      // Year and month both given and agreeing: between a year and a full date.
      if (!full && date === 'partial' && a.m !== undefined && b.m !== undefined) e = 0.7;
      evidence += e;
    }
  }
  let sex: Adjusted['sex'] = null;
  if (q.x && c.x && q.x !== 'U' && c.x !== 'U') {
    sex = q.x === c.x ? 'same' : 'different';
    evidence += sex === 'same' ? SEX_SAME : SEX_DIFFERENT;
  }
  let nationality: Adjusted['nationality'] = null;
  if (q.c && c.c && q.c.length > 0 && c.c.length > 0) {
    nationality = intersects(q.c, c.c) ? 'same' : 'different';
    evidence += nationality === 'same' ? NATIONALITY_SAME : NATIONALITY_DIFFERENT;
  }
  // A name alone, however exact, is not certainty: capped before the other evidence is added,
  // so that an identical name with a different full date of birth falls to a possible match
  // and, between two well-matching names, the dates decide.
  let out = s;
  if (evidence !== 0 && s > 0) {
    out = 1 / (1 + Math.exp(-(logit(Math.min(s, NAME_CERTAINTY)) + evidence)));
    if (evidence > 0 && out < s) out = s;
  }
  // A name with a poorly matching part is at most a possible match unless the full date of
  // birth agrees.
  if (contradicted && date !== 'exact' && out >= STRONG) out = STRONG - 0.01;
  return { score: Math.max(0, Math.min(1, out)), date, sex, nationality };
}

export function bandOf(score: number): Band {
  return score >= STRONG ? 'strong' : score >= POSSIBLE ? 'possible' : 'weak';
}

interface Best {
  match: NameMatch;
  nameIndex: number;
}

function bestName(q: PreparedQuery, c: PreparedPerson, qw: QueryWeights): Best | null {
  const qt = q.n[0]?.t;
  if (!qt || qt.length === 0) return null;
  let best: Best | null = null;
  for (let k = 0; k < c.n.length; k++) {
    const ct = c.n[k]?.t;
    if (!ct || ct.length === 0) continue;
    const match = matchName(qt, ct, qw);
    if (!best || match.score > best.match.score) best = { match, nameIndex: k };
  }
  return best;
}

/** Score only, for ranking many candidates; the same number scorePerson gives. */
export function scoreOnly(q: PreparedQuery, c: PreparedPerson, freq?: TokenFrequency): number {
  const qw = queryWeights(q, freq);
  const best = bestName(q, c, qw);
  if (!best) return 0;
  return adjust(best.match.score, q, c, best.match.info, best.match.contradicted).score;
}

const FIELD: Record<string, NameItem['field']> = {
  f: 'family name',
  g: 'given name',
  p: 'patronymic',
  m: 'middle name',
  x: 'name',
};

/** Score a query against a candidate, with an explanation an officer can read. */
export function scorePerson(q: PreparedQuery, c: PreparedPerson, freq?: TokenFrequency): ScoreResult {
  const qw = queryWeights(q, freq);
  const best = bestName(q, c, qw);
  if (!best) {
    return { score: 0, band: 'weak', explanation: { text: 'no name to compare', items: [] } };
  }
  const adj = adjust(best.match.score, q, c, best.match.info, best.match.contradicted);
  const items: ExplanationItem[] = [];
  const qt = q.n[0]?.t ?? [];
  const ct = c.n[best.nameIndex]?.t ?? [];
  const seenJoined = new Set<number>();
  const sorted = [...best.match.pairs].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  for (const [i, j, s, kind] of sorted) {
    const a = qt[i];
    const b = ct[j];
    if (!a || !b) continue;
    if (kind === 'joined') {
      if (seenJoined.has(j)) continue;
      seenJoined.add(j);
      const qs = sorted.filter((p) => p[1] === j && p[3] === 'joined').map((p) => qt[p[0]]?.o ?? '');
      const cs = sorted.filter((p) => p[0] === i && p[3] === 'joined').map((p) => ct[p[1]]?.o ?? '');
      items.push({
        field: FIELD[b.r] ?? 'name',
        query: [...new Set(qs)].join(' '),
        candidate: [...new Set(cs)].join(' '),
        kind,
        similarity: round(s),
      });
      continue;
    }
    items.push({
      field: FIELD[b.r] ?? 'name',
      query: a.o,
      candidate: b.o,
      kind: s < 0.75 && kind !== 'initial' ? 'different' : kind,
      similarity: round(s),
    });
  }
  for (const i of best.match.extraQuery) {
    const a = qt[i];
    if (a) items.push({ field: 'name', query: a.o, kind: 'extra', similarity: 0 });
  }
  for (const j of best.match.extraCandidate) {
    const b = ct[j];
    if (b) items.push({ field: FIELD[b.r] ?? 'name', candidate: b.o, kind: 'missing', similarity: 0 });
  }
  if (adj.date && q.d && c.d)
    items.push({ field: 'date of birth', query: q.d, candidate: c.d, kind: adj.date });
  if (adj.sex && q.x && c.x) items.push({ field: 'sex', query: q.x, candidate: c.x, kind: adj.sex });
  if (adj.nationality && q.c && c.c)
    items.push({
      field: 'nationality',
      query: q.c.join(','),
      candidate: c.c.join(','),
      kind: adj.nationality,
    });
  const text = explanationText(items, best.match);
  return { score: round(adj.score), band: bandOf(adj.score), explanation: { text, items } };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const KIND_TEXT: Record<string, string> = {
  exact: 'same',
  transliteration: 'transliteration',
  equivalent: 'known variant of the same name',
  spelling: 'spelling variant',
  skeleton: 'same consonants (unvowelled script)',
  phonetic: 'sounds alike',
  similar: 'similar spelling',
  'other name': 'another name, not a spelling of this one',
  initial: 'initial',
  joined: 'written joined / split',
  short: 'short form of the same name',
  different: 'different',
};

function explanationText(items: ExplanationItem[], match: NameMatch): string {
  const parts: string[] = [];
  for (const it of items) {
    if (it.field === 'date of birth') {
      parts.push(
        it.kind === 'exact'
          ? 'date of birth: same'
          : it.kind === 'partial'
            ? `date of birth: ${it.query} ~ ${it.candidate}, agrees at the precision given`
            : it.kind === 'swapped'
              ? 'date of birth: day and month swapped'
              : `date of birth: ${it.query} vs ${it.candidate}, ${it.kind}`,
      );
    } else if (it.field === 'sex' || it.field === 'nationality') {
      parts.push(`${it.field}: ${it.kind === 'same' ? it.query : `${it.query} vs ${it.candidate}`}`);
    } else if (it.kind === 'missing') {
      parts.push(`${it.field} ${it.candidate} not in query`);
    } else if (it.kind === 'extra') {
      parts.push(`${it.query} not in this record's name`);
    } else {
      const how = KIND_TEXT[it.kind] ?? it.kind;
      parts.push(
        it.kind === 'exact'
          ? `${it.field}: ${it.candidate}, same`
          : `${it.field}: ${it.candidate} ~ ${it.query}, ${how}`,
      );
    }
  }
  if (match.familyMismatch) parts.push('family name does not match');
  else if (match.givenMismatch) parts.push('given name does not match');
  if (match.generationsSwapped) parts.push("given name and father's name swapped: another generation?");
  if (match.surnamesSwapped) parts.push('the two surnames in the other order: the same person, or a cousin?');
  if (match.burmeseWordMore) parts.push('a Burmese name with a word more or fewer: another person?');
  return parts.join('; ');
}
