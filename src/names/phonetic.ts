/**
 * Phonetic codes. Double Metaphone is good for English-like spellings but splits the
 * romanisation families apart (Shcherbakov XRPK, Schtscherbakow STSK), so we add our own
 * "fold": Beider–Morse-style rewrite rules that bring the spellings different romanisation
 * traditions give the same sound to one form, and a consonant "skeleton" for matching
 * unvowelled scripts (Arabic, Persian, Hebrew) against vowelled romanisations.
 */
import { doubleMetaphone } from 'double-metaphone';

// Longest first: the alternation takes the first that matches at each position.
const FOLD_RULES: [string, string][] = [
  // Щ: shch (BGN), schtsch (German), chtch (French), šč/sc (ISO 9 stripped), shtch.
  ['schtsch', 'S'],
  ['shtsch', 'S'],
  ['chtch', 'S'],
  ['shtch', 'S'],
  ['shch', 'S'],
  ['sce', 'Se'],
  ['sci', 'Si'],
  ['sch', 'S'],
  ['sh', 'S'],
  // Ч: ch, tsch (German), tch (French), cz (Polish), č.
  ['tsch', 'C'],
  ['tch', 'C'],
  ['tsh', 'C'],
  ['cz', 'C'],
  ['ch', 'C'],
  // Ж: zh, ž, French j handled below with j.
  ['zh', 'Z'],
  ['dzh', 'J'],
  ['dj', 'J'],
  ['kh', 'H'],
  ['ph', 'F'],
  ['th', 'T'],
  ['dh', 'D'],
  ['gh', 'G'],
  ['ck', 'K'],
  // Spanish/French/Italian soft and hard c, g before front vowels.
  ['gue', 'Ge'],
  ['gui', 'Gi'],
  ['qu', 'K'],
  ['ce', 'Se'],
  ['ci', 'Si'],
  ['cy', 'Si'],
  // Ц: ts (BGN), z/tz (German), c (ISO).
  ['ts', 'Z'],
  ['tz', 'Z'],
  ['ou', 'U'],
  ['oo', 'U'],
  ['ue', 'U'],
  ['oe', 'O'],
  ['ae', 'A'],
  ['aa', 'A'],
  ['ee', 'I'],
  ['ie', 'I'],
  ['ey', 'eI'],
  ['c', 'K'],
  ['q', 'K'],
  ['x', 'KS'],
  ['w', 'V'],
  ['y', 'I'],
  ['j', 'I'],
  ['z', 'Z'],
];
/**
 * Rewrites a string by rules tried in list order at each position (the semantics of a regular
 * expression alternation), without one: by first letter, then `startsWith`. Letters no rule
 * matches are kept. Folds and skeletons run for every spelling of every token prepared.
 */
function rewriter(rules: readonly [string, string][]): (s: string) => string {
  const byFirst = new Map<string, [string, string][]>();
  for (const rule of rules) {
    const list = byFirst.get(rule[0][0] as string) ?? [];
    list.push(rule);
    byFirst.set(rule[0][0] as string, list);
  }
  return (s) => {
    let out = '';
    for (let at = 0; at < s.length; ) {
      const c = s[at] as string;
      const list = byFirst.get(c);
      let hit: [string, string] | undefined;
      if (list)
        for (const r of list)
          if (s.startsWith(r[0], at)) {
            hit = r;
            break;
          }
      if (hit) {
        out += hit[1];
        at += hit[0].length;
      } else {
        out += c;
        at++;
      }
    }
    return out;
  };
}

const foldRewrite = rewriter(FOLD_RULES);

/**
 * The approximate phonetic form of a lowercase ASCII token; equal folds mean "the same name
 * spelt by another romanisation tradition" (Schtscherbakow, Shcherbakov, Chtcherbakov → Serbakov).
 */
export function fold(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  s = foldRewrite(s).toLowerCase();
  // Doubled letters carry no information across romanisations (Youssef, Yusef).
  s = s.replace(/(.)\1+/g, '$1');
  // A final h after a vowel is silent in most traditions (Fatimah, Abdullah).
  if (s.length > 3) s = s.replace(/([aeiou])h$/, '$1');
  // French and Maghreb spellings add a silent final e (Abderrahmane, Karime).
  if (s.length > 4) s = s.replace(/([^aeiou])e$/, '$1');
  return s;
}

