/**
 * Pictures for tests of what takes photographs (platform/images.ts and its users): a real
 * JPEG as a browser encodes one, and the segments metadata travels in.
 */

/** A real 8 × 6 JPEG, as Chromium encodes a canvas: JFIF header, ICC profile, no metadata. */
export const JPEG = new Uint8Array(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAcEAACAgIDAAAAAAAAAAAAAAABAgADERIhMYH/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABsRAAICAwEAAAAAAAAAAAAAAAECEbEAITFB/9oADAMBAAIRAxEAPwCSCuLmY2ZrI4TXr2IiCO5eJ81oAVfT7lVVAkxZN1zP/9k=',
    'base64',
  ),
);

/** A JPEG segment: marker, length, data. */
export function segment(marker: number, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
}

/** The JPEG as a phone would send it: where it was taken, in EXIF, XMP and a comment. */
export function jpegWithGps(gps: string): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      JPEG.subarray(0, 2),
      segment(0xe1, `Exif\0\0MM\0*${gps}`),
      segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${gps}</x:xmpmeta>`),
      segment(0xfe, gps),
      JPEG.subarray(2),
    ]),
  );
}
