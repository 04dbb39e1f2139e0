/**
 * Dates of birth at the precision records have them (YYYY, YYYY-MM, YYYY-MM-DD) and the
 * errors people make with them: day and month swapped, year off by one, digits transposed.
 */

export interface PartialDate {
  y: number;
  m?: number;
  d?: number;
  text: string;
}

/**
 * The earliest year read as a date of birth. Earlier ones in real files are placeholders
 * ("0000", "1111") rather than births; records refuse them so that what a record says and
 * what its search matches on cannot differ.
 */
export const EARLIEST_BIRTH_YEAR = 1850;
const LATEST_YEAR = 2200;

/** Parse YYYY, YYYY-MM or YYYY-MM-DD (also DD.MM.YYYY and DD/MM/YYYY); null if invalid. */
export function parseDate(input: unknown): PartialDate | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length > 32) return null;
  let y: number;
  let m: number | undefined;
  let d: number | undefined;
  let r = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (r) {
    y = Number(r[1]);
    m = r[2] ? Number(r[2]) : undefined;
    d = r[3] ? Number(r[3]) : undefined;
  } else {
    r = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
    if (!r) return null;
    d = Number(r[1]);
    m = Number(r[2]);
    y = Number(r[3]);
  }
  if (y < EARLIEST_BIRTH_YEAR || y > LATEST_YEAR) return null;
  if (m !== undefined && (m < 1 || m > 12)) return null;
  if (d !== undefined && (d < 1 || d > 31)) return null;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const text =
    d !== undefined && m !== undefined
      ? `${y}-${p2(m)}-${p2(d)}`
      : m !== undefined
        ? `${y}-${p2(m)}`
        : `${y}`;
  const out: PartialDate = { y, text };
  if (m !== undefined) out.m = m;
  if (d !== undefined) out.d = d;
  return out;
}

export type DateAgreement =
  | 'exact'
  | 'partial'
  | 'swapped'
  | 'year off by one'
  | 'digits transposed'
  | 'one digit different'
  | 'same year'
  | 'same month'
  | 'different';

function transposed(a: number, b: number): boolean {
  const sa = String(a);
  const sb = String(b);
  if (sa.length !== sb.length || sa === sb) return false;
  for (let i = 0; i + 1 < sa.length; i++) {
    if (
      sa[i] === sb[i + 1] &&
      sa[i + 1] === sb[i] &&
      sa.slice(0, i) === sb.slice(0, i) &&
      sa.slice(i + 2) === sb.slice(i + 2)
    )
      return true;
  }
  return false;
}

/** Same length, one digit different or two neighbouring digits swapped (12/13, 12/21, 1979/1989). */
function oneDigit(a: number, b: number, width: number): boolean {
  const sa = String(a).padStart(width, '0');
  const sb = String(b).padStart(width, '0');
  if (sa.length !== sb.length || sa === sb) return false;
  let diff = 0;
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) diff++;
  return diff === 1 || transposed(Number(`1${sa}`), Number(`1${sb}`));
}

/** How two dates of birth agree, at the precision both have. */
export function compareDates(a: PartialDate, b: PartialDate): DateAgreement {
  const bothFull = a.d !== undefined && b.d !== undefined && a.m !== undefined && b.m !== undefined;
  if (bothFull) {
    if (a.y === b.y && a.m === b.m && a.d === b.d) return 'exact';
    if (a.y === b.y && a.m === b.d && a.d === b.m) return 'swapped';
    if (Math.abs(a.y - b.y) === 1 && a.m === b.m && a.d === b.d) return 'year off by one';
    if (a.m === b.m && a.d === b.d && transposed(a.y, b.y)) return 'digits transposed';
    // A typing error in one field: one digit of the day, month or year.
    if (
      (a.y === b.y && a.m === b.m && oneDigit(a.d ?? 0, b.d ?? 0, 2)) ||
      (a.y === b.y && a.d === b.d && oneDigit(a.m ?? 0, b.m ?? 0, 2)) ||
      (a.m === b.m && a.d === b.d && oneDigit(a.y, b.y, 4))
    )
      return 'one digit different';
    if (a.y === b.y && a.m === b.m) return 'same month';
    if (a.y === b.y && (transposed(a.d ?? 0, b.d ?? 0) || a.d === b.d)) return 'same year';
    return 'different';
  }
  // Compare at the shared precision.
  if (a.m !== undefined && b.m !== undefined) {
    if (a.y === b.y && a.m === b.m) return 'partial';
    if (a.y === b.y && a.d !== undefined && a.d === b.m) return 'swapped';
    if (a.y === b.y && b.d !== undefined && b.d === a.m) return 'swapped';
    if (Math.abs(a.y - b.y) === 1 && a.m === b.m) return 'year off by one';
    if (a.y === b.y) return 'same year';
    return 'different';
  }
  if (a.y === b.y) return 'partial';
  if (Math.abs(a.y - b.y) === 1) return 'year off by one';
  if (transposed(a.y, b.y)) return 'digits transposed';
  return 'different';
}
