import { formatNumber } from '../i18n/format';

/**
 * What the server takes of a photograph (src/platform/images.ts), checked in the browser
 * first so that the officer hears of a wrong file at once: JPEG or PNG, at most 2 MiB,
 * sent as base64 JSON. The server checks again, and strips the picture's metadata.
 */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_ACCEPT = 'image/jpeg,image/png';

export type PhotoKind = 'image/jpeg' | 'image/png';

/** The picture's kind from its first bytes, as the server recognises it — not from its name. */
export async function sniffPhoto(file: File): Promise<PhotoKind | null> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return null;
}

export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** "2", "3.4": megabytes of 1,048,576 bytes, to one decimal, in the reader's digits. */
export const megabytes = (bytes: number) => formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10);
