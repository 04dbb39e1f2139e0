/**
 * Armenian given names that Armenian family names are made of (Karapet → Karapetyan), as their
 * stems are written in Latin letters, Eastern first. A Latin family name in -yan or -ian is
 * read in Western Armenian too only when its stem, or the stem read the other way, is one of
 * these: -ian is just as common in Persian names (Bagherian) and not rare in English and Irish
 * ones (Killian), where swapping the stops makes another family of a name. Compared with ou
 * as u, y as i and doubled letters once (Haroutiounian, Mardirossian).
 */
export const ARMENIAN_NAME_STEMS: readonly string[] = [
  'abraham',
  'arakel',
  'aram',
  'arshak',
  'asatur',
  'asatr',
  'avag',
  'avetik',
  'avetis',
  'baghdasar',
  'danel',
  'daniel',
  'davit',
  'davt',
  'galust',
  'galst',
  'garegin',
  'gaspar',
  'gevorg',
  'ghazar',
  'grigor',
  'hakob',
  'hambardzum',
  'harutyun',
  'harutun',
  'hayrapet',
  'hovakim',
  'hovhannes',
  'hovhannis',
  'hovsep',
  'karapet',
  'khachatur',
  'khachatr',
  'khachik',
  'kirakos',
  'manuk',
  'markos',
  'martiros',
  'melkon',
  'mikael',
  'mikayel',
  'minas',
  'mkrtich',
  'mkrtch',
  'mnatsakan',
  'movses',
  'movsis',
  'nazaret',
  'nerses',
  'nersis',
  'ohan',
  'oganes',
  'ovanes',
  'petros',
  'poghos',
  'sahak',
  'sargis',
  'sargs',
  'sarkis',
  'simon',
  'stepan',
  'tadevos',
  'tigran',
  'toros',
  'vardan',
  'zakar',
];

/**
 * Stems of the table that are given names of other peoples too (Daniel, Simon, the Greek
 * Petros and Markos, the Russian Stepan): a name with one of them is not thereby Armenian, so
 * its -ian family name is not read the other way for it (Daniel Killian is no Gillian).
 */
export const SHARED_GIVEN_NAMES: readonly string[] = [
  'abraham',
  'daniel',
  'gaspar',
  'markos',
  'mikael',
  'petros',
  'simon',
  'stepan',
];
