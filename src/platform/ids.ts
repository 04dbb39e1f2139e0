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
let lastMs = 0;
let counter = 0;

/**
 * UUIDv7 (RFC 9562): time-ordered primary keys that index well. Within one millisecond a
 * 12-bit counter in rand_a keeps ids of this process strictly increasing (method 1 of the
 * RFC, section 6.2); it starts at a random value below 2048 so that it rarely overflows,
 * and an overflow borrows the next millisecond.
 */
export function newId(): string {
  const random = randomSlice(10);
  let ms = Date.now();
  if (ms > lastMs) {
    counter = ((random[8]! << 8) | random[9]!) & 0x7ff;
  } else {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms++;
      counter = 0;
    }
  }
  lastMs = ms;
  const b = new Uint8Array(16);
  b[0] = (ms / 2 ** 40) & 0xff;
  b[1] = (ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | (counter >>> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (random[0]! & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = random[i - 8]!;
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
