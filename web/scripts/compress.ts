/**
 * Brotli and gzip copies of the built UI's text files, written next to them
 * (`index-abc.js.br`, `index-abc.js.gz`) and served by @fastify/static (`preCompressed`) to
 * browsers that accept them. A bureau on a slow or metered link downloads the UI's
 * JavaScript and CSS — about 1.5 MB — in a quarter of that. Compressed once at build time,
 * at the highest settings, rather than on every response; only static files are, so no
 * secret ever shares a compressed body with what a visitor sent (BREACH).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.txt',
  '.map',
  '.webmanifest',
]);
/** Below this a file fits in a packet or two anyway. */
const MIN_BYTES = 1024;

export const COMPRESSED_EXTENSIONS = ['.br', '.gz'] as const;

/** Writes the copies for every compressible file under `dir`; returns the bytes before and after (brotli). */
export function compressBuiltFiles(dir: string): { files: number; bytes: number; brotliBytes: number } {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    const content = fs.readFileSync(file);
    if (content.length < MIN_BYTES) continue;
    const brotli = zlib.brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gzip = zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION });
    fs.writeFileSync(`${file}.br`, brotli);
    fs.writeFileSync(`${file}.gz`, gzip);
    totals.files++;
    totals.bytes += content.length;
    totals.brotliBytes += brotli.length;
  }
  return totals;
}

/** Every file under a folder (readdir's `recursive` and `parentPath` need a later Node 20). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Whether a build has its compressed copies (builds made before they were written have none). */
export function hasCompressedCopies(dir: string): boolean {
  const assets = path.join(dir, 'assets');
  return fs.existsSync(assets) && fs.readdirSync(assets).some((name) => name.endsWith('.br'));
}
