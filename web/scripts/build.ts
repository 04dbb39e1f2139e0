/**
 * Builds the web UI into web/dist when the build is missing or older than its sources.
 * `npm start` runs this before the server, so that `npm install && npm start` is enough;
 * the browser tests call `ensureWebBuild()` too.
 *
 *   tsx web/scripts/build.ts          build only when missing or stale
 *   tsx web/scripts/build.ts --force  always build
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressBuiltFiles, hasCompressedCopies } from './compress.ts';

export const WEB_DIR = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST_DIR = path.join(WEB_DIR, 'dist');
const REPO_DIR = path.dirname(WEB_DIR);

/** Files whose change makes the build stale. */
function sourceEntries(): string[] {
  return [
    path.join(WEB_DIR, 'src'),
    path.join(WEB_DIR, 'public'),
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    path.join(REPO_DIR, 'package-lock.json'),
  ];
}

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Why a build is needed, or null when web/dist is up to date. */
export function buildNeeded(): string | null {
  const index = path.join(DIST_DIR, 'index.html');
  if (!fs.existsSync(index)) return 'web/dist is missing';
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(...sourceEntries().map(newestMtime));
  if (sources > built) return 'web sources changed since the last build';
  return hasCompressedCopies(DIST_DIR) ? null : 'web/dist has no compressed copies';
}

/**
 * Runs `vite build` into a temporary folder, then swaps it in, so that a server (or a
 * second build) never sees a half-written web/dist.
 */
export async function buildWeb(log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  const { build } = await import('vite');
  const tmp = path.join(WEB_DIR, `.dist-${process.pid}-${Date.now()}`);
  try {
    await build({
      configFile: path.join(WEB_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    });
    const compressed = compressBuiltFiles(tmp);
    log(
      `compressed ${compressed.files} files: ${kb(compressed.bytes)} → ${kb(compressed.brotliBytes)} with brotli`,
    );
    const old = path.join(WEB_DIR, `.dist-old-${process.pid}-${Date.now()}`);
    if (fs.existsSync(DIST_DIR)) fs.renameSync(DIST_DIR, old);
    fs.renameSync(tmp, DIST_DIR);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Builds when missing or stale; returns whether it built. */
export async function ensureWebBuild(
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<boolean> {
  const log = options.log ?? console.log;
  const reason = options.force ? 'build forced' : buildNeeded();
  if (!reason) return false;
  log(`Building the web UI (${reason})…`);
  await buildWeb(log);
  return true;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    await ensureWebBuild({ force: process.argv.includes('--force') });
  } catch (error) {
    // The API still works without the UI: say so, and let the server start.
    console.error('The web UI could not be built:', error instanceof Error ? error.message : error);
    process.exitCode = process.argv.includes('--strict') ? 1 : 0;
  }
}