// Classes for the skeleton: consonants that romanisations of Semitic scripts confuse.
const SKELETON_RULES: [string, string][] = [
  ['sch', 'S'],
  ['sh', 'S'],
  ['ch', 'S'],
  ['kh', 'K'],
  ['gh', 'G'],
  ['th', 'T'],
  ['dh', 'D'],
  ['ph', 'B'],
  ['dj', 'G'],
  ['dzh', 'G'],
  ['zh', 'Z'],
  // Hebrew צ (Peretz, Katz, Tzipi): not the s of ס and ש (Peres).
  ['ts', 'C'],
  ['tz', 'C'],
  ['ck', 'K'],
  ['ce', 'S'],
  ['ci', 'S'],
  ['c', 'K'],
  ['q', 'K'],
  ['k', 'K'],
  ['x', 'KS'],
  ['j', 'G'],
  ['g', 'G'],
  ['p', 'B'],
  ['f', 'B'],
  ['v', 'B'],
  ['b', 'B'],
  ['s', 'S'],
  ['z', 'Z'],
  ['t', 'T'],
  ['d', 'D'],
];
const skeletonRewrite = rewriter(SKELETON_RULES);

/**
 * Consonant skeleton of a lowercase ASCII token: vowels, w, y and apostrophes (ʿayn) dropped,
 * confusable consonants merged, doubles collapsed. Mohammed, Muhammad, Mohamed → MHMD.
 */
export function latinSkeleton(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  // A final h after a vowel stands for ta marbuta or is silent.
  s = s.replace(/([aeiou])h$/, '$1');
  s = skeletonRewrite(s);
  s = s.replace(/[aeiouwy]/g, '').toUpperCase();
  return s.replace(/(.)\1+/g, '$1');
}

/** Double Metaphone primary code of an ASCII token ('' when it has none). */
export function metaphone(ascii: string): string {
  if (ascii.length === 0) return '';
  try {
    return doubleMetaphone(ascii)[0] ?? '';
  } catch {
    return '';
  }
}

// --- approximate code: one form for a name however it was romanised ---------------------------

