/** Public data shapes of the names library. Prepared forms are JSON-serialisable. */
import type { Role } from './parse.ts';

export type Sex = 'M' | 'F' | 'U';

export interface PersonNameInput {
  /** The whole name in one string, any script and order. */
  full: string;
  given?: string;
  family?: string;
  /** ISO 15924 code or free text; informative only (scripts are detected per token). */
  script?: string;
}

export interface PersonInput {
  names: PersonNameInput[];
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  dateOfBirth?: string;
  sex?: Sex;
  /** ISO 3166-1 alpha-2 codes. */
  nationalities?: string[];
}

export interface QueryInput {
  name: string;
  dateOfBirth?: string;
  sex?: Sex;
  nationality?: string;
}

/**
 * One token, precomputed. Short keys keep the jsonb column small (about 60–120 bytes per
 * token).
 */
export interface PreparedToken {
  /** Display form as written. */
  o: string;
  /** Role: g given, f family, p patronymic, m middle/unknown, x particle. */
  r: Role;
  /** Lowercase ASCII romanisations, most standard first. */
  v: string[];
  /** Folded phonetic forms (see phonetic.ts), distinct. */
  f: string[];
  /**
   * Approximate codes (see `approx` in phonetic.ts): the same for the spellings the
   * romanisation traditions give one name (Fyodorov / Fedorov / Fjodorow), distinct.
   */
  a: string[];
  /** Consonant skeletons (only for Arabic/Persian/Hebrew script tokens and Latin tokens). */
  s: string[];
  /** Double Metaphone primary code of the first romanisation. */
  m: string;
  /** Equivalence classes (e.g. "ar:muhammad"), when the tables know the name. */
  e?: string[];
  /**
   * Queries only: classes of a table spelling one edit away, for blocking keys (a typo in a
   * name the tables know: Zhaang, Paewl); never used in scoring.
   */
  k?: string[];
  /** Names this token is a full or short form of (equivalences/short-forms.ts): Bill, William → william. */
  h?: string[];
  /** Script when not Latin: cyrl, grek, arab, hebr, hani, hang, kana, deva, thai, other. */
  c?: string;
  /** 1 when the token is an initial (J. or J). */
  i?: 1;
  /** 1 for a syllable of a Vietnamese name, where one vowel makes another name (Minh, Manh). */
  y?: 1;
  /**
   * The name in the characters that tell names apart where Latin letters cannot: Han (in
   * simplified form, so 張 is 张; 章 stays 章), Hangul (the initial-sound law applied: 리 is 이),
   * a Vietnamese given name with its marks (Hùng is not Hưng). Two tokens that both have one
   * are the same name only if it is the same.
   */
  n?: string;
}

export interface PreparedName {
  t: PreparedToken[];
}

export interface PreparedPerson {
  /** Format version of this shape; bump when stored forms must be recomputed. */
  v: 1;
  n: PreparedName[];
  /** Date of birth as given (validated: YYYY, YYYY-MM or YYYY-MM-DD). */
  d?: string;
  x?: Sex;
  /** Nationalities, upper-case alpha-2. */
  c?: string[];
}

/** A query is a prepared person with one name. */
export interface PreparedQuery extends PreparedPerson {
  /** The query text as cleaned, for explanations and audit fingerprints. */
  q: string;
}

/**
 * Token frequency: the share (0..1) of persons having a token, looked up by the key
 * `tokenFrequencyKeys()` gives. Unknown tokens: return undefined or 0.
 */
export type TokenFrequency = (key: string) => number | undefined;

export type Band = 'strong' | 'possible' | 'weak';

export type MatchKind =
  | 'exact'
  | 'transliteration'
  | 'equivalent'
  | 'spelling'
  | 'skeleton'
  | 'phonetic'
  | 'similar'
  /** Both names of their own (common or in the tables), one not a spelling of the other. */
  | 'other name'
  | 'initial'
  | 'joined'
  | 'short'
  | 'different';

export interface NameItem {
  field: 'family name' | 'given name' | 'patronymic' | 'middle name' | 'name';
  /** Query token (absent when the candidate has a token the query lacks). */
  query?: string;
  /** Candidate token (absent when the query has a token the candidate lacks). */
  candidate?: string;
  kind: MatchKind | 'missing' | 'extra';
  similarity: number;
}

export interface DateItem {
  field: 'date of birth';
  query: string;
  candidate: string;
  kind:
    | 'exact'
    | 'partial'
    | 'swapped'
    | 'year off by one'
    | 'digits transposed'
    | 'one digit different'
    | 'same year'
    | 'same month'
    | 'different';
}

export interface AttributeItem {
  field: 'sex' | 'nationality';
  query: string;
  candidate: string;
  kind: 'same' | 'different';
}

export type ExplanationItem = NameItem | DateItem | AttributeItem;

export interface Explanation {
  text: string;
  items: ExplanationItem[];
}

export interface ScoreResult {
  score: number;
  band: Band;
  explanation: Explanation;
}
