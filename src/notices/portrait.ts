import { crc32, deflateSync } from 'node:zlib';

/**
 * Demo photographs drawn in code: a head-and-shoulders silhouette on a plain background,
 * encoded as PNG (RGB, 8 bits, filter 0, zlib) with Node's zlib — no image library and
 * nothing downloaded. Colours vary with a seed so that the demo notices do not all look alike.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SKIN: [number, number, number][] = [
  [92, 60, 42],
  [141, 94, 66],
  [198, 142, 103],
  [226, 186, 150],
  [120, 80, 55],
];
const BACKGROUND: [number, number, number][] = [
  [206, 212, 218],
  [222, 226, 230],
  [190, 200, 214],
  [214, 208, 198],
];

export function portraitPng(seed: number, width = 160, height = 200): Buffer {
  const skin = SKIN[seed % SKIN.length]!;
  const back = BACKGROUND[(seed >> 2) % BACKGROUND.length]!;
  const shirt: [number, number, number] = [
    40 + ((seed * 37) % 120),
    50 + ((seed * 53) % 100),
    60 + ((seed * 71) % 120),
  ];
  const hair: [number, number, number] =
    seed % 3 === 0 ? [30, 24, 20] : seed % 3 === 1 ? [70, 50, 35] : [120, 120, 118];
  const cx = width / 2;
  const headY = height * 0.38;
  const rx = width * 0.2;
  const ry = height * 0.2;
  return encodePng(width, height, (x, y) => {
    const dx = (x - cx) / rx;
    const dy = (y - headY) / ry;
    if (dx * dx + dy * dy <= 1) return dy < -0.55 ? hair : skin;
    const sx = (x - cx) / (width * 0.46);
    const sy = (y - height * 1.02) / (height * 0.36);
    if (sx * sx + sy * sy <= 1) return shirt;
    if (Math.abs(x - cx) < rx * 0.45 && y > headY + ry * 0.8 && y < height * 0.72) return skin;
    return back;
  });
}