// Multi-letter spellings to one class letter, longest first. Upper case marks a consonant class
// already decided; lower case letters (vowels, glides) are decided after. S: every sibilant and
// affricate (ш щ ж з с ц ч: sh, shch, zh, z, s, ts, ch, tch, tsch, cz, ş, ç); H: х, г and h
// (kh, h, g: Ukrainian h is Russian g, German ch is kh); K: k, c, q and gh (Persian ق and غ);
// J: дж/ج (j, dzh, dj, dsch).
const APPROX_RULES: [string, string][] = [
  ['schtsch', 'S'],
  ['shtsch', 'S'],
  ['chtch', 'S'],
  ['shtch', 'S'],
  ['shch', 'S'],
  ['dsch', 'J'],
  ['dzh', 'J'],
  ['tsch', 'S'],
  ['tch', 'S'],
  ['tsh', 'S'],
  ['sch', 'S'],
  ['ch', '?'], // by tradition and position, below
  ['sh', 'S'],
  ['zh', 'S'],
  ['dj', 'J'],
  ['dz', 'J'],
  ['cz', 'S'],
  ['sz', 'S'],
  ['ts', 'S'],
  ['tz', 'S'],
  ['kh', 'H'],
  ['gh', 'K'], // Persian and Arabic gh and q are one sound for most (Ghasemi / Qasemi)
  ['ph', 'F'],
  ['th', 'T'],
  ['dh', 'D'],
  ['ck', 'K'],
  ['qu', 'K'],
  ['gue', 'He'],
  ['gui', 'Hi'],
  ['ce', 'Se'],
  ['ci', 'Si'],
  ['cy', 'Si'],
  ['eau', 'o'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['ue', 'u'],
  ['oe', 'o'],
  ['ee', 'i'],
  ['j', '!'], // by tradition and position, below
  ['c', 'K'],
  ['q', 'K'],
  ['k', 'K'],
  ['x', 'KS'],
  ['s', 'S'],
  ['z', 'S'],
  ['w', 'V'],
  ['v', 'V'],
  ['f', 'F'],
  ['h', 'H'],
  ['g', 'H'],
  ['d', 'D'],
  ['t', 'T'],
  ['b', 'B'],
  ['p', 'P'],
  ['l', 'L'],
  ['m', 'M'],
  ['n', 'N'],
  ['r', 'R'],
];
// Rules by first letter, longest first: a scan instead of a regular expression (this runs for
// every spelling of every token prepared).
const APPROX_BY_FIRST = new Map<string, [string, string][]>();
for (const rule of APPROX_RULES) {
  const list = APPROX_BY_FIRST.get(rule[0][0] as string) ?? [];
  list.push(rule);
  APPROX_BY_FIRST.set(rule[0][0] as string, list);
}
for (const list of APPROX_BY_FIRST.values()) list.sort((x, y) => y[0].length - x[0].length);
const isVowel = (c: string | undefined) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
const isConsonant = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * An approximate phonetic code, coarser than `fold`, meant to be the same for the spellings the
 * romanisation traditions give one name: Fyodorov / Fedorov / Fjodorow / Fiodorov, Solovyov /
 * Solowjow / Soloviev / Solovev, Tchernychev / Tschernyschow / Chernyshev, Zaytsev / Saizew /
 * Zajcev, Khrushchev / Chruschtschow / Khrouchtchev, Natalya / Natalia, Smirnoff / Smirnov,
 * Bohdan / Bogdan. Rules, each for a family of ambiguities rather than a name:
 * - sibilants and affricates are one class (German s = з and z = ц, ISO c = ц, French j = ж,
 *   French ch = ш, English ch = ч), х/г/h another (kh, h, g, gh; German ch before a consonant
 *   or in a German-looking token), дж a third (j, dj, dzh, dsch);
 * - j is a glide before a consonant, at the end, and in German-looking tokens (sch, w, tz); y is
 *   always one; a glide after a consonant before a vowel vanishes (ья: ya/ia/ja → a), as does a
 *   glide before e at the start or after a vowel (Yelena, Andreyev); a glide + o between
 *   consonants is ё, written e just as often (Fyodorov, Pyotr, Semyon, Artyom);
 * - final -ov/-ev/-ow/-ew/-off/-eff/-of (and -ova, -eva) keep only the v;
 * - vowels o/u and e/i are merged (Omar/Umar, Khalid/Khaled, Jung/Jong); doubled letters, a final
 *   h after a vowel and a final e after a consonant are dropped.
 * Equal codes are evidence of one name, weaker than equal folds.
 */
export function approx(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  const german = /sch|w|tz/.test(s);
  const french = !german && /tch|ou/.test(s);
  let mapped = '';
  for (let at = 0; at < s.length; ) {
    const rules = APPROX_BY_FIRST.get(s[at] as string);
    let rule: [string, string] | undefined;
    if (rules)
      for (const r of rules)
        if (s.startsWith(r[0], at)) {
          rule = r;
          break;
        }
    if (!rule) {
      // Vowels, and y: a glide or i.
      mapped += s[at] === 'y' ? 'i' : s[at];
      at++;
      continue;
    }
    const m = rule[0];
    const next = s[at + m.length];
    at += m.length;
    if (m === 'ch') mapped += german || (next !== undefined && !isVowel(next) && next !== 'y') ? 'H' : 'S';
    else if (m === 'j') {
      if (french && isVowel(next)) mapped += 'S';
      else if (german || next === undefined || !(isVowel(next) || next === 'y')) mapped += 'i';
      else mapped += 'J';
    } else mapped += rule[1];
  }
  s = mapped;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const prev = out[out.length - 1];
    const next = s[i + 1];
    if (c === 'i' && isVowel(next)) {
      // ё after a consonant, before a consonant: Fyodor, Pyotr, Semyon.
      if (next === 'o' && isConsonant(prev) && isConsonant(s[i + 2])) {
        out += 'e';
        i++;
        continue;
      }
      // A glide after a consonant (ья, ia, ja), or before e at the start or after a vowel.
      if (isConsonant(prev) || (next === 'e' && (prev === undefined || isVowel(prev)))) continue;
    }
    out += c;
  }
  s = out;
  let end = s.length;
  // -ov/-ev/-off/-ow (w is V by now) and the feminine -ova/-eva: the v is the ending.
  const fem = s.endsWith('a') ? 1 : 0;
  const tail = s.slice(0, end - fem);
  // A single f only after a longer stem: Ivanof, Petrof, but not Yusef, Yosef, Josef.
  const ending = tail.endsWith('V') ? 1 : tail.endsWith('FF') ? 2 : tail.endsWith('F') ? -1 : 0;
  let cut = -1;
  if (ending !== 0) {
    const v = tail.length - Math.abs(ending) - 1;
    const stem = ending < 0 ? tail.slice(0, v).replace(/(.)\1+/g, '$1').length : v;
    if (stem >= (ending < 0 ? 4 : 3) && (tail[v] === 'e' || tail[v] === 'o')) cut = v;
  }
  if (cut < 0 && end > 4 && s[end - 1] === 'e' && isConsonant(s[end - 2])) end--;
  let code = '';
  let last = '';
  for (let i = 0; i < end; i++) {
    let c = s[i] as string;
    if (i === cut) {
      // The vowel and f/v of the ending become one v.
      c = 'v';
      i += Math.abs(ending);
    } else if (c === 'o') c = 'u';
    else if (c === 'e') c = 'i';
    else if (c >= 'A' && c <= 'Z') c = c.toLowerCase();
    if (c !== last) code += c;
    last = c;
  }
  // A final h after a vowel (Fatimah, Abdullah).
  if (code.length > 3 && code.endsWith('h')) {
    const p = code[code.length - 2];
    if (p === 'a' || p === 'i' || p === 'u') code = code.slice(0, -1);
  }
  return code;
}

