/**
 * Arabic compound names written glued, split or hyphenated (Abdulrahman, Abdul Rahman,
 * Abd al-Rahman, Abderrahmane; Nasreddine, Nasr al-Din, Nasruddin) brought to one canonical
 * Latin form: "abd" + stem, stem + "din". Used both on tokens and on the equivalence tables,
 * so that the tables can list spellings the way people write them.
 */

const ABD_GLUED =
  /^abd(?:[aeiou]{1,2}l|[aeiou]{1,2}(?=([bcdfghjklmnpqrstvwxz])\1)|[aeiou]{0,2})-?([a-z]{3,})$/;
const DIN_GLUED = /^([a-z]{3,}?)(?:[aeiou]d-?d|[aeiou]l-?d|[aeiou]d-)(?:i|ee|ie)ne?$/;
/** Habibullah, Habibollah, Habib-Ullah, Rahmatulla: stem + "ullah" (a double l or a final h). */
const ULLAH_GLUED = /^([a-z]{3,}?)-?(?:[uoa]ll(?:ah|aah|a)|[uo]lah)$/;

/** Canonical form of one lowercase ASCII token (identity for non-compounds). */
export function canonicalCompound(token: string): string {
  const abd = ABD_GLUED.exec(token);
  if (abd) {
    let stem = abd[2] ?? '';
    // Sun-letter assimilation doubles the stem's first consonant (Abderrahmane).
    if (abd[1] && stem.startsWith(abd[1])) stem = stem.slice(1);
    return `abd${stem}`;
  }
  const din = DIN_GLUED.exec(token);
  if (din) return `${din[1]}din`;
  const ullah = ULLAH_GLUED.exec(token);
  if (ullah) return `${ullah[1]}ullah`;
  return token;
}

/** First parts that join the next token into an "abd" compound (Abdul Rahman). */
export const ABD_PREFIXES = new Set([
  'abd',
  'abdul',
  'abdel',
  'abdal',
  'abdol',
  'abdu',
  'abdou',
  'abdoul',
  'abdur',
  'abder',
  'abdus',
  'abdes',
  'abdoel',
  'abdil',
]);

/** Arabic articles written as separate tokens or hyphen prefixes (al-, el-, ad-, ud-…). */
export const ARTICLES = new Set([
  'al',
  'el',
  'ul',
  'ad',
  'ud',
  'ed',
  'ar',
  'er',
  'ur',
  'as',
  'es',
  'us',
  'at',
  'an',
  'ash',
  'az',
  'ez',
]);

/**
 * Second parts that join the previous token into an "ullah" compound (Habib Ullah, Zabih
 * Allah): only the forms with the final h — Alla, Ulla and Olla are given names of their own
 * (Pugacheva Alla, Svensson Ulla).
 */
export const ULLAH_WORDS = new Set(['ullah', 'ollah', 'allah', 'ulah', 'olah', 'ullaah']);

/** Second parts that join the previous token into a "din" compound (Nasr al-Din). */
export const DIN_WORDS = new Set(['din', 'deen', 'dine', 'ddin', 'ddine', 'eddine', 'uddin', 'eddin']);
