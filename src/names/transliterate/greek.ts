/**
 * Greek romanisation: ELOT 743 / ISO 843 (passports since 2011: Eleftherios, Papadopoulos)
 * plus the older phonetic and classical spellings people still type (Eleutherios,
 * Papadopulos, Christos / Hristos).
 */
import { stripDiacritics } from '../normalise.ts';

// Digraphs first. Columns: ELOT 743, phonetic/passport-older, classical.
const DIGRAPHS: Record<string, readonly [string, string, string]> = {
  αι: ['ai', 'e', 'ai'],
  ει: ['ei', 'i', 'ei'],
  οι: ['oi', 'i', 'oi'],
  ου: ['ou', 'u', 'ou'],
  υι: ['yi', 'i', 'yi'],
  αυ: ['av', 'af', 'au'],
  ευ: ['ev', 'ef', 'eu'],
  ηυ: ['iv', 'if', 'eu'],
  μπ: ['mp', 'b', 'mp'],
  ντ: ['nt', 'd', 'nt'],
  γκ: ['gk', 'g', 'gk'],
  γγ: ['ng', 'ng', 'gg'],
  τζ: ['tz', 'dz', 'tz'],
};
const LETTERS: Record<string, readonly [string, string, string]> = {
  α: ['a', 'a', 'a'],
  β: ['v', 'v', 'b'],
  γ: ['g', 'g', 'g'],
  δ: ['d', 'd', 'd'],
  ε: ['e', 'e', 'e'],
  ζ: ['z', 'z', 'z'],
  η: ['i', 'i', 'e'],
  θ: ['th', 'th', 'th'],
  ι: ['i', 'i', 'i'],
  κ: ['k', 'k', 'c'],
  λ: ['l', 'l', 'l'],
  μ: ['m', 'm', 'm'],
  ν: ['n', 'n', 'n'],
  ξ: ['x', 'ks', 'x'],
  ο: ['o', 'o', 'o'],
  π: ['p', 'p', 'p'],
  ρ: ['r', 'r', 'r'],
  σ: ['s', 's', 's'],
  ς: ['s', 's', 's'],
  τ: ['t', 't', 't'],
  υ: ['y', 'i', 'y'],
  φ: ['f', 'f', 'ph'],
  χ: ['ch', 'h', 'ch'],
  ψ: ['ps', 'ps', 'ps'],
  ω: ['o', 'o', 'o'],
};

/** Greek token → its romanisations (lowercase ASCII, deduplicated). */
export function romaniseGreek(token: string): string[] {
  // Accents and diaeresis matter only to split digraphs (Αϊ), which we accept losing.
  const s = stripDiacritics(token.toLowerCase());
  const out = new Set<string>();
  for (let style = 0; style < 3; style++) {
    let r = '';
    for (let i = 0; i < s.length; ) {
      const two = s.slice(i, i + 2);
      const d = DIGRAPHS[two];
      if (d) {
        let piece = d[style] ?? '';
        // αυ/ευ are af/ef before voiceless consonants.
        if (style === 0 && (two === 'αυ' || two === 'ευ') && /[θκξπστφχψ]/.test(s[i + 2] ?? '')) {
          piece = two === 'αυ' ? 'af' : 'ef';
        }
        if (style === 0 && (two === 'μπ' || two === 'ντ') && i === 0) piece = two === 'μπ' ? 'b' : 'd';
        r += piece;
        i += 2;
        continue;
      }
      const ch = s[i] ?? '';
      r += LETTERS[ch]?.[style] ?? ch;
      i += 1;
    }
    const ascii = r.replace(/[^a-z]/g, '');
    if (ascii) out.add(ascii);
  }
  return [...out];
}