/**
 * The approximate code of a Latin syllable string in a Chinese or Korean name, where the
 * romanisations disagree on other letters than in the West: pinyin against Wade–Giles without
 * its apostrophes (Jing / Ching, Qiang / Chiang, Xu / Hsu, Zhi / Chih, Zi / Tzu, Guanyu /
 * Kuan-yu, Jianhong / Chien-hung, Jie / Chieh) and the Revised Romanisation of Korean against
 * McCune–Reischauer and passport habits (Jiseong / Jisung / Chisong, Donghyeon / Donghyun, Eunji
 * / Unji, Soojin / Sujin). Voiced and voiceless stops are one (b/p, d/t, g/k), so are the
 * affricates (j, q, zh, ch, z, c, ts, tz) and the sibilants (x, hs, s, sh, ss); eo, eu, oo,
 * ou and o are u; ien is ian, ieh and ih lose the h, y and w are glides. Prefixed with "~" so it
 * never meets a Western code by accident.
 */
export function cjkApprox(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  s = s
    // ng before a vowel starts the next syllable (Jianguo: jian-guo, Wade–Giles Chien-kuo).
    .replace(/ng(?![aeiou])/g, 'N')
    .replace(/hs|sh|ss|x/g, 's')
    .replace(/tz|ts|zh|ch|j|q|z|c/g, 'c')
    .replace(/b/g, 'p')
    .replace(/d/g, 't')
    .replace(/g/g, 'k')
    .replace(/ien/g, 'ian')
    // Wade–Giles chih, shih, tzu-ih: a final h. Not the h that starts the next syllable (Korean
    // Ji-hyeon, Ji-hoon), which tells 지현 from 지훈.
    .replace(/([cs])ih(?![aeiouy])/g, '$1i')
    .replace(/ieh/g, 'ie')
    .replace(/eo|eu|oo|ou|o/g, 'u')
    .replace(/w/g, 'u')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/N/g, 'ng');
  return `~${s}`;
}
