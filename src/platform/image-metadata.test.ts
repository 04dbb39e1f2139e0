import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { portraitPng } from '../notices/portrait.ts';
import { JPEG, segment } from './image-fixtures.ts';
import { withoutMetadata } from './image-metadata.ts';
import { imageSize } from './images.ts';

const GPS = 'GPS 1.2921S 36.8219E taken at the family home';

/** The same picture without its ICC profile (APP2: free-text description and copyright). */
const CLEAN = (() => {
  const app2 = JPEG.indexOf(0xe2, 2) - 1;
  expect(Buffer.from(JPEG.subarray(app2 + 4, app2 + 15)).toString('latin1')).toBe('ICC_PROFILE');
  const end = app2 + 2 + ((JPEG[app2 + 2]! << 8) | JPEG[app2 + 3]!);
  return new Uint8Array(Buffer.concat([JPEG.subarray(0, app2), JPEG.subarray(end)]));
})();

/** A PNG chunk: length, type, data, CRC (not checked by the stripper, left zero). */
function chunk(type: string, data: string): Uint8Array {
  const body = Buffer.from(data, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('photographs without their metadata', () => {
  it('leaves out EXIF, XMP, IPTC, FlashPix, comments and what follows the end of a JPEG', () => {
    const tagged = Buffer.concat([
      JPEG.subarray(0, 2),
      segment(0xe1, `Exif\0\0MM\0*${GPS}`),
      segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS}</x:xmpmeta>`),
      segment(0xed, `Photoshop 3.0\0${GPS}`),
      segment(0xe2, `FPXR\0${GPS}`),
      segment(0xfe, GPS),
      JPEG.subarray(2),
      Buffer.from(`trailing ${GPS}`, 'latin1'),
    ]);
    expect(text(tagged)).toContain(GPS);
    const clean = withoutMetadata(tagged, 'image/jpeg')!;
    expect(text(clean)).not.toContain('GPS');
    // The picture Chromium drew, without its colour profile: nothing a decoder needs was removed.
    expect(Buffer.from(clean).equals(Buffer.from(CLEAN))).toBe(true);
    expect(imageSize(clean)).toEqual({ width: 8, height: 6 });
  });

  it('ends the picture at its first end of image: a second picture appended, or trailing bytes, go', () => {
    // A camera's multi-picture file or a phone's motion photo: another image (with its own
    // EXIF) after the first; or appended bytes that happen to end in FF D9.
    const second = Buffer.concat([
      JPEG.subarray(0, 2),
      segment(0xe1, `Exif\0\0MM\0*${GPS}`),
      JPEG.subarray(2),
    ]);
    for (const tail of [second, Buffer.from(`${GPS}\xff\xd9`, 'latin1')]) {
      const clean = withoutMetadata(Buffer.concat([JPEG, tail]), 'image/jpeg')!;
      expect(text(clean)).not.toContain('GPS');
      expect(Buffer.from(clean).equals(Buffer.from(CLEAN))).toBe(true);
    }
  });

  it('leaves out metadata between a progressive picture’s scans', () => {
    // A segment after the scan's data, before the end of image (as between progressive scans).
    const eoi = JPEG.length - 2;
    const between = Buffer.concat([
      JPEG.subarray(0, eoi),
      segment(0xe1, `Exif\0\0MM\0*${GPS}`),
      segment(0xfe, GPS),
      JPEG.subarray(eoi),
    ]);
    const clean = withoutMetadata(between, 'image/jpeg')!;
    expect(text(clean)).not.toContain('GPS');
    expect(Buffer.from(clean).equals(Buffer.from(CLEAN))).toBe(true);
  });

  it('keeps the JFIF header without its thumbnail, and drops a JFXX thumbnail', () => {
    const app0 = JPEG.subarray(2, 20); // FF E0 00 10 JFIF…
    expect(text(app0.subarray(4, 9))).toBe('JFIF\0');
    const thumbnail = Buffer.from(app0.subarray(4));
    thumbnail[12] = 1; // a 1 × 1 thumbnail follows: three bytes of RGB
    thumbnail[13] = 1;
    const withThumbnail = Buffer.concat([
      JPEG.subarray(0, 2),
      segment(0xe0, Buffer.concat([thumbnail, Buffer.from([1, 2, 3])])),
      segment(0xe0, `JFXX\0\x10${GPS}`),
      JPEG.subarray(20),
    ]);
    const clean = withoutMetadata(withThumbnail, 'image/jpeg')!;
    expect(Buffer.from(clean).equals(Buffer.from(CLEAN))).toBe(true);
  });

  it('leaves out text, EXIF and time chunks and what follows the end of a PNG', () => {
    const png = new Uint8Array(portraitPng(7, 16, 20));
    const iend = png.length - 12;
    const tagged = Buffer.concat([
      png.subarray(0, 33), // signature and IHDR
      chunk('tEXt', `Comment\0${GPS}`),
      chunk('iTXt', `Description\0\0\0\0\0${GPS}`),
      chunk('zTXt', `Comment\0\0${deflateSync(GPS).toString('latin1')}`),
      chunk('eXIf', `MM\0*${GPS}`),
      chunk('tIME', '\x07\xea\x0c\x07\x0e\x00\x00'),
      png.subarray(33, iend),
      chunk('prVt', GPS), // an unknown private chunk
      png.subarray(iend),
      Buffer.from(GPS, 'latin1'),
    ]);
    const clean = withoutMetadata(tagged, 'image/png')!;
    expect(text(clean)).not.toContain('GPS');
    expect(Buffer.from(clean).equals(Buffer.from(png))).toBe(true);
  });

  it('leaves out a JPEG’s colour profile, and refuses a reserved marker', () => {
    expect(Buffer.from(withoutMetadata(JPEG, 'image/jpeg')!).equals(Buffer.from(CLEAN))).toBe(true);
    const reserved = Buffer.concat([JPEG.subarray(0, 2), segment(0xf0, GPS), JPEG.subarray(2)]);
    expect(withoutMetadata(reserved, 'image/jpeg')).toBeNull();
  });

  it('refuses what hides metadata from a segment walker: standalone markers, unknown critical chunks', () => {
    // FF D0 and FF 01 have no length: read as having one, they would wrap an EXIF segment.
    const hidden = Buffer.concat([
      JPEG.subarray(0, 2),
      Buffer.from([0xff, 0xd0, 0xff, 0x01]),
      segment(0xe1, `Exif\0\0MM\0*${GPS}`),
      JPEG.subarray(2),
    ]);
    expect(withoutMetadata(hidden, 'image/jpeg')).toBeNull();
    const png = new Uint8Array(portraitPng(7, 16, 20));
    const critical = Buffer.concat([png.subarray(0, 33), chunk('GPSt', GPS), png.subarray(33)]);
    expect(withoutMetadata(critical, 'image/png')).toBeNull();
    // A colour profile's name is free text: the profile goes (sRGB and gamma stay).
    const profiled = Buffer.concat([
      png.subarray(0, 33),
      chunk('iCCP', `owner-iphone\0\0${GPS}`),
      png.subarray(33),
    ]);
    expect(text(withoutMetadata(profiled, 'image/png')!)).not.toContain('owner-iphone');
  });

  it('refuses a picture whose structure does not reach its end', () => {
    expect(withoutMetadata(JPEG.subarray(0, 300), 'image/jpeg')).toBeNull();
    const png = new Uint8Array(portraitPng(7, 16, 20));
    expect(withoutMetadata(png.subarray(0, png.length - 12), 'image/png')).toBeNull();
    expect(withoutMetadata(png.subarray(0, 40), 'image/png')).toBeNull();
    const lying = Buffer.from(JPEG);
    lying[5] = 0xff; // APP0 claims to run past the end
    expect(withoutMetadata(lying, 'image/jpeg')).toBeNull();
  });
});
