/**
 * Photographs without what their files say about them. A camera or phone writes where and
 * when a picture was taken (EXIF GPS), on what device and by whom; editing software adds
 * comments and XMP; a PNG carries text chunks. A Yellow Notice's photograph of a missing
 * child, published on the public website with its metadata, gave anyone the family home's
 * coordinates. Only what a decoder needs to draw the picture is kept; everything else —
 * including bytes after the image's end — is left out, before the picture is stored, hashed
 * and signed.
 *
 * Kept: for PNG the critical chunks and those that change how the pixels look
 * (transparency, gamma, chromaticities, sRGB, significant bits, background, pixel size) —
 * a file with a critical chunk no decoder knows is refused; for JPEG every segment but the application segments — of which only the
 * JFIF header (without its thumbnail) and Adobe's colour transform (needed to decode CMYK)
 * stay; EXIF, XMP, IPTC, FlashPix, ICC profiles and the rest go — and comments; a reserved
 * marker is refused.
 */

const PNG_SIGNATURE = 8;
/** The critical PNG chunks a decoder knows; any other critical chunk makes the file refused. */
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
/**
 * Ancillary PNG chunks that change how the picture is drawn. Not iCCP: its profile carries a
 * free-text name (a phone's owner's, a studio's); sRGB, gamma and chromaticities stay.
 */
const PNG_KEPT = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);
/** JPEG application segments a decoder uses, by marker and the identifier they begin with. */
const JPEG_KEPT_APP = new Map([
  [0xe0, 'JFIF\0'],
  // Not the ICC profile (APP2), whose description and copyright are free text — as PNG's
  // iCCP; nor FlashPix (FPXR), which carries more EXIF.
  [0xee, 'Adobe'],
]);
/** Segments a baseline or progressive JPEG is made of: tables, frames, restart interval. */
const JPEG_KNOWN = (marker: number) =>
  (marker >= 0xc0 && marker <= 0xcf) || marker === 0xdb || marker === 0xdd || marker === 0xdc;
/** A JFIF header's fields before its optional thumbnail: identifier, version, units, densities, thumbnail size. */
const JFIF_HEADER = 14;

/** The picture without its metadata; null when its structure cannot be walked to its end. */
export function withoutMetadata(bytes: Uint8Array, kind: 'image/png' | 'image/jpeg'): Uint8Array | null {
  return kind === 'image/png' ? pngWithout(bytes) : jpegWithout(bytes);
}

function pngWithout(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE)];
  let at = PNG_SIGNATURE;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length; // length, type, data, CRC
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    // A critical chunk has an upper-case first letter: one no decoder knows could carry
    // anything (and a decoder must refuse it), so the picture is refused.
    const critical = type.charCodeAt(0) >= 0x41 && type.charCodeAt(0) <= 0x5a;
    if (critical && !PNG_CRITICAL.has(type)) return null;
    if (critical || PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end));
    if (type === 'IEND') return concat(kept);
    at = end;
  }
  return null; // no IEND: truncated
}

function jpegWithout(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]; // SOI
  let at = 2;
  while (at + 2 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // The first end of image ends the picture: what follows — a second picture (a camera's
    // multi-picture file, a phone's motion photo or gain map), appended bytes — is not it.
    if (marker === 0xd9) return concat([...kept, bytes.subarray(at, at + 2)]);
    // Markers without a length (restart markers, TEM, another SOI) have no place outside a
    // scan: read as having one, they would hide what follows inside a segment kept whole.
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) return null;
    if (at + 4 > bytes.length) return null;
    const length = view.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const end = at + 2 + length;
    if (marker === 0xda) {
      // Start of scan: its header, then compressed data up to the next marker (a stuffed
      // FF 00 and the restart markers belong to the data). A progressive picture's further
      // tables and scans follow, walked like any segment.
      const next = endOfScanData(bytes, end);
      if (next < 0) return null;
      kept.push(bytes.subarray(at, next));
      at = next;
      continue;
    }
    if (marker >= 0xe0 && marker <= 0xef) {
      const identifier = JPEG_KEPT_APP.get(marker);
      const data = bytes.subarray(at + 4, end);
      if (identifier && String.fromCharCode(...data.subarray(0, identifier.length)) === identifier)
        kept.push(marker === 0xe0 ? jfifWithoutThumbnail(data) : bytes.subarray(at, end));
    } else if (JPEG_KNOWN(marker)) kept.push(bytes.subarray(at, end));
    // Comments left out; a reserved marker (JPGn, extensions) could carry anything: refused.
    else if (marker !== 0xfe) return null;
    at = end;
  }
  return null;
}

/** Where a scan's compressed data ends (the next marker's FF), or -1 when no marker follows. */
function endOfScanData(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at + 1 < bytes.length) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        at += 2; // stuffed byte, restart marker
        continue;
      }
      if (next !== 0xff) return at;
    }
    at++;
  }
  return -1;
}

/** A JFIF header may carry a thumbnail — of the picture before it was cropped: kept without. */
function jfifWithoutThumbnail(data: Uint8Array): Uint8Array {
  if (data.length < JFIF_HEADER) return new Uint8Array(0);
  const segment = new Uint8Array(4 + JFIF_HEADER);
  segment.set([0xff, 0xe0, 0, 2 + JFIF_HEADER]);
  segment.set(data.subarray(0, JFIF_HEADER - 2), 4);
  // Thumbnail width and height 0: no thumbnail follows.
  return segment;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
