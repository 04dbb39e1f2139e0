import { Type } from '@sinclair/typebox';
import { problems } from './errors.ts';
import { withoutMetadata } from './image-metadata.ts';
import { StringEnum } from './schema.ts';

/**
 * Photographs uploaded to Concord — a notice's subject's, a record's person or object — are
 * small images kept in the database: JPEG or PNG only, recognised by their first bytes
 * whatever the caller says, at most MAX_BYTES each and MAX_SIDE pixels a side, sent as
 * base64 JSON, and stored without their metadata (image-metadata.ts). One set of checks for
 * every capability that takes them.
 */

export const MAX_BYTES = 2 * 1024 * 1024;

export function sniff(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * The largest picture accepted, in pixels: a passport or identity photograph is well under a
 * megapixel, a scene photograph a few. A PNG is compressed, so two megabytes can declare a
 * picture of 16,000 × 16,000 pixels; a PDF print decodes a PNG with transparency whole, and
 * that one took 28 s and 4 GB of memory. Refused at upload, and skipped at print (for
 * pictures stored before).
 */
export const MAX_SIDE = 6000;
export const MAX_PIXELS = 24_000_000;

/** Width and height as the image declares them (PNG IHDR, JPEG start of frame), or null. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniff(bytes);
  if (kind === 'image/png') {
    // Signature, then IHDR first: length 13, type, width, height.
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (kind === 'image/jpeg') {
    // Walk the markers to the first start of frame (SOF0–SOF15 except DHT, JPG and DAC).
    let at = 2;
    while (at + 4 <= bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        at += 2;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (length < 2) return null;
      const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (frame) {
        if (at + 9 > bytes.length) return null;
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
      at += 2 + length;
    }
  }
  return null;
}

/** Why a picture cannot be taken, or null. */
export function sizeProblem(bytes: Uint8Array): string | null {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return 'the image’s dimensions cannot be read';
  if (size.width > MAX_SIDE || size.height > MAX_SIDE || size.width * size.height > MAX_PIXELS)
    return `images are at most ${MAX_SIDE} pixels a side and ${MAX_PIXELS / 1_000_000} megapixels; this one is ${size.width} × ${size.height}`;
  return null;
}

export type ImageType = 'image/jpeg' | 'image/png';

/** The body of an image upload: what notices and records both take (JSON, base64). */
export const imageUploadFields = {
  contentType: StringEnum(['image/jpeg', 'image/png']),
  data: Type.String({ minLength: 8, maxLength: 3_000_000, description: 'The image, base64' }),
};

/** An upload's bytes, checked and without metadata, as they are stored. */
export interface AcceptedImage {
  bytes: Uint8Array;
  contentType: ImageType;
  width: number;
  height: number;
  /** How many bytes of metadata (EXIF, XMP, comments, trailing data) were left out. */
  metadataRemoved: number;
}

/**
 * Reads an uploaded image: base64, within MAX_BYTES, a JPEG or PNG whose first bytes agree
 * with the declared type and whose declared size is within bounds — and returns it without
 * where and when it was taken, and by whom. A 400 naming /body/data (or /body/contentType)
 * otherwise.
 */
export function acceptImage(input: { contentType: ImageType; data: string }): AcceptedImage {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.data.replace(/\s+/g, '')))
    throw problems.invalidField('/body/data', 'must be base64');
  const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
  if (bytes.length > MAX_BYTES) throw problems.invalidField('/body/data', `at most ${MAX_BYTES} bytes`);
  const sniffed = sniff(bytes);
  if (!sniffed) throw problems.invalidField('/body/data', 'is neither a JPEG nor a PNG image');
  if (sniffed !== input.contentType)
    throw problems.invalidField('/body/contentType', `the image is ${sniffed}, not ${input.contentType}`);
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) throw problems.invalidField('/body/data', tooLarge);
  const picture = withoutMetadata(bytes, sniffed);
  if (!picture) throw problems.invalidField('/body/data', 'the image is truncated or malformed');
  const size = imageSize(picture)!;
  return {
    bytes: picture,
    contentType: sniffed,
    width: size.width,
    height: size.height,
    metadataRemoved: bytes.length - picture.length,
  };
}
