import { randomBytes, randomFillSync } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: on the check path (an audit entry and a hit
// reference per search) a system call per id showed up in profiles — the uuid package
// draws 16 fresh bytes for every id.
const pool = new Uint8Array(4096);
let offset = pool.length;

function randomSlice(length: number): Uint8Array {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + length);
  offset += length;
  return slice;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7 (RFC 9562): time-ordered primary keys that index well. Within one millisecond a
 * 12-bit counter in rand_a keeps ids of this process strictly increasing (method 1 of the
 * RFC, section 6.2); it starts at a random value below 2048 so that it rarely overflows,
 * and an overflow borrows the next millisecond.
 */
export function newId(): string {
  return next(clockIds, Date.now(), Number.POSITIVE_INFINITY);
}

/**
 * A UUIDv7 whose time is the given instant, for rows whose time is also stored and whose
 * id then stands for it in an index (a message's id and its sending time:
 * `src/messaging/message-time.ts`). Ids made for the same instant, or one a little before
 * the last (up to a second), increase as newId's do and may run up to a second ahead of it;
 * an instant further back (a clock set back) starts again from it.
 */
export function newIdAt(at: Date): string {
  return next(givenTimeIds, at.getTime(), 1000);
}

/** The last millisecond and counter of a run of ids that must increase. */
interface Sequence {
  lastMs: number;
  counter: number;
}
const clockIds: Sequence = { lastMs: 0, counter: 0 };
const givenTimeIds: Sequence = { lastMs: 0, counter: 0 };

/**
 * The next id of a sequence at `ms`: a new millisecond starts the counter at random below
 * 2048; the same or an earlier one (within `restartAfterMs`) continues the last, an overflow
 * borrowing the next millisecond.
 */
function next(seq: Sequence, ms: number, restartAfterMs: number): string {
  const random = randomSlice(10);
  if (ms > seq.lastMs || ms < seq.lastMs - restartAfterMs) {
    seq.counter = ((random[8]! << 8) | random[9]!) & 0x7ff;
  } else {
    ms = seq.lastMs;
    seq.counter++;
    if (seq.counter > 0xfff) {
      ms++;
      seq.counter = 0;
    }
  }
  seq.lastMs = ms;
  return format(ms, seq.counter, random);
}

/** The smallest UUID of the given millisecond: every UUIDv7 of it or later sorts at or above. */
export function firstIdAt(ms: number): string {
  return format(Math.max(0, Math.min(ms, 2 ** 48 - 1)), 0, null);
}

/** The millisecond a UUIDv7 carries, or null for another kind of UUID. */
export function idTime(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** Lays out RFC 9562's fields; without random bytes, the version and variant are zero too. */
function format(ms: number, counter: number, random: Uint8Array | null): string {
  const b = new Uint8Array(16);
  b[0] = (ms / 2 ** 40) & 0xff;
  b[1] = (ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  if (random) {
    b[6] = 0x70 | (counter >>> 8);
    b[7] = counter & 0xff;
    b[8] = 0x80 | (random[0]! & 0x3f);
    for (let i = 9; i < 16; i++) b[i] = random[i - 8]!;
  }
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[b[i]!];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

/** An unguessable token (sessions, API keys, CSRF): 256 bits, URL-safe. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
