import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords per NIST SP 800-63B: length (12 to 256 characters), no composition rules, and
 * a refusal of passwords that attackers try first: leaked and common ones, repetitions and
 * sequences, and words taken from the context (the username, the product's name).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
const CONTEXT_WORDS = ['concord', 'interpol', 'police', 'password'];

/** Returns why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.normalize('NFKC').toLowerCase();
  if (COMMON.has(lower)) return 'is a commonly used or leaked password';
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (
    core.length >= 4 &&
    (COMMON.has(core) || CONTEXT_WORDS.includes(core)) &&
    core.length * 2 >= lower.length
  ) {
    return 'is a common password with a few characters added';
  }
  if (/^(.{1,4})\1+$/u.test(lower)) return 'is a repetition of a few characters';
  if (isSequence(lower)) return 'is a sequence of characters';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) return 'must not contain the username';
  if (
    CONTEXT_WORDS.some((word) => lower === word || (lower.includes(word) && lower.length - word.length < 6))
  ) {
    return 'is too close to a word that attackers try first';
  }
  return null;
}

/** Runs along the alphabet, the digits (wrapping 9 to 0) or a keyboard row, either way. */
const KEYBOARD_RUNS = [
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertzuiopasdfghjklyxcvbnm',
  '1234567890',
];

function isSequence(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  const digits = /^\d+$/.test(text);
  const stepOk = (a: number, b: number) =>
    b - a === step || (digits && (b - a + 10) % 10 === (step + 10) % 10);
  if (Math.abs(step) === 1 && codes.every((code, i) => i === 0 || stepOk(codes[i - 1]!, code))) return true;
  const reversed = [...text].reverse().join('');
  return KEYBOARD_RUNS.some((run) => {
    const cycle = run + run;
    return cycle.includes(text) || cycle.includes(reversed);
  });
}

// OWASP's argon2id recommendation: m=19 MiB, t=2, p=1.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('concord-dummy-password-for-timing');
  return dummyHash;
}
